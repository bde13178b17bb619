"""The Members tab: choose a project and group, see and change its people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.registry import DocLanguages, MinutesStyle, QuorumRule
from kastedesk.domain.registry_rules import PersonData
from kastedesk.file_names import ascii_name
from kastedesk.formatting import format_count
from kastedesk.i18n import N_, _, current_language, ngettext, pgettext
from kastedesk.services import member_export, member_import, personal_data, registry
from kastedesk.services.registry import GroupRow, MemberRow, ProjectRow
from kastedesk.services.table_files import TableFileError, read_table
from kastedesk.storage.database import Database
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.combo_fit import grow_to_items, tip_choice
from kastedesk.ui.draft_keeper import DraftKeeper
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.file_dialogs import FileKind, open_file_name, save_file_name
from kastedesk.ui.flow_layout import FlowLayout, together
from kastedesk.ui.help.shortcuts import name_shortcut, native
from kastedesk.ui.members.end_dialog import EndMembershipDialog
from kastedesk.ui.members.group_dialog import GroupDialog
from kastedesk.ui.members.import_dialog import ImportDialog
from kastedesk.ui.members.member_dialog import MemberDialog, MemberInput, PersonChoice
from kastedesk.ui.members.member_table import make_model
from kastedesk.ui.members.project_dialog import ProjectDialog
from kastedesk.ui.modal import open_window_modal, run_modal
from kastedesk.ui.row_table_model import fit_columns, one_line_rows
from kastedesk.ui.tab_page import TabPage

if TYPE_CHECKING:  # the worker imports the bundle services: not before the tab's data shows
    from kastedesk.ui.bundles.worker import Job

NATIVE = QKeySequence.SequenceFormat.NativeText


def group_summary(group: GroupRow) -> str:
    """One line about the group's rules, e.g. for the Members tab."""
    if group.quorum_rule == QuorumRule.FIXED:
        quorum = _("quorum: at least {n} voting members").format(n=group.quorum_min)
    else:
        quorum = _("quorum: more than half of the voting members")
    if group.chair_or_vice_required:
        quorum += _(", chair or vice-chair present")
    languages = {
        DocLanguages.FI: _("in Finnish"),
        DocLanguages.SV: _("in Swedish"),
        DocLanguages.FI_SV: _("in Finnish and Swedish"),
    }[group.languages]
    style = _("formal minutes") if group.minutes_style == MinutesStyle.FORMAL else _("memo")
    text = _(
        "{quorum} · agenda {agenda} and attachments {attachments} days before · "
        "documents {languages} · {style}"
    ).format(
        quorum=quorum,
        agenda=group.agenda_lead_days,
        attachments=group.attachments_lead_days,
        languages=languages,
        style=style,
    )
    return text[:1].upper() + text[1:]


