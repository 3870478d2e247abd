"""The plan file: how it is stored, opened, locked, changed, checked, backed up and undone.

Everything that touches the bytes on disk lives here; the domain modules in core/
ask for changes through `store.Store` and never read the file themselves.
"""
