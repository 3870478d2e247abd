"""The error types every front door answers the same way: bad input, and a save that failed."""


class InputError(ValueError):
    """What the person typed cannot be used; the message says why. Nothing was written."""


class SaveError(Exception):
    """A commit could not be written (disk full, permission denied, an unsafe side folder);
    the message says why, and the file is unchanged."""
