"""The one error type for bad input, so every front door can answer it the same way."""


class InputError(ValueError):
    """What the person typed cannot be used; the message says why. Nothing was written."""
