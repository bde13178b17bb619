"""Asking the user what to do when someone else saved the record they are editing."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from kastedesk.i18n import _
from kastedesk.storage.errors import RecordChangedError


class ConflictChoice(Enum):
    RELOAD = "reload"  # drop my edits, show what is stored
    OVERWRITE = "overwrite"  # save my version over theirs, deliberately
    KEEP_EDITING = "keep"  # back to my edits, nothing saved


def ask_about_conflict(parent: QWidget | None, error: RecordChangedError) -> ConflictChoice:
    """A question with three answers; Escape keeps the user's edits and saves nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Changed by someone else"))
    box.setText(str(error))
    box.setInformativeText(
        _(
            "Reload shows the saved version and drops your changes. "
            "Save mine replaces the other person's changes with yours."
        )
    )
    reload_button = box.addButton(_("&Reload"), QMessageBox.ButtonRole.AcceptRole)
    overwrite_button = box.addButton(_("&Save mine"), QMessageBox.ButtonRole.DestructiveRole)
    keep_button = box.addButton(_("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload_button:
        return ConflictChoice.RELOAD
    if clicked is overwrite_button:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.KEEP_EDITING
