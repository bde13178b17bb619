"""A small registry (one project, three people, modules A–C) and workshops for feedback tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kastedesk.domain.workshops import WorkshopData, WorkshopStatus
from kastedesk.services.feedback_forms import ensure_default_form
from kastedesk.services.workshops import add_module, create_workshop
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Person, Project
from tests.db_support import built_once


@dataclass
class Registry:
    project_id: int
    people: list[int]
    modules: dict[str, int]  # code -> id
    form_id: int


@pytest.fixture
def registry(db: Database) -> Registry:
    return built_once("feedback_registry", db, lambda: _build_registry(db))


def _build_registry(db: Database) -> Registry:
    with db.session() as session:
        project = Project(name_fi="Testihanke", name_sv="Testprojekt", short_name="TH")
        session.add(project)
        people = [
            Person(first_name="Aino", last_name="Aaltonen", organisation="Osaamiskeskus"),
            Person(first_name="Bo", last_name="Berg", language="sv"),
            Person(first_name="Cecilia", last_name="Ciro"),
        ]
        session.add_all(people)
        session.flush()
        modules = {
            code: add_module(session, project.id, code, name_fi, name_sv).id
            for code, name_fi, name_sv in (
                ("A", "Asiakkaan kohtaaminen", "Bemötande av klienten"),
                ("B", "Sosiaalityön toimintatavat", "Socialarbetets arbetssätt"),
                ("C", "Ammatillinen verkosto", "Det professionella nätverket"),
            )
        }
        registry = Registry(project.id, [p.id for p in people], modules, 0)
    registry.form_id = ensure_default_form(db)
    return registry


def make_workshop(
    db: Database, reg: Registry, region: str = "06", module: str = "A", **changes
) -> int:
    data = WorkshopData(
        project_id=reg.project_id,
        title=changes.pop("title", f"Työpaja {module} {region}"),
        module_id=reg.modules[module],
        region=region,
        date=changes.pop("date", dt.date(2014, 10, 2)),
        start_time=dt.time(9),
        end_time=dt.time(12),
        coordinator_id=changes.pop("coordinator_id", reg.people[0]),
        facilitator_ids=changes.pop("facilitator_ids", [reg.people[1]]),
        attended=changes.pop("attended", 23),
        status=changes.pop("status", WorkshopStatus.HELD),
        form_id=changes.pop("form_id", reg.form_id),
        **changes,
    )
    return create_workshop(db, data, today=dt.date(2016, 1, 1))


@pytest.fixture
def new_workshop(db: Database, registry: Registry):
    """new_workshop(region="06", module="A", **changes) -> workshop id."""

    def make(region: str = "06", module: str = "A", **changes) -> int:
        return make_workshop(db, registry, region, module, **changes)

    return make


@pytest.fixture
def window(qtbot, qapp, db: Database, tmp_path):
    """The main window on the test database (as in tests/ui, for the two feedback tabs)."""
    from PySide6.QtCore import QSettings

    from kastedesk.ui.main_window import MainWindow
    from kastedesk.ui.qt_translations import QtTranslations

    translations = QtTranslations(qapp)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(db, settings, translations)
    qtbot.addWidget(main)
    main.load_all_pages()  # tabs read their data when first shown; tests look at all
    yield main
    translations.apply("en")
