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


def test_a_busy_database_is_a_clear_message_not_a_crash(qtbot, monkeypatch, tmp_path) -> None:
    import sqlite3

    from sqlalchemy import create_engine, text

    i18n.set_language("en")
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: shown.append((box.windowTitle(), box.text(), box.detailedText())) or 0,
    )
    path = tmp_path / "busy.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE person (name TEXT)")
    holder.execute("BEGIN EXCLUSIVE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO person VALUES (:name)"), {"name": "Anneli Virtanen"})
    except Exception:
        crash._excepthook(*sys.exc_info())
    finally:
        engine.dispose()
        holder.rollback()
        holder.close()
    assert shown == [
        (
            "Could not finish",
            "The database is busy: another program is writing to it. Try again.",
            "",
        )
    ]
