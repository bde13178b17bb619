from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kastedesk import i18n
from kastedesk.storage.database import Database
from kastedesk.ui.main_window import MainWindow
from kastedesk.ui.qt_translations import QtTranslations


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, qapp, settings: QSettings):
    translations = QtTranslations(qapp)

    def make(db: Database) -> MainWindow:
        window = MainWindow(db, settings, translations)
        window.ask_about_drafts = lambda _text: None  # never a modal box in a test
        qtbot.addWidget(window)
        # Tabs are built and read when first shown or asked for (window.page(key)), as in
        # the program; a test that looks through every tab calls load_all_pages().
        return window

    yield make
    translations.apply("en")


@pytest.fixture
def ui_language(qapp) -> Iterator[Callable[[str], None]]:
    """Switch KasteDesk's texts and Qt's own (standard buttons) to a language, as the menu does."""
    translations = QtTranslations(qapp)

    def use(lang: str) -> None:
        i18n.set_language(lang)
        translations.apply(lang)

    yield use
    translations.apply("en")


@pytest.fixture
def window(make_window, db: Database) -> Iterator[MainWindow]:
    yield make_window(db)
