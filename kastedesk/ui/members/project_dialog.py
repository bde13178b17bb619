"""Create or edit a project."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from kastedesk.domain.registry_rules import ProjectData
from kastedesk.i18n import _
from kastedesk.ui.date_field import DateField, read_dates
from kastedesk.ui.dialog_base import FormDialog


class ProjectDialog(FormDialog):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(
        self,
        data: ProjectData | None,
        save: Callable[[ProjectData], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("New project") if data is None else _("Edit project"))
        data = data or ProjectData("")
        self.name_fi = QLineEdit(data.name_fi)
        self.name_sv = QLineEdit(data.name_sv)
        self.short_name = QLineEdit(data.short_name)
        self.organisation = QLineEdit(data.organisation)
        self.start_date = DateField(data.start_date)
        self.end_date = DateField(data.end_date)
        for widget in (self.name_fi, self.name_sv):
            widget.setMinimumWidth(420)
        f = self.form
        f.add_field("name_fi", lambda: _("Name in Finnish"), self.name_fi)
        f.add_field("name_sv", lambda: _("Name in Swedish"), self.name_sv)
        f.add_field("short_name", lambda: _("Short name"), self.short_name)
        f.add_field("organisation", lambda: _("Administering organisation"), self.organisation)
        f.add_field("start_date", lambda: _("Start date"), self.start_date)
        f.add_field("end_date", lambda: _("End date"), self.end_date)

    def collect(self) -> ProjectData:
        dates = read_dates({"start_date": self.start_date, "end_date": self.end_date})
        return ProjectData(
            name_fi=self.name_fi.text(),
            name_sv=self.name_sv.text(),
            short_name=self.short_name.text(),
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            organisation=self.organisation.text(),
        )
