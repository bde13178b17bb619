"""Asking the user what to do when someone else saved the record they are editing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from kastedesk.i18n import _
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.modal import run_modal


class ConflictChoice(Enum):
    RELOAD = "reload"  # drop my edits, show what is stored
    OVERWRITE = "overwrite"  # save my version over theirs, deliberately
    KEEP_EDITING = "keep"  # back to my edits, nothing saved


def changed_fields(before: object, now: object, captions: Mapping[str, str]) -> list[str]:
    """The captions of the fields whose stored value differs between *before* and *now*.

    A field ``x`` is compared as the attribute ``x`` or, for a choice of a
    record, ``x_id``; fields neither object has are skipped.
    """
    changed = []
    for name, caption in captions.items():
        for attribute in (name, f"{name}_id"):
            if hasattr(before, attribute) and hasattr(now, attribute):
                if getattr(before, attribute) != getattr(now, attribute):
                    changed.append(caption)
                break
    return changed


def ask_about_conflict(
    parent: QWidget | None, error: RecordChangedError, changes: Sequence[str] = ()
) -> ConflictChoice:
    """A question with three answers; Escape keeps the user's edits and saves nothing.

    *changes* names what the other person changed (the fields' captions).
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Changed by someone else"))
    text = str(error)
    if changes:
        text += "\n\n" + _("Changed meanwhile: {fields}.").format(fields=", ".join(changes))
    box.setText(text)
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
    run_modal(box)
    clicked = box.clickedButton()
    if clicked is reload_button:
        return ConflictChoice.RELOAD
    if clicked is overwrite_button:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.KEEP_EDITING
