"""Start my project: a short assistant from an empty database to a working steering group.

Pages: the project, its steering group, the officers (chair, vice-chair,
secretary, presenter), an optional member list, and a last look. Each page
checks its fields with the same rules as the Members tab before Next; Back
keeps what was typed. Nothing is written until Finish, which calls
``project_setup.create_project_setup`` once (one transaction): Cancel, or a
refusal, leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kastedesk.domain.regions import REGIONS
from kastedesk.domain.registry import (
    DOC_LANGUAGE_LABELS,
    ROLE_LABELS,
    DocLanguages,
    GroupKind,
    MinutesStyle,
    QuorumRule,
    Role,
)
from kastedesk.domain.registry_rules import (
    GroupData,
    PersonData,
    ProjectData,
    validate_group,
    validate_project,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_number
from kastedesk.i18n import _, current_language, ngettext
from kastedesk.services import member_import, project_setup
from kastedesk.services.project_setup import (
    OFFICER_ROLES,
    REQUIRED_OFFICERS,
    MemberList,
    ProjectSetup,
    SetupResult,
)
from kastedesk.services.table_files import TableFileError, read_table
from kastedesk.storage.database import Database
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.date_field import DateField, read_dates
from kastedesk.ui.file_dialogs import FileKind, open_file_name
from kastedesk.ui.form_errors import ErrorForm, error_style
from kastedesk.ui.members.group_dialog import MINUTES_CHOICES, GroupDialog

PERSON_FIELDS = ("first_name", "last_name", "email", "organisation")


def regions_hint() -> str:
    return _(
        "One list: Tab comes here and leaves; the arrow keys move from region to region "
        "and Space ticks or unticks the highlighted one."
    )


def group_kind_hint() -> str:
    return _(
        "The assistant sets up the project's steering group. Other groups (a development "
        "group, a regional management group) are added later on the Members tab."
    )


def _add_note(field: QWidget, note: QLabel) -> None:
    """*note* right under *field*, above its error line (ErrorForm's holder column)."""
    holder = field.parentWidget()
    column = holder.layout() if holder is not None else None
    assert isinstance(column, QVBoxLayout)
    column.insertWidget(1, note)


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(error_style())
    label.setWordWrap(True)
    label.hide()
    return label


class ProjectPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.name_fi = QLineEdit()
        self.name_fi.setObjectName("project_name_fi")
        self.name_sv = QLineEdit()
        self.name_sv.setObjectName("project_name_sv")
        self.short_name = QLineEdit()
        self.organisation = QLineEdit()
        self.start_date = DateField()
        self.end_date = DateField()
        self.regions = QListWidget()
        self.regions.setObjectName("regions")
        # All 19 in columns at once: one Tab stop, the arrows move, Space ticks the current one.
        self.regions.setFlow(QListView.Flow.TopToBottom)
        self.regions.setWrapping(True)
        self.regions.setResizeMode(QListView.ResizeMode.Adjust)
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(name) for r in REGIONS for name in (r.fi, r.sv))
        cell = QSize(widest + 36, metrics.height() + 6)
        self.regions.setGridSize(cell)
        self.regions.setFixedHeight(cell.height() * 7 + 8)
        self.regions.setTabKeyNavigation(False)  # Tab leaves the list; arrows stay in it
        for region in REGIONS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, region.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            # As tall as its cell: at the text's own height the dots of Ö and the ring of
            # Å were cut off ("Osterbotten", "Aland").
            item.setSizeHint(cell)
            self.regions.addItem(item)
        # Tab lands on the first region, so Space ticks it at once (without this Qt waits
        # for an arrow key before Space does anything); not selected: only ticks choose.
        self.regions.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.form = ErrorForm()
        f = self.form
        f.add_field("name_fi", lambda: _("Name in Finnish"), self.name_fi)
        f.add_field("name_sv", lambda: _("Name in Swedish"), self.name_sv)
        f.add_field("short_name", lambda: _("Short name"), self.short_name)
        f.add_field("organisation", lambda: _("Administering organisation"), self.organisation)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_date)
        self.dash = QLabel("–")
        row.addWidget(self.dash)
        row.addWidget(self.end_date)
        row.addStretch(1)
        f.add_field("start_date", lambda: _("Project period"), dates)
        f.add_field("regions", lambda: _("Regions taking part"), self.regions, regions_hint)
        self.regions_note = QLabel()  # a visible word on the keys: the list looks like boxes
        self.regions_note.setObjectName("regions_note")
        self.regions_note.setWordWrap(True)
        _add_note(self.regions, self.regions_note)
        layout = QVBoxLayout(self)
        layout.addLayout(f)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Your project"))
        self.setSubTitle(
            _("The project's names as they appear in documents; the Swedish name may wait.")
        )
        self.form.retranslate()
        self.regions_note.setText(_("Arrow keys move between the regions; Space ticks."))
        self.start_date.setAccessibleName(_("Start date"))  # two fields on one captioned row
        self.end_date.setAccessibleName(_("End date"))
        lang = current_language()
        for index, region in enumerate(REGIONS):
            self.regions.item(index).setText(region.name(lang))

    def region_codes(self) -> list[str]:
        return [
            self.regions.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.regions.count())
            if self.regions.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_regions(self, codes: list[str]) -> None:
        for i in range(self.regions.count()):
            item = self.regions.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def data(self) -> ProjectData:
        """The project typed in; ValidationError for a date that is not a date."""
        dates = read_dates({"start_date": self.start_date, "end_date": self.end_date})
        return ProjectData(
            name_fi=self.name_fi.text(),
            name_sv=self.name_sv.text(),
            short_name=self.short_name.text(),
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            organisation=self.organisation.text(),
        )

    def validatePage(self) -> bool:
        try:
            errors = validate_project(self.data())
        except ValidationError as exc:
            errors = exc.errors
        if end := errors.pop("end_date", ""):  # shown under the period's two dates
            both = (errors.get("start_date", ""), end)
            errors["start_date"] = " ".join(dict.fromkeys(m for m in both if m))
        self.form.show_errors(errors)
        if end and len(errors) == 1:
            self.end_date.setFocus()
        return not errors


