"""Errors the storage layer reports; their messages are shown to users."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database could not be opened or used; ``str()`` is a user-facing sentence."""


class NotKasteDeskDatabase(DatabaseError):
    pass


class NewerSchemaError(DatabaseError):
    pass


class RecordChangedError(DatabaseError):
    """Someone saved the record after this user opened it (a lost update refused)."""

    def __init__(self, message: str, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version
