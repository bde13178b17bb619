"""Showing a dialog once: afterwards Qt deletes it.

A dialog made with a parent belongs to that parent on the C++ side: when the
Python variable goes, the dialog does not. Every member added, cost entered or
message shown during a day would live on as a hidden child of its tab, with its
widgets and what it holds, until the window closes. So every dialog the program
shows is shown through one of these two functions.

The deletion is deferred (``deleteLater``): the code after ``run_modal`` still
reads what the user chose; Qt deletes the dialog when control returns to the event
loop.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


def run_modal(dialog: QDialog) -> int:
    """Show *dialog* modally and return its result (``exec()``); then it is deleted."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def open_window_modal(dialog: D) -> D:
    """Show *dialog* without blocking (``open()``); it is deleted once it is closed.

    Connect to its ``finished``, ``accepted`` or ``rejected`` first: those run before
    the deletion, which waits for the event loop.
    """
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