class MembersPage(TabPage):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.projects: list[ProjectRow] = []
        self.groups: list[GroupRow] = []
        self.today = dt.date.today()

        self.project_label = QLabel()
        self.project_combo = QComboBox()
        self.project_combo.setMinimumContentsLength(28)
        self.project_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )  # and wider, to the longest name, where the bar has room (grow_to_items)
        self.project_combo.setObjectName("project_combo")
        tip_choice(self.project_combo)  # a long name is cut short where the bar is narrow
        self.new_project_button = QPushButton()
        self.edit_project_button = QPushButton()
        self.group_label = QLabel()
        self.group_combo = QComboBox()
        self.group_combo.setMinimumContentsLength(24)
        self.group_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group_combo.setObjectName("group_combo")
        tip_choice(self.group_combo)
        self.new_group_button = QPushButton()
        self.edit_group_button = QPushButton()
        self.project_label.setBuddy(self.project_combo)
        self.group_label.setBuddy(self.group_combo)
        self.group_info = QLabel()
        self.group_info.setObjectName("group_info")
        self.group_info.setWordWrap(True)

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setObjectName("member_filter")
        self.show_ended = QCheckBox()
        self.count_label = QLabel()

        self.model = make_model(self.today)
        self.view = QTableView()
        self.view.setObjectName("member_table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAlternatingRowColors(True)
        one_line_rows(self.view)
        self.view.horizontalHeader().setResizeContentsPrecision(200)  # fast with 10,000 rows

        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.end_button = QPushButton()
        self.remove_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        # Writing 10,000 people to a workbook takes about two seconds: in a worker thread,
        # with this busy bar and a word next to it while it runs (start_export_members).
        self.export_status = QLabel()
        self.export_progress = QProgressBar()
        self.export_progress.setRange(0, 0)
        self.export_progress.setMaximumWidth(120)
        self.export_progress.setTextVisible(False)
        for widget in (self.export_status, self.export_progress):
            widget.hide()
        self._export: Job | None = None

        self._build_layout()
        self._create_actions()
        self._connect()
        self.empty_state = EmptyState(
            self.view,
            lambda: _(
                "No people in this group yet. Add them one by one, or import a list "
                "from Excel with “Import…”."
            ),
            lambda: _("Add the first person"),
            self.add_member,
            "Ctrl+N",
            is_empty=lambda: self.current_group() is not None and not self.model.all_rows(),
        )
        self.retranslate_ui()
        self._update_buttons()

    # --- construction -----------------------------------------------------------------

    def _build_layout(self) -> None:
        chooser = FlowLayout()  # wraps on a narrow screen (150 % on 1366×768)
        chooser.addWidget(together(self.project_label, self.project_combo))
        chooser.addWidget(together(self.new_project_button, self.edit_project_button))
        chooser.addWidget(together(self.group_label, self.group_combo))
        chooser.addWidget(together(self.new_group_button, self.edit_group_button))
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.show_ended)
        filter_row.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.end_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.export_status)
        buttons.addWidget(self.export_progress)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.group_info)
        layout.addLayout(filter_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _action(
        self, shortcut: QKeySequence | QKeySequence.StandardKey, slot, on: QWidget
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        on.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.action_find = self._action(QKeySequence.StandardKey.Find, self.focus_filter, self)
        self.action_add = self._action(QKeySequence.StandardKey.New, self.add_member, self)
        self.action_end = self._action(
            QKeySequence(Qt.Key.Key_Delete), self.end_membership, self.view
        )
        name_shortcut(self.action_find, N_("Filter the list"))
        name_shortcut(self.action_add, N_("Add a person"))
        name_shortcut(self.action_end, N_("End the chosen membership"))
        # Personal data (GDPR): in the table's context menu (right click or the menu key).
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.action_export_person = QAction(self)
        self.action_export_person.triggered.connect(lambda: self.export_person_data())
        self.action_erase_person = QAction(self)
        self.action_erase_person.triggered.connect(self.erase_person_data)
        self.view.addActions([self.action_export_person, self.action_erase_person])

    def _connect(self) -> None:
        self.project_combo.currentIndexChanged.connect(self._project_changed)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.show_ended.toggled.connect(self.reload_members)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.new_project_button.clicked.connect(self.new_project)
        self.edit_project_button.clicked.connect(self.edit_project)
        self.new_group_button.clicked.connect(self.new_group)
        self.edit_group_button.clicked.connect(self.edit_group)
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_member)
        self.end_button.clicked.connect(self.end_membership)
        self.remove_button.clicked.connect(self.remove_member)
        self.import_button.clicked.connect(lambda: self.import_members())
        self.export_button.clicked.connect(lambda: self.start_export_members())

    def retranslate_ui(self) -> None:
        self.filter_edit.setAccessibleName(_("Filter the people"))
        self.view.setAccessibleName(_("People in the group"))
        self.project_label.setText(_("&Project:"))
        self.group_label.setText(_("&Group:"))
        self.new_project_button.setText(_("New project…"))
        self.edit_project_button.setText(_("Edit project…"))
        self.new_group_button.setText(_("New group…"))
        self.edit_group_button.setText(_("Edit group…"))
        self.filter_edit.setPlaceholderText(_("Filter by any column (Ctrl+F)"))
        self.show_ended.setText(_("Show ended memberships"))
        self.add_button.setText(_("&Add person…"))
        self.add_button.setToolTip(self.action_add.shortcut().toString(NATIVE))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(native("Enter"))
        self.end_button.setText(_("End &membership…"))
        self.end_button.setToolTip(self.action_end.shortcut().toString(NATIVE))
        self.remove_button.setText(_("&Remove from group…"))
        self.import_button.setText(_("&Import…"))
        self.export_button.setText(_("E&xport…"))
        self.export_status.setText(_("Exporting people…"))
        self.export_progress.setAccessibleName(_("Exporting people…"))
        self.action_export_person.setText(_("Export &personal data…"))
        self.action_export_person.setStatusTip(
            _("Write everything stored about this person to a JSON file")
        )
        self.action_erase_person.setText(_("E&rase personal data…"))
        self.action_erase_person.setStatusTip(
            _("Remove this person's contact details and name; approved minutes keep theirs")
        )
        if self.loaded:
            self._fill_projects(self.current_project_id())
        self.model.refresh_texts()
        self._update_count()
        self.empty_state.update_state()

    # --- data -------------------------------------------------------------------------

    def read_data(self) -> None:
        remembered = self.settings().value("members/group")
        groups = registry.list_groups(self.db)
        group = next((g for g in groups if str(g.id) == str(remembered)), None)
        self._fill_projects(group.project_id if group else None, group.id if group else None)

    def refresh_after_outside_change(self) -> None:
        """Projects, groups and people again; the same group and person stay selected."""
        group = self.current_group()
        self._fill_projects(self.current_project_id(), group.id if group else None)
        self.reload_members()

    def select_group(self, project_id: int, group_id: int) -> None:
        """Show *group_id* of *project_id* (after the first-run assistant made them)."""
        self._fill_projects(project_id, group_id)

    def current_project_id(self) -> int | None:
        chosen: int | None = self.project_combo.currentData()
        return chosen

    def current_group(self) -> GroupRow | None:
        group_id = self.group_combo.currentData()
        return next((g for g in self.groups if g.id == group_id), None)

    def _fill_projects(self, select_id: int | None, group_id: int | None = None) -> None:
        group = self.current_group()
        group_id = group_id if group_id is not None else (group.id if group else None)
        self.projects = registry.list_projects(self.db)
        lang = current_language()
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        for project in self.projects:
            self.project_combo.addItem(project.label(lang), project.id)
        index = self.project_combo.findData(select_id)
        self.project_combo.setCurrentIndex(index if index >= 0 else (0 if self.projects else -1))
        self.project_combo.blockSignals(False)
        grow_to_items(self.project_combo)
        self._fill_groups(group_id)

    def _fill_groups(self, select_id: int | None) -> None:
        project_id = self.current_project_id()
        self.groups = [] if project_id is None else registry.list_groups(self.db, project_id)
        lang = current_language()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in self.groups:
            self.group_combo.addItem(group.name(lang), group.id)
        index = self.group_combo.findData(select_id)
        self.group_combo.setCurrentIndex(index if index >= 0 else (0 if self.groups else -1))
        self.group_combo.blockSignals(False)
        grow_to_items(self.group_combo)
        self._group_changed()

    def _project_changed(self) -> None:
        self._fill_groups(None)

    def _group_changed(self) -> None:
        group = self.current_group()
        if group is not None:
            self.settings().setValue("members/group", group.id)
        self.group_info.setText(group_summary(group) if group else self._empty_hint())
        self.reload_members()
        fit_columns(self.view)

    def _empty_hint(self) -> str:
        if not self.projects:
            return _("No projects yet: create one with “New project…”, or load the demo data "
                     "from the File menu.")  # fmt: skip
        return _("This project has no groups yet: create one with “New group…”.")

    def reload_members(self) -> None:
        group = self.current_group()
        rows: list[MemberRow] = []
        if group is not None:
            self.today = dt.date.today()
            rows = registry.member_rows(self.db, group.id)
            if not self.show_ended.isChecked():
                rows = [r for r in rows if r.is_active(self.today)]
        selected = self.selected_row()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_membership(selected.membership_id)
        self._update_count()

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = len(self.model.all_rows())
        if shown == total:
            text = ngettext("{n} person", "{n} people", total).format(n=format_count(total))
        else:
            text = _("{shown} of {total} shown").format(
                shown=format_count(shown), total=format_count(total)
            )
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        has_group = self.current_group() is not None
        has_row = self.selected_row() is not None
        for widget in (self.add_button, self.import_button, self.export_button,
                       self.edit_group_button):  # fmt: skip
            widget.setEnabled(has_group)
        if self._export is not None:
            self.export_button.setEnabled(False)  # one export at a time
        self.action_add.setEnabled(has_group)
        self.edit_project_button.setEnabled(self.current_project_id() is not None)
        self.new_group_button.setEnabled(self.current_project_id() is not None)
        for widget in (self.edit_button, self.end_button, self.remove_button):
            widget.setEnabled(has_row)
        self.action_end.setEnabled(has_row)
        self.action_export_person.setEnabled(has_row)
        self.action_erase_person.setEnabled(has_row)

    def selected_row(self) -> MemberRow | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def select_membership(self, membership_id: int) -> None:
        position = self.model.position_of(lambda r: r.membership_id == membership_id)
        if position is not None:
            self.view.selectRow(position)
            self.view.scrollTo(self.model.index(position, 0))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # --- dialogs ------------------------------------------------------------------------

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show *dialog* modally; tests replace this to fill it in."""
        return run_modal(dialog) == QDialog.DialogCode.Accepted

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        if details:
            box.setDetailedText(details)
        open_window_modal(box)  # not blocking

    def warn(self, title: str, text: str) -> None:
        open_window_modal(QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self))

    def new_project(self) -> None:
        db = self.db
        dialog = ProjectDialog(None, lambda data: registry.save_project(db, data), self)
        if self.run_dialog(dialog):
            self._fill_projects(dialog.result_value)  # type: ignore[arg-type]  # the saved id

    def edit_project(self) -> None:
        project = next((p for p in self.projects if p.id == self.current_project_id()), None)
        if project is None:
            return
        db = self.db
        dialog = ProjectDialog(
            registry.project_data(project),
            lambda data: registry.save_project(db, data, project.id, dialog.expected_version),
            self,
        )
        dialog.expected_version = project.row_version
        dialog.shown = project
        dialog.stored_now = lambda: next(
            p for p in registry.list_projects(db) if p.id == project.id
        )
        if self.run_dialog(dialog) or dialog.reload_requested:
            self._fill_projects(project.id)

    def new_group(self) -> None:
        project_id = self.current_project_id()
        if project_id is None:
            return
        db = self.db
        dialog = GroupDialog(None, lambda data: registry.save_group(db, data, project_id), self)
        if self.run_dialog(dialog):
            self._fill_groups(dialog.result_value)  # type: ignore[arg-type]  # the saved id

    def edit_group(self) -> None:
        group = self.current_group()
        if group is None:
            return
        db = self.db
        dialog = GroupDialog(
            registry.group_data(group),
            lambda data: registry.save_group(
                db, data, group.project_id, group.id, dialog.expected_version
            ),
            self,
        )
        dialog.expected_version = group.row_version
        dialog.shown = group
        dialog.stored_now = lambda: registry.get_group(db, group.id)
        if self.run_dialog(dialog) or dialog.reload_requested:
            self._fill_groups(group.id)

    def _group_members(self, group: GroupRow) -> list[MemberRow]:
        return [r for r in registry.member_rows(self.db, group.id) if r.is_active(dt.date.today())]

    def add_member(self, draft: dict[str, Any] | None = None) -> None:
        group = self.current_group()
        if group is None:
            return
        db = self.db
        people = [
            PersonChoice(pid, person_label(p), p)
            for pid, p in registry.people_outside_group(db, group.id)
        ]

        def save(value: object) -> int:
            assert isinstance(value, MemberInput)
            return registry.add_member(
                db, group.id, value.person, value.membership, value.person_id
            )

        dialog = MemberDialog(None, self._group_members(group), save, people, self)
        self._keep_drafts(dialog, f"member-new-{group.id}", group)
        if draft:
            dialog.set_raw_values(draft)
        if self.run_dialog(dialog):
            self.reload_members()
            self.select_membership(dialog.result_value)  # type: ignore[arg-type]  # the saved id

    def _keep_drafts(self, dialog: MemberDialog, key: str, group: GroupRow) -> None:
        """Typing in the dialog survives a crash; closing it either way drops the draft."""

        def snapshot() -> tuple[str, str, dict[str, Any]] | None:
            if not dialog.has_changes():
                return None
            values = dialog.raw_values()
            name = f"{values['first_name']} {values['last_name']}".strip()
            label = f"{group.name(current_language())}: {name or _('New person')}"
            return key, label, {"group_id": group.id, **values}

        keeper = DraftKeeper(self.db, snapshot, dialog)
        for signal in dialog.edited():
            signal.connect(keeper.touched)
        dialog.finished.connect(lambda _result: keeper.discard())

    def restore_draft(self, key: str, values: dict[str, Any]) -> bool:
        """Open the person dialog again with a kept draft; False if its record is gone."""
        group_id = values.get("group_id")
        group = next((g for g in registry.list_groups(self.db) if g.id == group_id), None)
        if group is None:
            return False
        self._fill_projects(group.project_id, group.id)
        if key.startswith("member-new-"):
            self.add_member(draft=values)
            return True
        membership_id = int(key.removeprefix("member-"))
        self.reload_members()
        if self.model.position_of(lambda r: r.membership_id == membership_id) is None:
            self.show_ended.setChecked(True)
        self.select_membership(membership_id)
        row = self.selected_row()
        if row is None or row.membership_id != membership_id:
            return False
        self.edit_member(draft=values)
        return True

    def _activated(self, index: QModelIndex) -> None:
        self.edit_member()

    def edit_member(self, draft: dict[str, Any] | None = None) -> None:
        group = self.current_group()
        row = self.selected_row()
        if group is None or row is None:
            return
        db = self.db
        dialog: MemberDialog  # made below; save runs only once it exists

        def save(value: object) -> None:
            assert isinstance(value, MemberInput)
            expected = dialog.expected_version
            registry.update_member(
                db,
                row.membership_id,
                value.person,
                value.membership,
                expected if isinstance(expected, tuple) else None,
            )

        dialog = MemberDialog(row, self._group_members(group), save, (), self)
        dialog.expected_version = row.versions
        dialog.shown = row
        dialog.stored_now = lambda: next(
            r for r in registry.member_rows(db, group.id) if r.membership_id == row.membership_id
        )
        self._keep_drafts(dialog, f"member-{row.membership_id}", group)
        if draft:
            dialog.set_raw_values(draft)
        if self.run_dialog(dialog) or dialog.reload_requested:
            self.reload_members()

    def end_membership(self) -> None:
        group = self.current_group()
        row = self.selected_row()
        if group is None or row is None:
            return
        db = self.db
        dialog = EndMembershipDialog(
            row.full_name,
            group.name(current_language()),
            lambda day: registry.end_membership(db, row.membership_id, day),
            self,
        )
        if self.run_dialog(dialog):
            self.reload_members()

    def remove_member(self) -> None:
        group = self.current_group()
        row = self.selected_row()
        if group is None or row is None:
            return
        question = _(
            "Remove {name} from {group} entirely, as if never a member? "
            "To keep the history, end the membership instead."
        ).format(name=row.full_name, group=group.name(current_language()))
        if not self.confirm(_("Remove from group"), question):
            return
        registry.remove_membership(self.db, row.membership_id)
        self.reload_members()

    # --- personal data ----------------------------------------------------------------------

    def export_person_data(self, path: Path | None = None) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        if path is None:
            path, _chosen = save_file_name(
                self,
                FileKind.EXPORTS,
                _("Export personal data"),
                f"{ascii_name(row.full_name) or row.person_id}.json",
                _("JSON files (*.json)"),
                self.settings(),
            )
            if path is None:
                return False
        try:
            personal_data.write_person_export(self.db, row.person_id, path)
        except FileWriteError as exc:
            self.warn(_("Export personal data"), str(exc))
            return False
        self.inform(
            _("Export personal data"),
            _("Everything stored about {name} was written to {path}.").format(
                name=row.full_name, path=path
            ),
        )
        return True

    def erase_person_data(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        question = _(
            "Erase the personal data of {name} (person {id})? The contact details are removed "
            "and the name becomes “{new_name}” everywhere, in every group, except in approved "
            "minutes, which keep the names as recorded. This cannot be undone (except by "
            "restoring a backup)."
        ).format(
            name=row.full_name,
            id=row.person_id,
            new_name=personal_data.erased_name(row.person_id),
        )
        if not self.confirm(_("Erase personal data"), question):
            return False
        report = personal_data.erase_person(self.db, row.person_id)
        lines = personal_data.erasure_report_lines(report)
        self.reload_members()
        self.inform(_("Erase personal data"), lines[0], "\n".join(lines[1:]))
        return True

    # --- import and export ------------------------------------------------------------------

    def import_members(self, path: Path | None = None) -> None:
        group = self.current_group()
        if group is None:
            return
        if path is None:
            path = open_file_name(
                self,
                FileKind.IMPORTS,
                _("Import people"),
                _("Spreadsheets (*.xlsx *.csv);;All files (*)"),
                self.settings(),
            )
            if path is None:
                return
        try:
            with busy_cursor():  # a workbook of 10,000 rows takes about two seconds
                table = read_table(path)
        except TableFileError as exc:
            self.warn(_("Import people"), str(exc))
            return
        db = self.db
        dialog = ImportDialog(
            path.name,
            table,
            member_import.guess_mapping(table.headers),
            lambda mapping: member_import.preview_import(db, group.id, table, mapping),
            lambda mapping: member_import.run_import(db, group.id, table, mapping),
            self,
        )
        if self.run_dialog(dialog) and dialog.result_plan is not None:
            lines = member_import.report_lines(dialog.result_plan)
            self.reload_members()
            self.inform(_("Import done"), lines[0], "\n".join(lines[1:]))

    def _export_path(self, group: GroupRow) -> Path | None:
        """The file to export *group* to, asked for; .xlsx or .csv from the chosen filter."""
        path, chosen = save_file_name(
            self,
            FileKind.EXPORTS,
            _("Export people"),
            export_file_name(group, current_language()),
            _("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"),
            self.settings(),
        )
        if path is not None and path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
        return path

    def start_export_members(self, path: Path | None = None) -> Job | None:
        """Export the group's people in a worker thread (the Export button); None when
        nothing was started: no group, the file dialog cancelled, or one already running."""
        group = self.current_group()
        if group is None or self._export is not None:
            return None
        if path is None:
            path = self._export_path(group)
            if path is None:
                return None
        from kastedesk.ui.bundles.worker import start

        db, lang, ended = self.db, current_language(), self.show_ended.isChecked()
        self.export_button.setEnabled(False)
        for widget in (self.export_status, self.export_progress):
            widget.show()
        self._export = start(
            lambda: member_export.export_members(db, group.id, path, lang, ended),
            lambda count: self._members_exported(path, count),
            self._members_export_failed,
        )
        return self._export

    def _export_finished(self) -> None:
        self._export = None
        for widget in (self.export_status, self.export_progress):
            widget.hide()
        self._update_buttons()

    def _members_exported(self, path: Path, count: int) -> None:
        self._export_finished()
        if self.window().isVisible():  # else the window closed meanwhile, and waited for it
            self.inform(_("Export people"), _exported_text(path, count))

    def _members_export_failed(self, reason: str) -> None:
        self._export_finished()
        if self.window().isVisible():
            self.warn(_("Export people"), reason)

    def export_members(self, path: Path | None = None) -> bool:
        """Export the group's people now, in this thread; whether the file was written."""
        group = self.current_group()
        if group is None:
            return False
        if path is None:
            path = self._export_path(group)
            if path is None:
                return False
        try:
            count = member_export.export_members(
                self.db, group.id, path, current_language(), self.show_ended.isChecked()
            )
        except FileWriteError as exc:
            self.warn(_("Export people"), str(exc))
            return False
        self.inform(_("Export people"), _exported_text(path, count))
        return True


def _exported_text(path: Path, count: int) -> str:
    return ngettext("Wrote {n} person to {path}", "Wrote {n} people to {path}", count).format(
        n=format_count(count), path=path
    )


def person_label(person: PersonData) -> str:
    label = f"{person.last_name} {person.first_name}"
    return f"{label} – {person.organisation}" if person.organisation else label


def export_file_name(group: GroupRow, lang: str) -> str:
    """A file name safe on Windows, e.g. ``Ohjausryhma_jasenet.xlsx``."""
    stem = ascii_name(group.name(lang)) or "group"
    suffix = pgettext("file name", "members")
    return f"{stem}_{suffix}.xlsx"
