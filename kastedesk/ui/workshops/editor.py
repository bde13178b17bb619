"""The workshop editor: every field of a workshop, checked before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import STATUS_LABELS, WorkshopData, WorkshopStatus
from kastedesk.formatting import format_time, parse_time
from kastedesk.i18n import _
from kastedesk.services.feedback_forms import list_forms
from kastedesk.services.registry import list_projects
from kastedesk.services.workshops import (
    create_workshop,
    list_modules,
    list_people,
    update_workshop,
    workshop_for_edit,
)
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.form_errors import ErrorForm
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict, changed_fields
from kastedesk.ui.workshops.choosers import DateEdit, ModuleCombo, ProjectChooser, RegionCombo


def unknown_count_hint() -> str:
    return _("The number of people; — means not known yet.")


def form_hint() -> str:
    return _(
        "The feedback form used at this workshop. A form changed after responses were typed "
        "in gets a new version number; the responses keep the version they were given on."
    )


def form_language_hint() -> str:
    return _(
        "The language of the printed forms and of the typing screen; by default Swedish "
        "when the coordinator or the region is Swedish-speaking, else Finnish."
    )


class CountSpin(QSpinBox):
    """A count that may be unknown: the lowest value shows as "—" and means None."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, 100_000)
        self.setSpecialValueText("—")
        self.setValue(-1)

    def count(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_count(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)


class WorkshopDialog(QDialog):
    """Create a workshop (``workshop_id`` None) or edit one."""

    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(
        self,
        db: Database,
        workshop_id: int | None = None,
        project_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.workshop_id = workshop_id
        self.saved_id: int | None = None
        self.setObjectName("workshop_dialog")
        self.resize(760, 760)  # long project and module names whole on a laptop screen

        self.project = ProjectChooser(allow_all=False)
        self.title = QLineEdit()
        self.title_sv = QLineEdit()
        self.title_sv.setMaxLength(300)
        self.language = QComboBox()  # the feedback forms' language
        for code in (None, "fi", "sv"):
            self.language.addItem("", code)
        self.module = ModuleCombo(empty_text=lambda: "—", data="id")
        self.region = RegionCombo(empty_text=lambda: "—")
        self.municipality = QLineEdit()
        self.date = DateEdit()
        self.start_time = QLineEdit()
        self.end_time = QLineEdit()
        self.start_time.setAccessibleName(_("Start time"))
        self.end_time.setAccessibleName(_("End time"))
        for edit in (self.start_time, self.end_time):
            edit.setPlaceholderText("9.00")
            edit.setMaximumWidth(80)
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_time)
        row.addWidget(self.end_time)
        row.addStretch(1)
        self.place = QLineEdit()
        self.coordinator = QComboBox()
        self.facilitators = QListWidget()
        self.facilitators.setMaximumHeight(120)
        self.facilitators.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.target_group = QLineEdit()
        self.invited = CountSpin()
        self.attended = CountSpin()
        self.questions = QPlainTextEdit()
        self.questions.setTabChangesFocus(True)
        self.questions.setMaximumHeight(110)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.status = QComboBox()
        for status in WorkshopStatus:
            self.status.addItem("", status.value)
        self.form = QComboBox()

        self.fields = ErrorForm()
        add = self.fields.add_field
        add("project", lambda: _("Project"), self.project)
        add("title", lambda: _("Title"), self.title)
        add("title_sv", lambda: _("Title in Swedish"), self.title_sv)
        add("module", lambda: _("Module / theme"), self.module)
        add("region", lambda: _("Region"), self.region)
        add("municipality", lambda: _("Municipality"), self.municipality)
        add("date", lambda: _("Date"), self.date)
        add("start_time", lambda: _("Time (start, end)"), times)
        add("place", lambda: _("Place"), self.place)
        add("coordinator", lambda: _("Coordinator"), self.coordinator)
        add("facilitators", lambda: _("Facilitators"), self.facilitators)
        add("target_group", lambda: _("Target group"), self.target_group)
        add("invited", lambda: _("Invited"), self.invited, unknown_count_hint)
        add("attended", lambda: _("Attended"), self.attended, unknown_count_hint)
        add("questions", lambda: _("Discussion questions (one per line)"), self.questions)
        add("notes", lambda: _("Notes"), self.notes)
        add("status", lambda: _("Status"), self.status)
        add("form", lambda: _("Feedback form"), self.form, form_hint)
        add("language", lambda: _("Form language"), self.language, form_language_hint)

        body = QWidget()
        body.setLayout(self.fields)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)

        self._people = list_people(db)
        self.coordinator.addItem("—", None)
        for person in self._people:
            self.coordinator.addItem(person.name, person.id)
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.facilitators.addItem(item)
        self._forms = list_forms(db, latest_only=False)
        self.form.addItem("", None)
        for form in self._forms:
            self.form.addItem("", form.id)
        self.project.project_changed.connect(self._project_changed)
        self.project.set_projects(list_projects(db))
        self.expected_version: int | None = None
        self.shown: WorkshopData | None = None
        if workshop_id is not None:
            data, self.expected_version = workshop_for_edit(db, workshop_id)
            self.shown = data
            self.load(data)
        elif project_id is not None:
            self.project.set_project_id(project_id)
        self.retranslate_ui()
        self.title.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit workshop") if self.workshop_id else _("New workshop"))
        self.fields.retranslate()
        self.project.retranslate()
        self.module.retranslate()
        self.region.retranslate()
        self.date.retranslate()
        for n, status in enumerate(WorkshopStatus):
            self.status.setItemText(n, _(STATUS_LABELS[status]))
        lang = i18n.current_language()
        self.form.setItemText(0, _("the default form"))
        self.language.setItemText(0, _("from the coordinator and region"))
        self.language.setItemText(1, i18n.LANGUAGE_NAMES["fi"])
        self.language.setItemText(2, i18n.LANGUAGE_NAMES["sv"])
        for n, form in enumerate(self._forms, start=1):
            self.form.setItemText(
                n, _("{name}, version {version}").format(name=form.name(lang), version=form.version)
            )

    def _project_changed(self, project_id: int | None) -> None:
        self.module.set_modules(list_modules(self.db, project_id) if project_id else [])

    # --- data ---------------------------------------------------------------------------

    def load(self, data: WorkshopData) -> None:
        self.project.set_project_id(data.project_id)
        self.title.setText(data.title)
        self.title_sv.setText(data.title_sv)
        self.language.setCurrentIndex(max(self.language.findData(data.language), 0))
        self.module.set_value(data.module_id)
        self.region.set_region(data.region)
        self.municipality.setText(data.municipality)
        self.date.set_date(data.date)
        self.start_time.setText(format_time(data.start_time))
        self.end_time.setText(format_time(data.end_time))
        self.place.setText(data.place)
        self.coordinator.setCurrentIndex(max(self.coordinator.findData(data.coordinator_id), 0))
        for n in range(self.facilitators.count()):
            item = self.facilitators.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.facilitator_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.target_group.setText(data.target_group)
        self.invited.set_count(data.invited)
        self.attended.set_count(data.attended)
        self.questions.setPlainText("\n".join(data.questions))
        self.notes.setPlainText(data.notes)
        self.status.setCurrentIndex(max(self.status.findData(data.status.value), 0))
        self.form.setCurrentIndex(max(self.form.findData(data.form_id), 0))

    def data(self) -> WorkshopData:
        """The fields as WorkshopData; raises ValidationError for unreadable dates/times."""
        errors: dict[str, str] = {}
        date: dt.date | None = None
        try:
            date = self.date.date()
        except ValueError:
            errors["date"] = _("Write the date as 23.9.2014.")
        times: list[dt.time | None] = []
        for edit in (self.start_time, self.end_time):
            text = edit.text().strip()
            try:
                times.append(parse_time(text) if text else None)
            except ValueError:
                errors["start_time"] = _("Write times as 9.00 or 13.30.")
                times.append(None)
        project_id = self.project.project_id()
        if project_id is None:
            errors["project"] = _("Choose a project.")
        if errors:
            raise ValidationError(errors)
        facilitators = [
            self.facilitators.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.facilitators.count())
            if self.facilitators.item(n).checkState() == Qt.CheckState.Checked
        ]
        return WorkshopData(
            project_id=project_id or 0,
            title=self.title.text(),
            module_id=self.module.value(),
            region=self.region.region(),
            municipality=self.municipality.text(),
            date=date,
            start_time=times[0],
            end_time=times[1],
            place=self.place.text(),
            coordinator_id=self.coordinator.currentData(),
            facilitator_ids=facilitators,
            target_group=self.target_group.text(),
            invited=self.invited.count(),
            attended=self.attended.count(),
            questions=self.questions.toPlainText().splitlines(),
            notes=self.notes.toPlainText(),
            status=WorkshopStatus(self.status.currentData()),
            form_id=self.form.currentData(),
            title_sv=self.title_sv.text(),
            language=self.language.currentData(),
        )

    def accept(self) -> None:
        try:
            data = self.data()
            if self.workshop_id is None:
                self.saved_id = create_workshop(self.db, data)
            else:
                update_workshop(
                    self.db, self.workshop_id, data, expected_version=self.expected_version
                )
                self.saved_id = self.workshop_id
        except RecordChangedError as exc:
            assert self.workshop_id is not None
            now, version = workshop_for_edit(self.db, self.workshop_id)
            changes = changed_fields(self.shown, now, self.fields.captions())
            choice = ask_about_conflict(self, exc, changes)
            if choice is ConflictChoice.OVERWRITE:
                self.expected_version = None
                self.accept()
            elif choice is ConflictChoice.RELOAD:
                self.expected_version, self.shown = version, now
                self.load(now)
            return
        except ValidationError as exc:
            errors = dict(exc.errors)
            if "end_time" in errors:  # start and end share one row and one error line
                errors.setdefault("start_time", errors.pop("end_time"))
            self.fields.show_errors(errors)
            return
        super().accept()
