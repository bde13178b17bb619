"""An unexpected error is logged and shown in the interface language."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from kastedesk import i18n
from kastedesk.logging_setup import log_file, setup_logging
from kastedesk.ui import crash


def test_unexpected_error_is_logged_and_shown(qtbot, monkeypatch) -> None:
    setup_logging()
    i18n.set_language("sv")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        crash._excepthook(*sys.exc_info())
    assert shown and shown[0][0] == "Oväntat fel"
    assert "boom in a slot" in shown[0][1]
    assert "boom in a slot" in log_file().read_text(encoding="utf-8")