class _GroupForm(GroupDialog):
    """The group dialog's fields inside a page: Enter and Escape belong to the assistant."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        QWidget.keyPressEvent(self, event)  # passed on to the wizard

    def done(self, _result: int) -> None:
        """Never closes on its own."""


class GroupPage(QWizardPage):
    """The steering group's rules: the Members tab's group form, on a page."""

    def __init__(self) -> None:
        super().__init__()
        # The group dialog's fields and checks, without its buttons.
        self.editor = _GroupForm(self.default_data(), lambda _data: 0, self)
        self.editor.setWindowFlags(Qt.WindowType.Widget)  # a part of this page, not a window
        self.editor.buttons.hide()
        if (editor_layout := self.editor.layout()) is not None:
            editor_layout.setContentsMargins(0, 0, 0, 0)
        self.editor.kind.setEnabled(False)  # the assistant makes the steering group
        self.kind_note = QLabel()  # why the greyed kind cannot be changed here
        self.kind_note.setObjectName("kind_note")
        self.kind_note.setWordWrap(True)
        _add_note(self.editor.kind, self.kind_note)
        self.editor.help_topic = "start"  # F1: the assistant's page, not the Members tab's
        self.form: ErrorForm = self.editor.form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.retranslate_ui()

    @staticmethod
    def default_data() -> GroupData:
        """The usual steering group; in the Swedish interface its documents in both languages."""
        languages = DocLanguages.FI_SV if current_language() == "sv" else DocLanguages.FI
        return GroupData(
            name_fi="Ohjausryhmä",
            name_sv="Styrgrupp",
            kind=GroupKind.STEERING,
            languages=languages,
        )

    def retranslate_ui(self) -> None:
        self.setTitle(_("The steering group"))
        self.setSubTitle(
            _("How meetings work: the quorum, when documents are sent and in which languages.")
        )
        self.form.retranslate()
        hint = group_kind_hint()
        self.kind_note.setText(hint)
        self.editor.kind.setToolTip(hint)  # Qt shows tooltips on disabled fields too
        self.editor.kind.setAccessibleDescription(hint)

    def data(self) -> GroupData:
        data = self.editor.collect()
        data.kind = GroupKind.STEERING
        return data

    def validatePage(self) -> bool:
        errors = validate_group(self.data())
        self.form.show_errors(errors)
        return not errors


class OfficersPage(QWizardPage):
    """The chair, vice-chair, secretary and presenter: one row each."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[Role, dict[str, QLineEdit]] = {}
        self.errors: dict[Role, QLabel] = {}
        self.role_labels: dict[Role, QLabel] = {}
        self.headers = [QLabel() for _name in PERSON_FIELDS]
        grid = QGridLayout(self)
        for column, header in enumerate(self.headers, start=1):
            grid.addWidget(header, 0, column)
        for index, role in enumerate(OFFICER_ROLES):
            row = 1 + index * 2
            label = QLabel()
            self.role_labels[role] = label
            grid.addWidget(label, row, 0)
            edits = {}
            for column, name in enumerate(PERSON_FIELDS, start=1):
                edit = QLineEdit()
                edit.setObjectName(f"{role.value}_{name}")
                edits[name] = edit
                grid.addWidget(edit, row, column)
            label.setBuddy(edits["first_name"])
            self.fields[role] = edits
            error = _error_label()
            error.setObjectName(f"error_{role.value}")
            self.errors[role] = error
            grid.addWidget(error, row + 1, 1, 1, len(PERSON_FIELDS))
        self.same_note = QLabel()
        self.same_note.setWordWrap(True)
        grid.addWidget(self.same_note, 1 + len(OFFICER_ROLES) * 2, 0, 1, len(PERSON_FIELDS) + 1)
        grid.setRowStretch(2 + len(OFFICER_ROLES) * 2, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Chair, vice-chair, secretary and presenter"))
        self.setSubTitle(
            _("The chair and the secretary are needed now; the others can be added later.")
        )
        texts = (_("First name"), _("Last name"), _("Email"), _("Organisation"))
        for header, text in zip(self.headers, texts, strict=True):
            header.setText(text)
        for role, label in self.role_labels.items():
            text = _(ROLE_LABELS[role])
            text = text[:1].upper() + text[1:]
            label.setText(text + (" *" if role in REQUIRED_OFFICERS else ""))
        self.same_note.setText(
            _("* needed. The same name in two rows is one person with two roles.")
        )

    def person(self, role: Role) -> PersonData:
        edits = self.fields[role]
        return PersonData(
            first_name=edits["first_name"].text(),
            last_name=edits["last_name"].text(),
            email=edits["email"].text(),
            organisation=edits["organisation"].text(),
            language="sv" if current_language() == "sv" else "fi",
        )

    def officers(self) -> dict[Role, PersonData]:
        return {role: self.person(role) for role in OFFICER_ROLES}

    def validatePage(self) -> bool:
        first_bad: QLineEdit | None = None
        for role in OFFICER_ROLES:
            errors = project_setup.officer_errors(role, self.person(role))
            label = self.errors[role]
            label.setText(" ".join(dict.fromkeys(errors.values())))
            label.setVisible(bool(errors))
            if errors and first_bad is None:
                name = next((k for k in errors if k in PERSON_FIELDS), "first_name")
                first_bad = self.fields[role][name]
        if first_bad is not None:
            first_bad.setFocus()
        return first_bad is None


class MembersPage(QWizardPage):
    """An optional member list (.xlsx or .csv), previewed before anything is written."""

    def __init__(self, wizard: ProjectSetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.members: MemberList | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Enter goes Next as on the other pages; these are pressed with Space or Alt+letter.
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose_members_file")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.clear_button = QPushButton()
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        self.file_label = QLabel()
        self.file_label.setObjectName("members_file")
        self.report = QPlainTextEdit()
        self.report.setObjectName("members_preview")
        self.report.setReadOnly(True)
        self.error = _error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.report, 1)
        self.retranslate_ui()
        self._show()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Members (optional)"))
        self.setSubTitle(_("Import the other members from a spreadsheet, or add them later."))
        self.intro.setText(
            _(
                "A list in Excel (.xlsx) or CSV with a header row: first name, last name and, "
                "if you have them, title, organisation, email, phone and role. Rows that "
                "cannot be read are listed here and left out."
            )
        )
        self.choose_button.setText(_("C&hoose a file…"))
        self.clear_button.setText(_("&Without a member list"))
        self._show()

    def choose_file(self) -> None:
        path = open_file_name(
            self,
            FileKind.IMPORTS,
            _("Member list"),
            _("Spreadsheets (*.xlsx *.csv)") + ";;" + _("All files (*)"),
        )
        if path is not None:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> bool:
        """Read *path* and preview it against the setup typed so far."""
        try:
            with busy_cursor():  # a workbook of 10,000 rows takes about two seconds
                table = read_table(path)
        except TableFileError as exc:
            return self._refuse(str(exc))
        self.members = MemberList(table, project_setup.mapping_for(table.headers), path.name)
        try:
            plan = project_setup.preview_members(self._wizard.db, self._wizard.setup())
        except ValidationError as exc:
            self.members = None
            return self._refuse(" ".join(dict.fromkeys(exc.errors.values())))
        self.error.hide()
        lines = member_import.report_lines(plan) if plan is not None else []
        if lines:  # the report speaks of "added", but nothing is saved before Finish
            lines.insert(0, _("Preview – saved only when you press Finish:"))
        self.report.setPlainText("\n".join(lines))
        self._show()
        return True

    def _refuse(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        self.report.clear()
        self._show()
        return False

    def clear(self) -> None:
        self.members = None
        self.report.clear()
        self.error.hide()
        self._show()

    def _show(self) -> None:
        self.file_label.setText(
            self.members.name if self.members is not None else _("No file chosen.")
        )
        self.clear_button.setEnabled(self.members is not None)


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ProjectSetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.text = QLabel()
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.error = _error_label()
        self.error.setObjectName("error_summary")
        self.open_meeting = QCheckBox()  # else the assistant ends on the Members tab
        self.open_meeting.setObjectName("open_meeting")
        self.open_meeting.setChecked(True)  # the assistant's aim: a first meeting planned
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.open_meeting)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Ready"))
        self.setSubTitle(_("Nothing has been saved yet. Finish saves all of this at once."))
        self.open_meeting.setText(_("Then &plan the first meeting"))

    def initializePage(self) -> None:
        self.error.hide()
        self.text.setText(self._wizard.summary_text())


def _days(days: int) -> str:
    return ngettext("{days} day before the meeting", "{days} days before the meeting", days).format(
        days=format_number(days, digits=0)
    )


def group_rule_lines(group: GroupData) -> list[str]:
    """The group's quorum rule, lead times, document languages and minutes, for a last look."""
    if group.quorum_rule == QuorumRule.FIXED and group.quorum_min is not None:
        quorum = _("at least {count} voting members present").format(
            count=format_number(group.quorum_min, digits=0)
        )
    else:
        quorum = _("more than half of the voting members present")
    if group.chair_or_vice_required:
        quorum = _("{rule}, the chair or the vice-chair among them").format(rule=quorum)
    minutes: Callable[[], str] = MINUTES_CHOICES[MinutesStyle(group.minutes_style)]
    return [
        _("Quorum: {rule}").format(rule=quorum),
        _("Agenda sent: {when}").format(when=_days(group.agenda_lead_days)),
        _("Attachments sent: {when}").format(when=_days(group.attachments_lead_days)),
        _("Document languages: {languages}").format(
            languages=_(DOC_LANGUAGE_LABELS[DocLanguages(group.languages)])
        ),
        _("Minutes: {style}").format(style=minutes()),
    ]


class ProjectSetupWizard(QWizard):
    """Collects a :class:`ProjectSetup` and saves it once, on Finish."""

    help_topic = "start"  # the user guide's page (F1)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("project_setup_wizard")
        self.db = db
        self.result_ids: SetupResult | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.project_page = ProjectPage()
        self.group_page = GroupPage()
        self.officers_page = OfficersPage()
        self.members_page = MembersPage(self)
        self.summary_page = SummaryPage(self)
        for page in (
            self.project_page,
            self.group_page,
            self.officers_page,
            self.members_page,
            self.summary_page,
        ):
            self.addPage(page)
        self.resize(900, 620)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Start my project"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))

    def setup(self) -> ProjectSetup:
        """Everything typed so far (dates already checked by the project page)."""
        try:
            project = self.project_page.data()
        except ValidationError:
            project = ProjectData(self.project_page.name_fi.text())
        return ProjectSetup(
            project=project,
            group=self.group_page.data(),
            regions=self.project_page.region_codes(),
            officers=self.officers_page.officers(),
            members=self.members_page.members,
        )

    def summary_text(self) -> str:
        setup = self.setup()
        lang = current_language()
        project = setup.project
        regions = [r.name(lang) for r in REGIONS if r.code in setup.regions]
        lines = [
            _("Project: {name}").format(
                name=" / ".join(n for n in (project.name_fi, project.name_sv) if n.strip())
            ),
            _("Regions taking part: {regions}").format(regions=", ".join(regions) or "–"),
            _("Group: {name}").format(
                name=" / ".join(n for n in (setup.group.name_fi, setup.group.name_sv) if n)
            ),
            *group_rule_lines(setup.group),
        ]
        for role in OFFICER_ROLES:
            person = setup.officers.get(role)
            if not project_setup.officer_blank(person):
                assert person is not None
                role_name = _(ROLE_LABELS[role])
                name = f"{person.first_name.strip()} {person.last_name.strip()}"
                lines.append(f"{role_name[:1].upper()}{role_name[1:]}: {name}")
        if setup.members is not None:
            lines.append(self._member_list_line(setup))
        return "\n".join(lines)

    def _member_list_line(self, setup: ProjectSetup) -> str:
        """The member list's file, with how many join and how many are left out."""
        assert setup.members is not None
        try:
            plan = project_setup.preview_members(self.db, setup)
        except ValidationError:
            plan = None  # the page before names the problem; Finish checks again
        if plan is None:
            return _("Member list: {file}").format(file=setup.members.name)
        return _("Member list: {file} – {joining} join the group, {rejected} left out").format(
            file=setup.members.name,
            joining=plan.count(member_import.RowStatus.NEW)
            + plan.count(member_import.RowStatus.MATCHED),
            rejected=plan.count(member_import.RowStatus.REJECTED),
        )

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.summary_page:
            return super().validateCurrentPage()
        try:
            self.result_ids = project_setup.create_project_setup(self.db, self.setup())
        except ValidationError as exc:
            self.summary_page.error.setText(" ".join(dict.fromkeys(exc.errors.values())))
            self.summary_page.error.show()
            return False
        return True

    @property
    def plan_first_meeting(self) -> bool:
        return self.summary_page.open_meeting.isChecked()
