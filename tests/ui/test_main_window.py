"""The main window: tabs, menus, language switching and remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from kastedesk import __version__, i18n
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.ui.app import choose_database_argument, initial_language
from kastedesk.ui.members.members_page import MembersPage


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_six_tabs_in_finnish(make_window, db) -> None:
    i18n.set_language("fi")
    window = make_window(db)
    assert tab_titles(window) == [
        "Jäsenet",
        "Kokoukset",
        "Työpajat",
        "Palaute",
        "Arviointi",
        "Kustannukset",
    ]
    assert menu_titles(window) == ["&Tiedosto", "&Kieli", "&Ohje"]


def test_switching_language_retranslates_at_once(window) -> None:
    window.statusBar().showMessage("Ei esityslistojen tai liitteiden määräaikoja", 20_000)
    window.language_actions["sv"].trigger()
    assert "Ei esityslistojen" not in window.statusBar().currentMessage()  # said again in sv
    assert i18n.current_language() == "sv"
    assert tab_titles(window) == [
        "Medlemmar",
        "Möten",
        "Workshoppar",
        "Respons",
        "Utvärdering",
        "Kostnader",
    ]
    assert menu_titles(window) == ["&Arkiv", "&Språk", "&Hjälp"]
    assert window.action_open.text() == "&Öppna databas…"
    assert "Databas:" in window._db_label.text()
    assert window.language_actions["sv"].isChecked()
    # Qt's own strings follow too (standard buttons).
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    window.language_actions["fi"].trigger()
    assert tab_titles(window)[0] == "Jäsenet"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") not in ("Cancel", "Avbryt")
    window.language_actions["en"].trigger()
    assert tab_titles(window)[0] == "Members"


def test_state_is_remembered(make_window, db, settings: QSettings) -> None:
    window = make_window(db)
    window.resize(640, 480)
    window.tabs.setCurrentIndex(2)
    window.set_language("sv")
    window.close()
    assert settings.value("window/tab") == "workshops"
    assert settings.value("language") == "sv"
    assert initial_language(settings) == "sv"
    again = make_window(db)
    assert again.tabs.currentIndex() == 2
    assert again.size().width() == 640


def test_status_bar_and_about_show_the_database(window, db) -> None:
    assert db.label in window._db_label.text()
    about = window.about_text()
    assert __version__ in about and db.label in about


def test_backup_from_the_window(window, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    assert window.backup_to(target)
    assert target.exists()
    assert "copy.sqlite" in window.statusBar().currentMessage()


def test_closing_finishes_the_work_running_in_a_worker_thread(window, tmp_path: Path) -> None:
    """An export still being written when the window closes is written whole: the
    program's exit cut it off (openpyxl's temporary file removed under it, seen)."""
    import threading
    import time

    from kastedesk.ui.bundles.worker import start

    begun = threading.Event()
    target = tmp_path / "export.txt"

    def work() -> None:
        begun.set()
        time.sleep(0.3)
        target.write_text("written")

    start(work, lambda _result: None, lambda _reason: None)
    assert begun.wait(5)
    window.show()
    window.close()
    assert target.read_text() == "written"


def test_switching_database(window, tmp_path: Path, settings: QSettings) -> None:
    other = tmp_path / "other.sqlite"
    assert window.switch_database(str(other))
    assert window.db.label == str(other)
    assert str(other) in window.windowTitle()
    assert settings.value("database/last") == str(other)
    assert choose_database_argument(None, settings) == str(other)
    assert choose_database_argument("x.sqlite", settings) == "x.sqlite"


def test_refused_database_keeps_the_current_one(window, tmp_path: Path, monkeypatch) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_text("not a database")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    current = window.db.label
    assert not window.switch_database(str(garbage))
    assert window.db.label == current
    assert shown and "not a KasteDesk database" in shown[0]


def test_reopened_database_is_usable(tmp_path: Path) -> None:
    db = open_database(resolve_url(tmp_path / "a.sqlite"))
    db.dispose()


def test_load_demo_data_into_an_empty_database(window, monkeypatch) -> None:
    """Scripts and tests fill the window's own database; the File menu opens the separate
    demo database instead (tests/ui/test_first_run.py)."""
    assert window.load_demo_data()
    members = window.findChild(MembersPage)
    assert members.group_combo.currentText() == "Ohjausryhmä"
    assert members.model.rowCount() == 24
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    assert not window.load_demo_data()  # only an empty database takes the demo
    assert said and "already has data" in said[0]


def test_tab_shortcuts_are_not_ambiguous_with_the_menus(window, qtbot) -> None:
    """Ctrl+N adds a person on the Members tab (File → New database has no Ctrl+N)."""
    from PySide6.QtCore import Qt

    window.load_demo_data()
    members = window.findChild(MembersPage)
    seen = []
    members.run_dialog = lambda dialog: seen.append(dialog) or False
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    members.view.setFocus()
    qtbot.keyClick(members.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
