"""A form dialog that validates through a save callback and shows errors by field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from kastedesk.domain.validation import ValidationError
from kastedesk.ui.form_errors import ErrorForm


class FormDialog(QDialog):
    """OK runs ``collect()`` then ``save(data)``; errors stay in the open dialog.

    Subclasses add fields to ``self.form`` and implement ``collect()``, which
    raises ValidationError for what the widgets themselves can tell (a bad date).
    Enter presses OK, Escape cancels.
    """

    def __init__(self, save: Callable[[object], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.result_value: object = None
        self.form = ErrorForm()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def collect(self) -> object:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            data = self.collect()
            self.result_value = self._save(data)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        super().accept()
