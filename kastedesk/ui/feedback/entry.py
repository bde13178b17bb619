"""The keyboard-first view for typing in a workshop's paper feedback forms.

Keys: a digit answers the highlighted scale/choice question and moves on;
Tab/Enter/↓ move on (a skipped question stays unanswered), Shift+Tab/↑ go
back, Backspace/Delete clear the answer; free text is typed straight in;
Ctrl+Enter saves the form and starts the next; Ctrl+Z on an empty form opens
the last saved one for correcting (saving it again corrects the same response,
never adds one). The form in progress is kept as a draft in the database, so
closing the window loses nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sized

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.feedback_entry import Answer, EntryForm, key_for
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec, chosen_options
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import title_in
from kastedesk.i18n import _, translator
from kastedesk.services.feedback_entry import (
    EntryContext,
    answers_for_correction,
    correct_response,
    discard_draft,
    last_response_id,
    load_draft,
    open_entry,
    remember_form_language,
    response_form_id,
    response_row_version,
    save_draft,
    save_response,
)
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import theme
from kastedesk.ui.form_errors import error_style
from kastedesk.ui.help.shortcuts import native
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict

IDLE_STYLE = "QFrame#question { background: palette(base); border: 1px solid palette(mid); }"
OPTION_STYLE = "color: palette(text); padding: 1px 6px;"
DRAFT_DELAY_MS = 400


def current_style(wrong: bool) -> str:
    """The current question: tinted, with a thick border (red after a wrong key).

    The colours come from the palette (kastedesk.ui.theme): in high contrast the
    border is the system's highlight colour, the background stays the system's own.
    """
    tone = theme.Tone.ERROR if wrong else theme.Tone.WARNING
    fill = theme.background(tone)
    if theme.is_high_contrast():
        border = theme.chosen()[0] if not wrong else theme.foreground(tone)
        width = 3 if not wrong else 4
    else:
        border, width = theme.graphic(theme.foreground(tone)), 2
    style = "border-style: dashed;" if wrong and theme.is_high_contrast() else ""
    return (
        f"QFrame#question {{ background: {fill.name()}; "
        f"border: {width}px solid {border.name()}; {style} }}"
    )


def chosen_style() -> str:
    """A chosen answer: the accent (or in high contrast the highlight) behind readable text."""
    fill, text = theme.chosen()
    return f"background: {fill.name()}; color: {text.name()}; border-radius: 3px; padding: 1px 6px;"


def _restyle(widget: QWidget, sheet: str) -> None:
    """Set *sheet* only when it differs: each setting polishes the widget and all it holds
    again, and a key press shows every question's answer anew."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


_MOVE_ON = {Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down}
_GO_BACK = {Qt.Key.Key_Backtab, Qt.Key.Key_Up}
_SAVE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class QuestionRow(QFrame):
    """One question: its number and text, and the answer choices or a text field."""

    def __init__(self, number: int, question: QuestionSpec) -> None:
        super().__init__()
        self.setObjectName("question")
        self.question = question
        self.number = number
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label, 0, 0)
        self.choices: list[tuple[int, QLabel]] = []
        self.text_edit: QLineEdit | None = None
        answers = QHBoxLayout()
        if question.kind is QuestionKind.TEXT:
            self.text_edit = QLineEdit()
            self.text_edit.setObjectName(f"text_{number}")
            answers.addWidget(self.text_edit)
        else:
            for value in question.values():
                label = QLabel()
                self.choices.append((value, label))
                answers.addWidget(label)
            answers.addStretch(1)
        layout.addLayout(answers, 1, 0)
        self.set_current(False)

    def retranslate(self, lang: str) -> None:
        text = f"<b>{self.number}.</b> {html.escape(self.question.text(lang))}"
        if self.text_edit is not None:
            self.text_edit.setAccessibleName(f"{self.number}. {self.question.text(lang)}")
        if self.question.kind is QuestionKind.MULTI:
            hint = translator(lang).gettext("(several: digits tick, Enter moves on)")
            text += f" <i>{html.escape(hint)}</i>"
        self.text_label.setText(text)
        for value, label in self.choices:
            text = self.question.value_label(value, lang)
            if self.question.kind is not QuestionKind.SCALE:  # a scale's key is its value
                text = f"[{key_for(self.question, value)}] {text}"
            label.setText(text)

    def show_answer(self, answer: Answer) -> None:
        for value, label in self.choices:
            if self.question.kind is QuestionKind.MULTI:
                chosen = answer.value is not None and value in chosen_options(answer.value)
            else:
                chosen = answer.value == value
            _restyle(label, chosen_style() if chosen else OPTION_STYLE)
        if self.text_edit is not None and self.text_edit.text() != answer.text:
            self.text_edit.setText(answer.text)

    def set_current(self, current: bool, wrong: bool = False) -> None:
        """Highlight the current question; in red after a key that does not answer it."""
        _restyle(self, current_style(wrong) if wrong or current else IDLE_STYLE)


