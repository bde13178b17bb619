"""Save and open dialogs start in Documents or the last folder used, never the data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import QSettings

from kastedesk.paths import user_data_dir
from kastedesk.ui import file_dialogs
from kastedesk.ui.bundles.export_dialog import ExportDialog
from kastedesk.ui.file_dialogs import FileKind, save_file_name, start_folder

UI = Path(file_dialogs.__file__).parent


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Documents redirected to OneDrive, as on a municipal laptop."""
    folder = tmp_path / "OneDrive - Kaupunki" / "Tiedostot"
    folder.mkdir(parents=True)
    monkeypatch.setattr(
        file_dialogs.QStandardPaths, "writableLocation", lambda _location: str(folder)
    )
    return folder


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every dialog shown: (title, the folder or file it starts at); all cancelled."""
    shown: list[tuple[str, str]] = []

    def dialog(_parent, title, start, _filter=""):
        shown.append((title, start))
        return "", ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", dialog)
    return shown


def test_every_file_dialog_goes_through_the_helper() -> None:
    users = [
        path.relative_to(UI).as_posix()
        for path in UI.rglob("*.py")
        if "QFileDialog" in path.read_text(encoding="utf-8") and path.name != "file_dialogs.py"
    ]
    assert users == []


def test_the_documents_folder_follows_qt(documents: Path, settings: QSettings) -> None:
    assert file_dialogs.documents_folder() == documents
    assert start_folder(FileKind.BUNDLES, settings) == documents


def test_a_missing_documents_folder_falls_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        file_dialogs.QStandardPaths, "writableLocation", lambda _l: str(tmp_path / "gone")
    )
    assert file_dialogs.documents_folder() == Path.home()


def test_window_dialogs_start_in_documents_not_beside_the_database(
    window, documents: Path, asked: list[tuple[str, str]], db_path: Path
) -> None:
    window.backup_database_dialog()
    window.new_database()
    window.open_database_dialog()
    window.bundles.import_bundle()
    starts = [Path(start) for _title, start in asked]
    assert len(starts) == 4
    for start in starts:
        assert documents in (start, start.parent), start
        assert not start.is_relative_to(db_path.parent / "data")
    assert starts[0].name.startswith(db_path.stem + "-") and starts[0].suffix == ".sqlite"


def test_the_last_folder_is_remembered_per_kind(
    settings: QSettings, documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h_drive = tmp_path / "H" / "Ohjausryhmä"
    h_drive.mkdir(parents=True)
    monkeypatch.setattr(
        QtWidgets.QFileDialog,
        "getSaveFileName",
        lambda _p, _t, start, _f="": (str(h_drive / Path(start).name), ""),
    )
    path, _chosen = save_file_name(None, FileKind.BACKUPS, "t", "a.sqlite", "", settings)
    assert path == h_drive / "a.sqlite"
    assert start_folder(FileKind.BACKUPS, settings) == h_drive
    assert start_folder(FileKind.BUNDLES, settings) == documents  # another kind


def test_a_remembered_folder_in_the_program_data_is_not_used(
    settings: QSettings, documents: Path
) -> None:
    settings.setValue("folders/backups", str(user_data_dir()))
    assert start_folder(FileKind.BACKUPS, settings) == documents
    settings.setValue("folders/backups", os.fspath(documents / "poistettu"))
    assert start_folder(FileKind.BACKUPS, settings) == documents  # no longer exists


def test_bundle_export_and_feedback_exports_start_in_documents(
    qtbot, demo_db, documents: Path, asked: list[tuple[str, str]]
) -> None:
    from kastedesk.ui.feedback.results import ResultsView

    dialog = ExportDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    results = ResultsView(demo_db)
    qtbot.addWidget(results)
    results.read_data()
    results.export_dialog()
    results.report_dialog()
    assert [Path(start).parent for _title, start in asked] == [documents] * 3
    assert Path(asked[0][1]).suffix == ".kastebundle"
