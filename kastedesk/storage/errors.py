"""Errors the storage layer reports; their messages are shown to users."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database could not be opened or used; ``str()`` is a user-facing sentence."""


class NotKasteDeskDatabase(DatabaseError):
    pass


class NewerSchemaError(DatabaseError):
    pass
