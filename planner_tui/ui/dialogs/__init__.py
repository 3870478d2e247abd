"""Modal screens that ask one thing and dismiss with the answer (`ModalScreen[T]`).

A dialog writes nothing: it returns what the person chose or typed to whoever
opened it (a flow in ui/flows/, or the session for a conflict). The forms stay
open until the session says the change is saved (dialogs/forms.py).
"""
