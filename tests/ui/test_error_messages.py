"""No dialog clips its error messages: a long message wraps and the dialog grows to show it.

Every dialog of the registry (tests/ui/all_windows.py) is opened on a
1366×768 screen as the program opens it (with the screen fitter the program
installs); each of its error lines in turn gets a long message, and must then
wrap, be shown whole (as tall as its text needs at its width) and lie inside
the dialog, which stays on the screen. The lines made by
``form_errors.error_label`` grow their dialog themselves; a red label made
another way is found too, by its colour, and fails when it is cut off.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QScrollArea, QVBoxLayout

from kastedesk.storage.database import Database
from kastedesk.ui import screen_fit
from kastedesk.ui.form_errors import ERROR_MESSAGE, error_style
from tests.ui.all_windows import dialog_factories, settle

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 with the taskbar at the bottom
LONG = " ".join(
    [
        "Tietoa ei voi tallentaa, koska toinen käyttäjä muutti sitä juuri;",
        "tarkista kentän arvo, korjaa se ja yritä sitten uudelleen.",
    ]
    * 4
)


@pytest.fixture
def laptop_screen(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QRect]:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(SCREEN))
    fitter = screen_fit.install(qapp)
    yield SCREEN
    fitter.setParent(None)
    fitter.deleteLater()


def error_lines(dialog: QDialog) -> list[QLabel]:
    return [
        label
        for label in dialog.findChildren(QLabel)
        if label.property(ERROR_MESSAGE) or error_style().strip(";") in label.styleSheet()
    ]


def label_name(label: QLabel) -> str:
    return label.objectName() or f"error line #{id(label) % 1000}"


def clipped(dialog: QDialog, label: QLabel) -> str | None:
    """Why *label* does not show its whole message in *dialog*, or None."""
    if not label.wordWrap():
        return "does not wrap"
    if not label.isVisibleTo(dialog):
        return "is not shown"
    needed = label.heightForWidth(label.width())
    if label.height() < needed:
        return f"is {label.height()} px tall but its text needs {needed} px"
    in_scroll_area = any(isinstance(a, QScrollArea) for a in _ancestors(label, dialog))
    corner = label.mapTo(dialog, QPoint(0, 0))
    if not in_scroll_area and not dialog.rect().contains(QRect(corner, label.size())):
        return f"lies outside the dialog ({QRect(corner, label.size())} in {dialog.rect()})"
    if not SCREEN.contains(dialog.frameGeometry()):
        return f"the dialog ({dialog.frameGeometry()}) passes the screen's edge"
    return None


def _ancestors(label: QLabel, dialog: QDialog) -> Iterator[object]:
    widget = label.parentWidget()
    while widget is not None and widget is not dialog:
        yield widget
        widget = widget.parentWidget()


def test_every_dialog_shows_a_long_error_message_whole(
    laptop_screen, qtbot, ui_language, demo_db: Database, tmp_path: Path
) -> None:
    ui_language("fi")
    problems: list[str] = []
    checked = 0
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for label in error_lines(dialog):
            if not label.isVisibleTo(dialog) and not label.parentWidget().isVisibleTo(dialog):
                continue  # the line belongs to a part of the dialog not shown now
            before = label.text(), label.isHidden()
            label.setText(LONG)
            label.show()
            shown_whole = partial(clipped, dialog, label)
            # The error line lays its dialog out again once the event loop runs.
            with contextlib.suppress(qtbot.TimeoutError):
                qtbot.waitUntil(lambda: shown_whole() is None, timeout=1000)  # noqa: B023
            if reason := clipped(dialog, label):
                problems.append(
                    f"dialog '{name}' ({type(dialog).__name__}): {label_name(label)} {reason}"
                )
            checked += 1
            label.setText(before[0])
            label.setHidden(before[1])
            QApplication.processEvents()
        settle()
        dialog.close()
    assert checked > 40  # every form field's line and every dialog's own
    assert problems == [], "error messages cut off:\n" + "\n".join(problems)


def test_a_message_that_does_not_wrap_is_caught(qtbot, laptop_screen) -> None:
    """The check itself: a non-wrapping message is named."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = QLabel()
    label.setStyleSheet(error_style())
    QVBoxLayout(dialog).addWidget(label)
    dialog.show()
    label.setText(LONG)
    assert error_lines(dialog) == [label]
    assert clipped(dialog, label) == "does not wrap"
