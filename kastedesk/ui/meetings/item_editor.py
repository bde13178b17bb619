"""One agenda item: title, presenter, background, proposal, decision, attachments, actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.backlog import OUTCOME_LABELS, ItemOutcome, outcome_decision
from kastedesk.domain.meetings import ItemKind
from kastedesk.domain.standard_texts import DECISION_AS_PROPOSED
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.votes import VoteInput, Voter, section_voters
from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import N_, _
from kastedesk.services import meeting_attachments as attachments
from kastedesk.services import meeting_votes
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import (
    ActionRow,
    AttendanceRow,
    ItemRow,
    PersonRef,
    get_meeting,
)
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import theme
from kastedesk.ui.combo_fit import grow_to_items
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.draft_keeper import DraftKeeper
from kastedesk.ui.file_dialogs import FileKind, open_file_name
from kastedesk.ui.form_errors import ErrorForm, ErrorForms
from kastedesk.ui.help.shortcuts import name_shortcut
from kastedesk.ui.meetings.language_columns import LanguageColumns
from kastedesk.ui.meetings.vote_dialogs import DisqualifiedDialog, VoteDialog
from kastedesk.ui.modal import run_modal
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict, changed_fields
from kastedesk.ui.row_table_model import Column, RowTableModel

AS_PROPOSED_KEYS = "Ctrl+Shift+D"


def fill_people(combo: QComboBox, people: tuple[PersonRef, ...], chosen: int | None) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("–", None)
    for person in people:
        combo.addItem(person.name, person.id)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class ItemEditor(QWidget):
    changed = Signal()  # saved: reload the meeting

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._item: ItemRow | None = None
        self._editing_action: ActionRow | None = None  # loaded into the entry row
        self._languages: tuple[str, ...] = ("fi",)

        self.title_fi = QLineEdit()
        self.title_sv = QLineEdit()
        self.presenter = QComboBox()
        self.background = QPlainTextEdit()
        self.proposal = QPlainTextEdit()
        self.decision = QPlainTextEdit()
        self.background_sv = QPlainTextEdit()
        self.proposal_sv = QPlainTextEdit()
        self.decision_sv = QPlainTextEdit()
        for edit in self._text_edits():
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(60)
        # Finnish beside Swedish; labels above the fields so the texts get the width.
        self.common_form = ErrorForm()
        self.common_form.add_field("presenter_id", lambda: _("Presenter"), self.presenter)
        # Decided, tabled, postponed or withdrawn; the minutes word the last three.
        self.outcome = QComboBox()
        # Narrows with the editor at 150 % (the chosen outcome is also worded beside it),
        # widens to its longest outcome where there is room (retranslate_ui).
        self.outcome.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.outcome.setMinimumContentsLength(12)
        for outcome in ItemOutcome:
            self.outcome.addItem("", outcome.value)
        self.outcome_wording = QLabel()
        self.outcome_wording.setWordWrap(True)
        self.outcome.currentIndexChanged.connect(self._show_outcome_wording)
        outcome_box = QWidget()
        outcome_box.setFocusProxy(self.outcome)
        outcome_row = QHBoxLayout(outcome_box)
        outcome_row.setContentsMargins(0, 0, 0, 0)
        outcome_row.addWidget(self.outcome, 1)
        outcome_row.addWidget(self.outcome_wording, 1)
        outcome_row.addStretch()  # what the choice, at its widest, leaves: on its right
        self.common_form.add_field("outcome", lambda: _("Outcome"), outcome_box)
        self.fi_box, self.fi_form = self._language_box()
        self.sv_box, self.sv_form = self._language_box()
        for form, suffix, edits in (
            (self.fi_form, "", (self.title_fi, self.background, self.proposal, self.decision)),
            (self.sv_form, "_sv", (self.title_sv, self.background_sv, self.proposal_sv,
                                   self.decision_sv)),
        ):  # fmt: skip
            title, background, proposal, decision = edits
            form.add_field(f"title{suffix or '_fi'}", lambda: _("Title"), title)
            form.add_field(f"background{suffix}", lambda: _("Background"), background)
            form.add_field(f"proposal{suffix}", lambda: _("Proposal for decision"), proposal)
            form.add_field(f"decision{suffix}", lambda: _("Decision"), decision)
        self.form = ErrorForms(
            self.common_form,
            self.fi_form,
            self.sv_form,
            qualifiers={1: lambda: _("in Finnish"), 2: lambda: _("in Swedish")},
        )
        # In a Finnish-only group the Swedish texts wait behind this button.
        self.other_language_button = QPushButton()
        self.other_language_button.setCheckable(True)
        self.other_language_button.toggled.connect(self._show_other_language)
        self._other_language = "sv"
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        # "Hyväksyttiin päätösehdotuksen mukaisesti." in every language the meeting uses.
        self.as_proposed_button = QPushButton()
        self.as_proposed_button.clicked.connect(self.decide_as_proposed)
        self.as_proposed_shortcut = QShortcut(QKeySequence(AS_PROPOSED_KEYS), self)
        self.as_proposed_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.as_proposed_shortcut.activated.connect(self.decide_as_proposed)
        name_shortcut(self.as_proposed_shortcut, N_("Decision as proposed"))

        # Attachments
        self.attachments_box = QGroupBox()
        self.attachment_list = QListWidget()
        self.attachment_list.setMaximumHeight(90)
        self.attachment_list.itemActivated.connect(self._open_attachment)
        self.add_attachment_button = QPushButton()
        self.add_attachment_button.clicked.connect(self.choose_attachment)
        self.remove_attachment_button = QPushButton()
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        self.attachment_error = QLabel()
        self.attachment_error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.attachment_error.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_attachment_button)
        row.addWidget(self.remove_attachment_button)
        row.addStretch(1)
        box = QVBoxLayout(self.attachments_box)
        box.addWidget(self.attachment_list)
        box.addWidget(self.attachment_error)
        box.addLayout(row)

        # Action items
        self.actions_box = QGroupBox()
        self.action_model: RowTableModel[ActionRow] = RowTableModel(
            [
                Column(lambda: _("Action"), lambda a: a.what),
                Column(lambda: _("Responsible"), lambda a: a.responsible),
                Column(lambda: _("Due"), lambda a: a.due),
                Column(lambda: _("Done"), lambda a: a.done),
            ]
        )
        self.action_table = QTableView()
        self.action_table.setModel(self.action_model)
        self.action_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.action_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_table.verticalHeader().hide()
        header = self.action_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # the action takes the room left over; no sideways scrolling
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.action_table.setMaximumHeight(130)
        self.action_table.activated.connect(lambda index: self.edit_action(index.row()))
        self.action_what = QLineEdit()
        self.action_what.returnPressed.connect(self.add_action)
        self.action_responsible = QComboBox()
        self.action_due = QLineEdit()
        self.action_due.setMaximumWidth(100)
        self.add_action_button = QPushButton()
        self.add_action_button.clicked.connect(self.add_action)
        self.toggle_done_button = QPushButton()
        self.toggle_done_button.clicked.connect(self.toggle_done)
        self.remove_action_button = QPushButton()
        self.remove_action_button.clicked.connect(self.remove_action)
        self.action_error = QLabel()
        self.action_error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.action_error.hide()
        entry = QHBoxLayout()
        entry.addWidget(self.action_what, 3)
        entry.addWidget(self.action_responsible, 2)
        entry.addWidget(self.action_due, 1)
        entry.addWidget(self.add_action_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toggle_done_button)
        buttons.addWidget(self.remove_action_button)
        buttons.addStretch(1)
        actions = QVBoxLayout(self.actions_box)
        actions.addWidget(self.action_table)
        actions.addLayout(buttons)
        actions.addLayout(entry)
        actions.addWidget(self.action_error)

        layout = QVBoxLayout(self)
        layout.addLayout(self.common_form)
        # Side by side where there is room, else Swedish under Finnish (no sideways scrolling).
        self.texts = LanguageColumns(self.fi_box, self.sv_box)
        layout.addWidget(self.texts)
        # The save row stays in sight under the scrolled fields: the agenda panel places it.
        self.button_bar = QWidget()
        save_row = QHBoxLayout(self.button_bar)
        save_row.setContentsMargins(0, 0, 0, 0)
        save_row.addWidget(self.other_language_button)
        save_row.addStretch(1)
        save_row.addWidget(self.as_proposed_button)
        save_row.addWidget(self.save_button)
        layout.addLayout(self._conduct_row())
        layout.addWidget(self.conduct_error)
        layout.addWidget(self.attachments_box)
        layout.addWidget(self.actions_box)
        self.retranslate_ui()
        self.show_item(None, (), ("fi",), False)

        # Unsaved typing survives a crash: kept as a draft, offered at the next start.
        self.meeting_id: int | None = None
        self.meeting_title = ""
        self.drafts = DraftKeeper(self.db, self._draft_snapshot, self)
        for line in (self.title_fi, self.title_sv):
            line.textChanged.connect(self.drafts.touched)
        for text in self._text_edits():
            text.textChanged.connect(self.drafts.touched)
        self.presenter.currentIndexChanged.connect(self.drafts.touched)
        self.outcome.currentIndexChanged.connect(self.drafts.touched)

    def _conduct_row(self) -> QGridLayout:
        """Disqualified members and the vote of the §: one compact line, dialogs behind it."""
        self.attendance: tuple[AttendanceRow, ...] = ()
        self.disqualified_label = QLabel()
        self.disqualified_names = QLabel()
        self.disqualified_names.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.disqualified_button = QPushButton()
        self.disqualified_button.clicked.connect(self.choose_disqualified)
        self.vote_summary = QLabel()
        self.vote_button = QPushButton()
        self.vote_button.clicked.connect(self.edit_vote)
        self.remove_vote_button = QPushButton()
        self.remove_vote_button.clicked.connect(self.remove_vote)
        self.conduct_error = QLabel()
        self.conduct_error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.conduct_error.setWordWrap(True)
        self.conduct_error.hide()
        # Two short lines rather than one wide one: the editor may be 400 pixels wide.
        # (No word wrap: a wrapping label would make the scrolled editor take its full height.)
        for label in (self.disqualified_names, self.vote_summary):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        rows = QGridLayout()
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.disqualified_label, 0, 0)
        rows.addWidget(self.disqualified_names, 0, 1)
        rows.addWidget(self.disqualified_button, 0, 2)
        rows.addWidget(self.vote_summary, 1, 0, 1, 2)
        rows.addWidget(self.vote_button, 1, 2)
        rows.addWidget(self.remove_vote_button, 1, 3)
        rows.setColumnStretch(1, 1)
        return rows

    def _voters(self) -> list[Voter]:
        """The attendance as this § sees it (presence, seat, disqualification)."""
        assert self._item is not None
        people = [(a.attendee, a.name) for a in self.attendance]
        return section_voters(people, self._item.section, self._item.disqualified)

    def _show_conduct(self) -> None:
        item = self._item
        names = {a.id: a.name for a in self.attendance}
        chosen = [names.get(key, "?") for key in item.disqualified] if item else []
        self.disqualified_names.setText(", ".join(chosen) if chosen else "–")
        vote = item.vote if item else None
        if vote is None:
            self.vote_summary.setText(_("No vote"))
        else:
            self.vote_summary.setText(
                _("Vote: {yes} yes, {no} no, {abstain} blank").format(
                    yes=vote.yes, no=vote.no, abstain=vote.abstain
                )
            )
        self.remove_vote_button.setEnabled(self.vote_button.isEnabled() and vote is not None)

    def run_dialog(self, dialog: FormDialog) -> bool:
        """A hook tests replace."""
        return run_modal(dialog) == FormDialog.DialogCode.Accepted

    def _save_typing_first(self) -> bool:
        """Typed texts are saved before a dialog whose save reloads the item."""
        return not self.is_dirty() or self.save(notify=False)

    def choose_disqualified(self) -> None:
        item = self._item
        if item is None or not self._save_typing_first():
            return
        item = self._item
        assert item is not None
        db = self.db

        def save(keys: object) -> int:
            assert isinstance(keys, list)  # the attendance ids DisqualifiedDialog.collect() made
            return meeting_votes.set_disqualified(db, item.id, keys, dialog.expected_version)

        dialog = DisqualifiedDialog(item.section, self._voters(), item.disqualified, save, self)
        dialog.expected_version = item.row_version
        accepted = self.run_dialog(dialog)
        if accepted and isinstance(dialog.result_value, int):
            self._item = replace(item, row_version=dialog.result_value)
        if accepted or dialog.reload_requested:
            self.changed.emit()

    def edit_vote(self) -> None:
        item = self._item
        if item is None or not self._save_typing_first():
            return
        item = self._item
        assert item is not None
        db = self.db

        def save(vote: object) -> int:
            assert isinstance(vote, VoteInput)
            return meeting_votes.save_vote(db, item.id, vote, dialog.expected_version)

        dialog = VoteDialog(item.section, self._voters(), self._languages, item.vote, save, self)
        if self.run_dialog(dialog) or dialog.reload_requested:
            self.changed.emit()

    def remove_vote(self) -> None:
        item = self._item
        if item is None or item.vote is None:
            return
        version = item.vote.row_version
        try:
            meeting_votes.remove_vote(self.db, item.id, version)
        except (ValidationError, RecordChangedError) as exc:
            self._show(self.conduct_error, exc)
            return
        self.changed.emit()

    def _text_edits(self) -> tuple[QPlainTextEdit, ...]:
        return (
            self.background, self.proposal, self.decision,
            self.background_sv, self.proposal_sv, self.decision_sv,
        )  # fmt: skip

    def _text_widgets(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        """Every text field by its ItemFields name."""
        return {
            "title_fi": self.title_fi,
            "title_sv": self.title_sv,
            **{name: getattr(self, name) for name in svc.ITEM_TEXT_FIELDS},
        }

    @staticmethod
    def _language_box() -> tuple[QGroupBox, ErrorForm]:
        box = QGroupBox()
        box.setFlat(True)  # no frame: the width goes to the texts
        form = ErrorForm(box)
        form.setContentsMargins(0, 4, 0, 0)
        form.setRowWrapPolicy(ErrorForm.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(ErrorForm.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def decide_as_proposed(self) -> None:
        """The standard decision in each language the meeting uses (and wherever a
        proposal was written); the text stays unsaved and can be undone (Ctrl+Z)."""
        if self._item is None or not self.save_button.isEnabled():
            return
        for lang, phrase in DECISION_AS_PROPOSED.items():
            suffix = "_sv" if lang == "sv" else ""
            proposal = getattr(self, f"proposal{suffix}").toPlainText().strip()
            if lang not in self._languages and not proposal:
                continue
            edit: QPlainTextEdit = getattr(self, f"decision{suffix}")
            cursor = edit.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(phrase)  # one undo step, unlike setPlainText
            edit.setTextCursor(cursor)

    def show_language(self, language: str) -> None:
        """Bring *language*'s fields in sight and put the cursor in its title."""
        if language == "sv" and self.sv_box.isHidden():
            self.other_language_button.setChecked(True)
        (self.title_sv if language == "sv" else self.title_fi).setFocus()

    def _show_other_language(self, shown: bool) -> None:
        box = self.sv_box if self._other_language == "sv" else self.fi_box
        box.setVisible(shown)
        self.texts.fit(self.texts.width())

    def _draft_snapshot(self) -> tuple[str, str, dict[str, Any]] | None:
        if self._item is None or self.meeting_id is None or not self.is_dirty():
            return None
        label = f"{self.meeting_title}, {self._item.section} §"
        fields = {"meeting_id": self.meeting_id, **asdict(self.fields())}
        return (f"item-{self._item.id}", label, fields)

    def _changed_meanwhile(self) -> list[str]:
        """The captions of the fields someone else saved since this item was shown."""
        if self._item is None or self.meeting_id is None:
            return []
        detail = get_meeting(self.db, self.meeting_id)
        now = next((i for i in detail.items if i.id == self._item.id), None)
        return changed_fields(self._item, now, self.form.captions()) if now else []

    def apply_draft(self, fields: dict[str, Any]) -> None:
        """Put a kept draft's texts back into the fields (not saved yet)."""
        for name, widget in self._text_widgets().items():
            text = str(fields.get(name, ""))
            if isinstance(widget, QLineEdit):
                widget.setText(text)
            else:
                widget.setPlainText(text)
        index = self.presenter.findData(fields.get("presenter_id"))
        if index >= 0:
            self.presenter.setCurrentIndex(index)
        index = self.outcome.findData(fields.get("outcome"))
        if index >= 0:
            self.outcome.setCurrentIndex(index)
        if any(fields.get(name) for name in ("title_sv", *svc.ITEM_TEXT_FIELDS[3:])):
            self.other_language_button.setChecked(True)  # the Swedish typing in sight

    # --- loading ---------------------------------------------------------------------

    def show_item(
        self,
        item: ItemRow | None,
        people: tuple[PersonRef, ...],
        languages: tuple[str, ...],
        locked: bool,
    ) -> None:
        self._item = item
        self._languages = languages
        self.form.clear_errors()
        self.attachment_error.hide()
        self.action_error.hide()
        self.title_fi.setText(item.title_fi if item else "")
        self.title_sv.setText(item.title_sv if item else "")
        fill_people(self.presenter, people, item.presenter_id if item else None)
        self.outcome.blockSignals(True)
        self.outcome.setCurrentIndex(
            max(self.outcome.findData(item.outcome if item else ItemOutcome.DECIDED.value), 0)
        )
        self.outcome.blockSignals(False)
        self._show_outcome_wording()
        fill_people(self.action_responsible, people, None)
        for name in svc.ITEM_TEXT_FIELDS:
            getattr(self, name).setPlainText(getattr(item, name) if item else "")
        self.attachment_list.clear()
        lang = languages[0] if languages else "fi"
        for attachment in item.attachments if item else ():
            entry = QListWidgetItem(
                f"{attachments.attachment_label(attachment.number, lang)}: {attachment.title}"
                f" ({attachment.file_name})"
            )
            entry.setData(256, attachment)
            self.attachment_list.addItem(entry)
        self.action_model.set_rows(list(item.actions) if item else [])
        self._set_editing(None)
        self.conduct_error.hide()
        editable = item is not None and not locked
        # Texts of a locked meeting stay readable and selectable: read-only, not greyed.
        for text in self._text_widgets().values():
            text.setEnabled(item is not None)
            text.setReadOnly(not editable)
        for widget in (
            self.presenter,
            self.save_button,
            self.as_proposed_button,
            self.add_attachment_button,
            self.remove_attachment_button,
            self.action_what,
            self.action_responsible,
            self.action_due,
            self.add_action_button,
            self.toggle_done_button,
            self.remove_action_button,
            self.disqualified_button,
            self.vote_button,
        ):
            widget.setEnabled(editable)
        # Only the meeting's own items are tabled, postponed or withdrawn.
        self.outcome.setEnabled(editable and item is not None and item.kind == ItemKind.OWN)
        self._show_conduct()
        self._arrange_languages(item, languages)

    def _arrange_languages(self, item: ItemRow | None, languages: tuple[str, ...]) -> None:
        """Both languages side by side when the documents use Swedish; else Swedish on demand.

        A Finnish-only group's item that already has Swedish text shows it.
        """
        bilingual = "sv" in languages
        self.other_language_button.setVisible(not bilingual)
        self.fi_box.setVisible(True)
        if bilingual:
            self.sv_box.setVisible(True)
            self.texts.fit(self.texts.width())
            return
        # The standard items' fixed Swedish titles do not count: they need no checking.
        has_swedish = item is not None and any(
            (
                item.title_sv if item.kind == ItemKind.OWN else "",
                item.background_sv,
                item.proposal_sv,
                item.decision_sv,
            )
        )
        self.other_language_button.blockSignals(True)
        self.other_language_button.setChecked(has_swedish)
        self.other_language_button.blockSignals(False)
        self.sv_box.setVisible(has_swedish)
        self.texts.fit(self.texts.width())

    def item_id(self) -> int | None:
        return self._item.id if self._item else None

    # --- saving ------------------------------------------------------------------------

    def fields(self) -> svc.ItemFields:
        return svc.ItemFields(
            title_fi=self.title_fi.text(),
            title_sv=self.title_sv.text(),
            presenter_id=self.presenter.currentData(),
            **{name: getattr(self, name).toPlainText() for name in svc.ITEM_TEXT_FIELDS},
            outcome=self.outcome.currentData(),
        )

    def is_dirty(self) -> bool:
        """The fields differ from the stored item (and it could be saved)."""
        item = self._item
        if item is None or not self.save_button.isEnabled():
            return False
        fields = self.fields()
        return (
            any(
                (getattr(fields, name) or "") != (getattr(item, name) or "")
                for name in ("title_fi", "title_sv", *svc.ITEM_TEXT_FIELDS)
            )
            or fields.presenter_id != item.presenter_id
            or fields.outcome != item.outcome
        )

    def save(self, notify: bool = True) -> bool:
        if self._item is None:
            return False
        expected: int | None = self._item.row_version
        while True:
            try:
                version = svc.update_item(self.db, self._item.id, self.fields(), expected)
                break
            except ValidationError as exc:
                self.form.show_errors(exc.errors)
                return False
            except RecordChangedError as exc:
                choice = ask_about_conflict(self, exc, self._changed_meanwhile())
                if choice is ConflictChoice.OVERWRITE:
                    expected = None
                    continue
                if choice is ConflictChoice.RELOAD:
                    self.changed.emit()  # the editor reloads the meeting, and this item
                return False
        self._item = replace(self._item, row_version=version)
        self.drafts.discard()
        self.form.clear_errors()
        if notify:
            self.changed.emit()
        return True

    def choose_attachment(self) -> None:
        path = open_file_name(self, FileKind.ATTACHMENTS, _("Add attachment"))
        if path is not None:
            self.add_attachment_file(path)

    def add_attachment_file(self, path: Path) -> None:
        if self._item is None:
            return
        try:
            attachments.add_attachment(self.db, self._item.id, path)
        except (ValidationError, OSError) as exc:
            self._show(self.attachment_error, exc)
            return
        self.changed.emit()

    def remove_attachment(self) -> None:
        entry = self.attachment_list.currentItem()
        if entry is None:
            return
        try:
            attachments.remove_attachment(self.db, entry.data(256).id)
        except ValidationError as exc:
            self._show(self.attachment_error, exc)
            return
        self.changed.emit()

    def _open_attachment(self, entry: QListWidgetItem) -> None:
        path = attachments.attachment_path(entry.data(256).stored_path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _selected_action(self) -> ActionRow | None:
        rows = self.action_table.selectionModel().selectedRows()
        return self.action_model.row(rows[0].row()) if rows else None

    def edit_action(self, row: int) -> None:
        """Load an action into the entry row; the add button then saves it."""
        action = self.action_model.row(row)
        self.action_what.setText(action.what)
        index = self.action_responsible.findData(action.responsible_id)
        self.action_responsible.setCurrentIndex(max(index, 0))
        self.action_due.setText(format_date(action.due))
        self._set_editing(action)
        self.action_what.setFocus()

    def _set_editing(self, action: ActionRow | None) -> None:
        self._editing_action = action
        self.add_action_button.setText(_("Save action") if action else _("Add action"))

    def add_action(self) -> None:
        if self._item is None:
            return
        due = None
        if self.action_due.text().strip():
            try:
                due = parse_date(self.action_due.text())
            except ValueError:
                self._show(self.action_error, _("Write the date as 23.9.2014."))
                return
        editing = self._editing_action
        fields = svc.ActionFields(
            self.action_what.text(),
            self.action_responsible.currentData(),
            due,
            editing.done if editing else False,
        )
        try:
            if editing is not None:
                svc.update_action(self.db, editing.id, fields)
            else:
                svc.add_action(self.db, self._item.id, fields)
        except ValidationError as exc:
            self._show(self.action_error, exc)
            return
        self.action_what.clear()
        self.action_due.clear()
        self.changed.emit()

    def toggle_done(self) -> None:
        action = self._selected_action()
        if action is not None:
            self._try(lambda: svc.set_action_done(self.db, action.id, not action.done))

    def remove_action(self) -> None:
        action = self._selected_action()
        if action is not None:
            self._try(lambda: svc.delete_action(self.db, action.id))

    def _try(self, change: Callable[[], None]) -> None:
        try:
            change()
        except ValidationError as exc:
            self._show(self.action_error, exc)
            return
        self.changed.emit()

    @staticmethod
    def _show(label: QLabel, error: Exception | str) -> None:
        label.setText(str(error))
        label.show()

    def _show_outcome_wording(self) -> None:
        """What the minutes will say for a tabled, postponed or withdrawn item."""
        outcome = self.outcome.currentData()
        wording = " / ".join(
            dict.fromkeys(
                text for lang in self._languages if (text := outcome_decision(outcome, lang))
            )
        )
        self.outcome_wording.setText(
            _("The minutes say: {wording}").format(wording=wording) if wording else ""
        )
        # Hidden while empty, so that the choice has the row to itself.
        self.outcome_wording.setHidden(not wording)

    def retranslate_ui(self) -> None:
        self.form.retranslate()
        for index in range(self.outcome.count()):
            self.outcome.setItemText(
                index, _(OUTCOME_LABELS[ItemOutcome(self.outcome.itemData(index))])
            )
        grow_to_items(self.outcome)  # whole where the editor has the room
        self.fi_box.setTitle(_("In Finnish"))
        self.sv_box.setTitle(_("In Swedish"))
        self.other_language_button.setText(_("S&wedish texts"))
        self.other_language_button.setToolTip(
            _("Show the item's Swedish title and texts (this group's documents are in Finnish)")
        )
        self.save_button.setText(_("&Save item"))
        self.as_proposed_button.setText(_("Decision as proposed"))
        self.as_proposed_button.setToolTip(
            _('Write the decision "approved as proposed" in each language ({keys})').format(
                keys=QKeySequence(AS_PROPOSED_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.attachments_box.setTitle(_("Attachments"))
        self.add_attachment_button.setText(_("Add file…"))
        self.remove_attachment_button.setText(_("Remove"))
        self.actions_box.setTitle(_("Action items"))
        self.action_what.setPlaceholderText(_("What is to be done"))
        self.action_due.setPlaceholderText(_("Due date"))
        self._set_editing(self._editing_action)
        self.toggle_done_button.setText(_("Done / not done"))
        self.remove_action_button.setText(_("Remove action"))
        self.action_model.refresh_texts()
        self.disqualified_label.setText(_("Disqualified:"))
        self.disqualified_button.setText(_("Dis&qualified…"))
        self.disqualified_button.setToolTip(
            _("Who declared a conflict of interest and left while this item was dealt with")
        )
        self.vote_button.setText(_("&Vote…"))
        self.remove_vote_button.setText(_("Remove vote"))
        if self._item is not None or self.vote_summary.text():
            self._show_conduct()
