"""A date typed the Finnish way (23.9.2014), empty allowed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit

from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import _
from kastedesk.ui import theme


def invalid_style() -> str:
    """A red border (a red that shows on the palette) instead of the platform's frame.

    A thicker one shows the focus.
    """
    red = theme.foreground(theme.Tone.ERROR).name()
    return (
        f"QLineEdit {{ border: 1px solid {red}; }} QLineEdit:focus {{ border: 2px solid {red}; }}"
    )


class DateField(QLineEdit):
    """Shows a red border while the text is not a date, so mistakes show as they are typed."""

    def __init__(self, value: dt.date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setMaxLength(10)
        self.textChanged.connect(self._mark)
        self.set_date(value)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("d.m.yyyy"))

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value) if value else "")

    def date(self) -> dt.date | None:
        """The date typed, None when empty; ValueError when it is not a date."""
        text = self.text().strip()
        return parse_date(text) if text else None

    def date_or_none(self) -> dt.date | None:
        """The date, or None when empty or not a date (for filters, which just ignore it)."""
        try:
            return self.date()
        except ValueError:
            return None

    def is_valid(self) -> bool:
        try:
            self.date()
        except ValueError:
            return False
        return True

    def _mark(self) -> None:
        self.setStyleSheet("" if self.is_valid() else invalid_style())

    @staticmethod
    def error() -> str:
        return _("Type a date as d.m.yyyy, for example 23.9.2014.")


def read_dates(fields: dict[str, DateField]) -> dict[str, dt.date | None]:
    """The dates typed in *fields* by name; ValidationError naming each bad one."""
    dates: dict[str, dt.date | None] = {}
    errors: dict[str, str] = {}
    for name, field in fields.items():
        try:
            dates[name] = field.date()
        except ValueError:
            errors[name] = DateField.error()
    if errors:
        raise ValidationError(errors)
    return dates
