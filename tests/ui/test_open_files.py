"""A .kastebundle given at start: the window offers it for import once it shows."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6 import QtWidgets

from kastedesk.ui import open_files


@pytest.fixture
def bundle_file(tmp_path: Path) -> Path:
    path = tmp_path / "Vaasa 12.3.kastebundle"
    path.write_bytes(b"PK\x05\x06" + bytes(18))
    return path


def test_bundle_goes_to_the_import_action(
    window, qtbot, bundle_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, Path]] = []
    actions = ModuleType(open_files.BUNDLE_ACTIONS)
    actions.import_bundle_file = lambda win, path: calls.append((win, path))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, open_files.BUNDLE_ACTIONS, actions)
    window.open_path_later(bundle_file)
    assert window.pending_path == bundle_file and calls == []  # not before the loop runs
    qtbot.waitUntil(lambda: calls == [(window, bundle_file)])
    assert window.pending_path is None


def test_without_bundle_import_the_user_is_told(
    window, qtbot, bundle_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(open_files, "bundle_actions", lambda: None)
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _w, _t, text: shown.append(text)
    )
    window.open_path_later(bundle_file)
    qtbot.waitUntil(lambda: bool(shown))
    assert str(bundle_file) in shown[0] and "cannot import feedback bundles" in shown[0]


def test_a_missing_file_is_named(window, qtbot, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _w, _t, text: shown.append(text))
    window.open_path_later(tmp_path / "gone.kastebundle")
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [f"The file {tmp_path / 'gone.kastebundle'} does not exist."]
