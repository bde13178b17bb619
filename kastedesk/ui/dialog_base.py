"""A form dialog that validates through a save callback and shows errors by field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from kastedesk.domain.validation import ValidationError
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import screen_fit
from kastedesk.ui.form_errors import ErrorForm, ErrorLine
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict, changed_fields


class FormDialog(QDialog):
    """OK runs ``collect()`` then ``save(data)``; errors stay in the open dialog.

    Subclasses add fields to ``self.form`` and implement ``collect()``, which
    raises ValidationError for what the widgets themselves can tell (a bad date).
    Enter presses OK, Escape cancels.

    An edit dialog sets ``expected_version`` to what it showed and its save
    callback passes ``dialog.expected_version`` on; when someone else saved
    meanwhile the user chooses: reload (the dialog closes with
    ``reload_requested``), save over theirs (the version becomes None and the
    save runs again) or keep editing.
    """

    # save takes what collect() returns: each subclass pairs the two (hence Any).
    def __init__(self, save: Callable[[Any], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.result_value: object = None
        self.expected_version: Any = None  # an int, or a tuple for two records
        # Returns the record as stored now, to name what the other person changed.
        self.stored_now: Callable[[], object] | None = None
        self.shown: object = None  # the record as the dialog showed it
        self.reload_requested = False
        self.form = ErrorForm()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _what_changed(self) -> list[str]:
        if self.stored_now is None or self.shown is None:
            return []
        try:
            now = self.stored_now()
        except Exception:  # the record may be gone; the question is asked all the same
            return []
        return changed_fields(self.shown, now, self.form.captions())

    def collect(self) -> object:
        raise NotImplementedError

    def grow_to_fit(self) -> None:
        """Taller (never narrower) when wrapped error messages need the room."""
        lines = [line for line in self.findChildren(ErrorLine) if line.isVisibleTo(self)]
        screen_fit.grow_to_fit(self, lines)

    def showEvent(self, event: QShowEvent) -> None:
        """Every dialog opens with the cursor in its first field (unless one was chosen)."""
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or isinstance(focused, QAbstractButton):
            first = self.form.first_field()
            if first is not None:
                first.setFocus()

    def accept(self) -> None:
        try:
            data = self.collect()
            self.result_value = self._save(data)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.grow_to_fit()
            return
        except RecordChangedError as exc:
            choice = ask_about_conflict(self, exc, self._what_changed())
            if choice is ConflictChoice.OVERWRITE:
                self.expected_version = None
                self.accept()
            elif choice is ConflictChoice.RELOAD:
                self.reload_requested = True
                self.reject()
            return
        super().accept()