class FeedbackEntryDialog(QDialog):
    """Type in the paper forms of one workshop, or correct one saved form.

    *correct*: the id of a saved response to correct (its running *number* is
    shown); saving the correction closes the dialog.
    """

    help_topic = "entry"  # the user guide's page (F1)

    def __init__(
        self,
        db: Database,
        workshop_id: int,
        parent: QWidget | None = None,
        correct: int | None = None,
        number: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        form_id = response_form_id(db, correct) if correct is not None else None
        self.ctx: EntryContext = open_entry(db, workshop_id, form_id)
        self.form = EntryForm(list(self.ctx.spec.questions))
        self.saved = self.ctx.saved
        self.only_correct = correct is not None
        self.correcting: int | None = None  # the response being corrected
        self.correcting_version: int | None = None  # its row version when the correction began
        self.correcting_number = 0
        self.setObjectName("feedback_entry")
        self.resize(760, 640)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counter")
        theme.make_heading(self.counter_label, 1.75)  # the system font size times 1.75
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        for code in ("fi", "sv"):
            self.language_combo.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language_combo.setCurrentIndex(1 if self.ctx.language == "sv" else 0)
        # Tab moves between the questions; Ctrl+L switches the form's language.
        self.language_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.language_combo.setProperty("keyboard_shortcut", "Ctrl+L")
        self.language_combo.currentIndexChanged.connect(self._language_changed)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.language_label)
        header.addWidget(self.language_combo)
        header.addWidget(self.counter_label)

        self.rows = [QuestionRow(n, q) for n, q in enumerate(self.form.questions, start=1)]
        holder = QWidget()
        column = QVBoxLayout(holder)
        for row in self.rows:
            column.addWidget(row)
            if row.text_edit is not None:
                row.text_edit.installEventFilter(self)
                row.text_edit.textEdited.connect(self._text_edited)
        self.end_label = QLabel()
        self.end_label.setWordWrap(True)
        column.addWidget(self.end_label)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(holder)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(f"color: {theme.muted().name()};")
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.hint_label)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self.keys_pressed = 0  # keystrokes since the current form started (for the budget)
        self.wrong_key = False  # the last key did not answer the current question

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate_ui()
        if correct is not None:
            self._start_correcting(
                correct, number or 0, answers_for_correction(db, self.ctx, correct)
            )
        else:
            self._offer_draft()
        self._refresh()

    # --- texts -----------------------------------------------------------------------

    @property
    def form_language(self) -> str:
        return self.language_combo.currentData() or "fi"

    def counter_text(self) -> str:
        if self.correcting is not None:
            return _("Correcting form {number}").format(number=self.correcting_number)
        number = self.saved + 1
        if self.ctx.attended:
            return _("Form {number} / {total}").format(number=number, total=self.ctx.attended)
        return _("Form {number}").format(number=number)

    def keyboard_keys(self) -> list[tuple[str, str]]:
        """The keys this dialog handles itself, for its Ctrl+F1 list (help.shortcuts)."""
        return [
            (_("Answer the question and move on"), "1–9"),
            (_("Next question"), f"{native('Tab')}, {native('Enter')}, {native('Down')}"),
            (_("Previous question"), f"{native('Shift+Tab')}, {native('Up')}"),
            (_("Clear the answer"), native("Backspace")),
            (_("Save the form and start the next one"), native("Ctrl+Enter")),
            (_("Correct the last saved form (on an empty form)"), native("Ctrl+Z")),
            (_("The form's other language"), native("Ctrl+L")),
            (_("Close (the form in progress is kept)"), native("Esc")),
        ]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Type in feedback – {workshop}").format(workshop=self.ctx.title))
        title = title_in(self.ctx.title, self.ctx.title_sv, self.form_language)
        self.title_label.setText(f"<b>{html.escape(title)}</b>")
        self.language_label.setText(_("Form language:"))
        self.language_combo.setAccessibleName(_("Form language"))
        self.language_combo.setToolTip(_("The language the form is shown in; Ctrl+L switches it."))
        self.hint_label.setText(
            _(
                "Digit: answer and move on · Tab/Enter: next question · Shift+Tab: back · "
                "Backspace: clear the answer · Ctrl+Enter: save and start the next form · "
                "Ctrl+Z on an empty form: correct the last saved form · "
                "Ctrl+L: the form's other language · Esc: close (the form in progress is kept)"
            )
        )
        self.end_label.setText(_("End of the form: Ctrl+Enter saves it."))
        self.counter_label.setText(self.counter_text())
        self._retranslate_form()

    def _language_changed(self) -> None:
        """A language chosen here is the workshop's from now on (remembered per workshop)."""
        self.retranslate_ui()
        remember_form_language(self.db, self.ctx.workshop_id, self.form_language)

    def _retranslate_form(self) -> None:
        for row in self.rows:
            row.retranslate(self.form_language)

    # --- showing the state ------------------------------------------------------------

    def _refresh(self) -> None:
        for position, row in enumerate(self.rows):
            row.show_answer(self.form.answer(position))
            is_current = position == self.form.current
            row.set_current(is_current, wrong=is_current and self.wrong_key)
        self.counter_label.setText(self.counter_text())
        over = bool(self.ctx.attended) and self.saved >= (self.ctx.attended or 0)
        # More forms than participants: typed twice, or the attended count is wrong.
        _restyle(self.counter_label, error_style() if over else "")
        _restyle(self.end_label, "font-weight: bold;" if self.form.at_end else "")
        current = self.current_row()
        if current is not None:
            self.scroll_area.ensureWidgetVisible(current)
            if current.text_edit is not None:
                current.text_edit.setFocus()
                return
        else:
            self.scroll_area.ensureWidgetVisible(self.end_label)
        self.setFocus()

    def current_row(self) -> QuestionRow | None:
        return self.rows[self.form.current] if not self.form.at_end else None

    def say(self, message: str) -> None:
        self.status_label.setText(message)

    # --- keys -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab would move the focus between widgets before keyPressEvent.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.handle_key(event)
        ):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
        ):
            key_event = event
            if key_event.key() in (*_MOVE_ON, *_GO_BACK) or self._is_command(key_event):
                return self.handle_key(key_event)
            self.keys_pressed += 1
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_command(event: QKeyEvent) -> bool:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return ctrl and (event.key() in _SAVE_KEYS or event.key() in (Qt.Key.Key_Z, Qt.Key.Key_L))

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on one key; True when it was ours."""
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        in_text = self.focusWidget() is not None and isinstance(self.focusWidget(), QLineEdit)
        if ctrl and key in _SAVE_KEYS:
            self.keys_pressed += 1
            self.save_form()
            return True
        if ctrl and key == Qt.Key.Key_L:
            self.language_combo.setCurrentIndex(1 - self.language_combo.currentIndex())
            return True
        if ctrl and key == Qt.Key.Key_Z:
            if self.form.is_empty and self.correcting is None:
                self.correct_last()
                return True
            if in_text:
                return False  # the text field's own undo
            self.say(_("Ctrl+Z opens the last saved form for correcting when the form is empty."))
            return True
        if key in _MOVE_ON and not ctrl:
            self.keys_pressed += 1
            self.form.next()
            self._changed()
            return True
        if key in _GO_BACK:
            self.keys_pressed += 1
            self.form.previous()
            self._changed()
            return True
        if in_text or ctrl:
            return False
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.keys_pressed += 1
            self.form.clear_current()
            self._changed()
            return True
        text = event.text()
        if len(text) == 1 and text.isdigit():
            self.keys_pressed += 1
            if self.form.press_digit(int(text)):
                self.say("")
            else:  # the question stays, in red, with the reason in words
                self.wrong_key = True
                self.say(self.wrong_digit_text(int(text)))
            self._changed()
            self.wrong_key = False  # the next key clears the red
            return True
        return False

    def wrong_digit_text(self, digit: int) -> str:
        """Why *digit* does not answer the current question, in words."""
        question = self.form.current_question
        if question is None:
            return _("The form is at its end: Ctrl+Enter saves it.")
        if question.kind is QuestionKind.SCALE:
            return _("{digit} is not on this question's scale ({low}–{high}).").format(
                digit=digit, low=question.scale_min, high=question.scale_max
            )
        if question.has_options:
            return _("{digit} is not an option here: choose 1–{count}.").format(
                digit=digit, count=len(question.options)
            )
        if question.kind is QuestionKind.YES_NO:
            return _("{digit} is not an answer here: 1 = yes, 2 or 0 = no.").format(digit=digit)
        return _("{digit} is not an answer to this question.").format(digit=digit)

    def _text_edited(self, text: str) -> None:
        self.form.set_text(text)
        self._draft_timer.start()

    def _changed(self) -> None:
        self._refresh()
        self._draft_timer.start()

    # --- actions ----------------------------------------------------------------------

    def save_form(self) -> bool:
        self._draft_timer.stop()
        answers = self.form.filled()
        if not answers:
            self.say(_("The form is empty; nothing was saved."))
            return False
        if self.correcting is not None:
            return self._save_correction(answers)
        try:
            save_response(self.db, self.ctx, answers)
        except ValidationError as exc:
            self.say(str(exc))
            return False
        self.saved += 1
        self.form.reset()
        self.keys_pressed = 0
        self.say(_("Form {number} saved.").format(number=self.saved))
        self._refresh()
        return True

    def _save_correction(self, answers: dict[int, Answer]) -> bool:
        assert self.correcting is not None
        try:
            changed = correct_response(
                self.db, self.ctx, self.correcting, answers, self.correcting_version
            )
        except ValidationError as exc:
            self.say(str(exc))
            return False
        except RecordChangedError as exc:
            choice = ask_about_conflict(self, exc)
            if choice is ConflictChoice.OVERWRITE:
                self.correcting_version = None
                return self._save_correction(answers)
            if choice is ConflictChoice.RELOAD:
                saved = answers_for_correction(self.db, self.ctx, self.correcting)
                self._start_correcting(self.correcting, self.correcting_number, saved)
            return False
        number = self.correcting_number
        self.correcting = None
        self.form.reset()
        self.keys_pressed = 0
        if changed:
            self.say(_("Form {number} corrected.").format(number=number))
        else:
            self.say(_("Form {number} was left as it was.").format(number=number))
        discard_draft(self.db, self.ctx.workshop_id)
        self._refresh()
        if self.only_correct:
            self.accept()
        return True

    def _start_correcting(self, response_id: int, number: int, answers: dict[int, Answer]) -> None:
        self.correcting, self.correcting_number = response_id, number
        self.correcting_version = response_row_version(self.db, response_id)
        self.form.load(answers)
        self.say(
            _(
                "Correcting form {number}: change the answers and save with Ctrl+Enter; "
                "the form stays one response."
            ).format(number=number)
        )

    def correct_last(self) -> None:
        """Ctrl+Z after saving: the last saved form comes back for correcting."""
        response_id = last_response_id(self.db, self.ctx.workshop_id)
        if response_id is None:
            self.say(_("No saved form to correct."))
            return
        try:
            answers = answers_for_correction(self.db, self.ctx, response_id)
        except ValidationError as exc:
            self.say(str(exc))
            return
        self._start_correcting(response_id, self.saved, answers)
        self._changed()

    # --- drafts -----------------------------------------------------------------------

    def flush_draft(self) -> None:
        """Keep the form in progress (or forget the draft when the form is empty)."""
        self._draft_timer.stop()
        if self.form.is_empty:
            discard_draft(self.db, self.ctx.workshop_id)
        elif not self.only_correct:
            draft = self.form.to_draft()
            if self.correcting is not None:
                draft["correcting"] = [self.correcting, self.correcting_number]
            save_draft(self.db, self.ctx, draft)

    def ask_restore_draft(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            _("Unfinished form"),
            _("A form left unfinished here has {count} answers. Continue with it?").format(
                count=count
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _offer_draft(self) -> None:
        draft = load_draft(self.db, self.ctx)
        if not draft:
            return
        answers = draft.get("answers")
        if self.ask_restore_draft(len(answers) if isinstance(answers, Sized) else 0):
            self.form.restore_draft(draft)
            self.say(_("The unfinished form was restored."))
            correcting = draft.get("correcting")
            if isinstance(correcting, list) and len(correcting) == 2:
                try:
                    answers_for_correction(self.db, self.ctx, int(correcting[0]))
                except (ValidationError, TypeError, ValueError):
                    return  # deleted meanwhile: the answers become a new form
                self.correcting, self.correcting_number = int(correcting[0]), int(correcting[1])
                self.correcting_version = response_row_version(self.db, self.correcting)
        else:
            discard_draft(self.db, self.ctx.workshop_id)

    def done(self, result: int) -> None:
        self.flush_draft()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_draft()
        super().closeEvent(event)
