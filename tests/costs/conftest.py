from __future__ import annotations

from dataclasses import dataclass

import pytest

from kastedesk.services import costs as svc
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Project


@dataclass
class Book:
    project_id: int
    city: int
    centre: int
    categories: dict[str, int]  # code -> id


@pytest.fixture
def book(db: Database) -> Book:
    """A project with two partners, the default categories and a small 2014 budget."""
    with db.session() as s:
        project = Project(name_fi="Testihanke", name_sv="Testprojekt", short_name="TeHa")
        s.add(project)
        s.flush()
        project_id = project.id
    city = svc.add_partner(db, project_id, "Tampereen kaupunki")
    centre = svc.add_partner(db, project_id, "Osaamiskeskus")
    loaded = svc.load_book(db, project_id)
    categories = {c.code: c.id for c in loaded.categories}
    svc.save_budget(
        db,
        project_id,
        {
            (city, categories["staff"], 2014): 10_000_000,
            (city, categories["rents"], 2014): 500_000,
            (centre, categories["staff"], 2014): 4_000_000,
            (city, categories["staff"], 2015): 8_000_000,
        },
    )
    return Book(project_id, city, centre, categories)


@pytest.fixture
def make_window(qtbot, qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from kastedesk.ui.main_window import MainWindow
    from kastedesk.ui.qt_translations import QtTranslations

    translations = QtTranslations(qapp)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make(db: Database) -> MainWindow:
        window = MainWindow(db, settings, translations)
        qtbot.addWidget(window)
        return window

    yield make
    translations.apply("en")
