"""Confirm ending a membership, on a date (today by default)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.ui.date_field import DateField
from kastedesk.ui.dialog_base import FormDialog


class EndMembershipDialog(FormDialog):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(
        self,
        name: str,
        group: str,
        save: Callable[[dt.date], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("End membership"))
        question = QLabel(
            _("End {name}'s membership of {group}? The person stays in the registry and in "
              "past meetings.").format(name=name, group=group)
        )  # fmt: skip
        question.setWordWrap(True)
        self.form.insertRow(0, question)
        self.end_date = DateField(dt.date.today())
        self.form.add_field("end_date", lambda: _("Last day"), self.end_date)

    def collect(self) -> dt.date:
        try:
            value = self.end_date.date()
        except ValueError:
            raise ValidationError({"end_date": DateField.error()}) from None
        if value is None:
            raise ValidationError({"end_date": _("Enter the last day of the membership.")})
        return value
