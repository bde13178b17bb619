"""Approving minutes asks first: the date, and that the meeting will be locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import _
from kastedesk.ui.dialog_base import FormDialog


class ApproveDialog(FormDialog):
    """*save* gets the approval date and approves (raising ValidationError by field)."""

    help_topic = "approval"  # the user guide's page (F1)

    def __init__(
        self,
        title: str,
        suggested: dt.date,
        save: Callable[[object], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("Approve minutes"))
        self.question = QLabel(
            _(
                "Approve the minutes of {title}? The meeting is then locked: nothing in it "
                "can be changed until it is reopened with a reason."
            ).format(title=title)
        )
        self.question.setWordWrap(True)
        self.form.insertRow(0, self.question)
        self.date = QLineEdit(format_date(suggested))
        self.date.setPlaceholderText(_("e.g. 23.9.2014"))
        self.form.add_field("date", lambda: _("&Approved on"), self.date)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Approve and &lock"))
        self.resize(460, self.sizeHint().height())

    def collect(self) -> dt.date:
        try:
            return parse_date(self.date.text())
        except ValueError:
            raise ValidationError({"date": _("Write the date as 23.9.2014.")}) from None
