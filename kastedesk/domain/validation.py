"""Validation errors keyed by field, so a dialog can show each next to its field."""

from __future__ import annotations


class ValidationError(Exception):
    """*errors* maps a field name to a translated message; "" is the whole form."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
