from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.storage.backup_store import backups_root, list_backups, make_backup
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Person
from kastedesk.ui.restore_dialog import RestoreDialog, confirmation_text


def add_people(db: Database, count: int, last: str) -> None:
    with db.session() as s:
        s.add_all(Person(first_name=f"N{n}", last_name=last) for n in range(count))


def people(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(Person.last_name)))


def test_window_takes_the_days_backup_once(window, db_path: Path) -> None:
    window.backup_on_open()
    window.backup_on_open()
    window.wait_for_backup()
    assert [e.reason for e in list_backups(db_path)] == [BackupReason.OPEN]


def test_dialog_lists_backups_newest_first(qtbot, db, db_path: Path) -> None:
    add_people(db, 2, "A")
    first = make_backup(db_path, BackupReason.IMPORT)
    add_people(db, 1, "B")
    second = make_backup(db_path, BackupReason.BUNDLE_IMPORT)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    texts = [dialog.model.index(0, c).data() for c in range(6)]
    local = second.taken_at.astimezone()
    assert texts[0] == f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"
    assert texts[1] == "before a bundle import"
    assert texts[3:] == ["3", "0", "0"]
    assert dialog.selected() == second
    dialog.table.selectRow(1)
    dialog.accept()
    assert dialog.chosen == first
    assert "2 people" in confirmation_text(db_path, first)


def test_dialog_changes_the_folder(qtbot, db, db_path: Path, tmp_path: Path) -> None:
    make_backup(db_path, BackupReason.IMPORT)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and not dialog.default_folder_button.isEnabled()
    dialog.set_folder(tmp_path / "elsewhere")
    assert backups_root() == tmp_path / "elsewhere"
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    dialog.use_default_folder()
    assert dialog.model.rowCount() == 1


def test_restore_from_the_window(window, db, db_path: Path) -> None:
    add_people(db, 3, "Vanha")
    backup = make_backup(db_path, BackupReason.IMPORT)
    add_people(db, 2, "Uusi")
    assert window.restore_from(backup.path)
    assert window.db is not db
    assert people(window.db) == ["Vanha"] * 3
    kept = [e for e in list_backups(db_path) if e.reason is BackupReason.RESTORE]
    assert kept and kept[0].counts is not None and kept[0].counts.people == 5
    assert "kept as" in window.statusBar().currentMessage()


def test_restore_confirmation_no_changes_nothing(window, db, db_path: Path, monkeypatch) -> None:
    add_people(db, 1, "Vanha")
    make_backup(db_path, BackupReason.IMPORT)
    add_people(db, 1, "Uusi")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = window.restore_from_backup_dialog()
    dialog.accept()
    assert people(window.db) == ["Uusi", "Vanha"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = window.restore_from_backup_dialog()
    dialog.accept()
    with window.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
    assert people(window.db) == ["Vanha"]


def test_large_counts_keep_their_thousands_apart(qtbot, db, db_path: Path) -> None:
    """Seen on a programme's database: "10020" people and "50000" responses."""
    add_people(db, 1_234, "A")
    entry = make_backup(db_path, BackupReason.IMPORT)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.model.index(0, 3).data() == "1\u00a0234"
    assert "1\u00a0234 people" in confirmation_text(db_path, entry)
