"""Copy a workshop to another region: the new region, title and date are asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QWidget

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.workshops import WorkshopRow, duplicate_workshop
from kastedesk.storage.database import Database
from kastedesk.ui.date_field import DateField
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.workshops.choosers import RegionCombo


@dataclass(frozen=True)
class CopyRequest:
    region: str | None
    title: str
    date: dt.date | None


class CopyWorkshopDialog(FormDialog):
    """OK makes the copy (``result_value`` is its id); problems show next to the fields."""

    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(self, db: Database, row: WorkshopRow, parent: QWidget | None = None) -> None:
        super().__init__(
            lambda r: duplicate_workshop(db, row.id, r.region, r.title, r.date), parent
        )
        self.setWindowTitle(_("Copy to another region"))
        self.region = RegionCombo(lambda: _("Choose the region"))
        self.title = QLineEdit(row.title)
        self.title.setMaxLength(300)
        self.title.setMinimumWidth(380)
        self.date = DateField()
        self.form.add_field("region", lambda: _("Region"), self.region)
        self.form.add_field("title", lambda: _("Title"), self.title)
        self.form.add_field("date", lambda: _("Date"), self.date)
        self.title.selectAll()
        self.region.setFocus()

    def collect(self) -> CopyRequest:
        errors = {}
        if self.region.region() is None:
            errors["region"] = _("Choose the region the workshop is held in next.")
        try:
            date = self.date.date()
        except ValueError:
            errors["date"] = _("Write the date as 23.9.2014.")
            date = None
        if errors:
            raise ValidationError(errors)
        return CopyRequest(self.region.region(), self.title.text(), date)
