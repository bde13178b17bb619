"""Errors a command reports as one line on stderr with exit status 1."""


class CommandError(Exception):
    """``str()`` is the user-facing reason, already translated."""
