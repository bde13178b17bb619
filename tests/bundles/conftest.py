"""Laptops for bundle tests: separate databases, each with its own installation id.

Every laptop has the same project and people typed in by hand (so local ids
differ), a workshop made on laptop "a" is shared by exporting it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.workshops import WorkshopData, WorkshopStatus
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.feedback_forms import ensure_default_form
from kastedesk.services.workshops import add_module, create_workshop
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person, Project


def add_registry(db: Database, extra_person: bool = False) -> dict[str, int]:
    with db.session() as session:
        if extra_person:  # shifts the local ids
            session.add(Person(first_name="Xena", last_name="Extra"))
        project = Project(name_fi="Lasten ja perheiden palvelut", short_name="LasSe")
        session.add(project)
        aino = Person(first_name="Aino", last_name="Aaltonen", email="aino@example.fi")
        bo = Person(first_name="Bo", last_name="Berg", language="sv")
        session.add_all([aino, bo])
        session.flush()
        module = add_module(session, project.id, "A", "Asiakkaan kohtaaminen", "Bemötande")
        return {"project": project.id, "aino": aino.id, "bo": bo.id, "module": module.id}


def add_workshop(db: Database, reg: dict[str, int], title: str = "Työpaja A Vaasa") -> int:
    form_id = ensure_default_form(db)
    data = WorkshopData(
        project_id=reg["project"],
        title=title,
        module_id=reg["module"],
        region="15",
        municipality="Vaasa",
        date=dt.date(2014, 10, 2),
        start_time=dt.time(9),
        end_time=dt.time(12, 30),
        coordinator_id=reg["aino"],
        facilitator_ids=[reg["bo"]],
        attended=23,
        questions=["Mitä asiakkaan kohtaaminen on?", "Mikä toimii?"],
        status=WorkshopStatus.HELD,
        form_id=form_id,
    )
    return create_workshop(db, data, today=dt.date(2016, 1, 1))


def type_responses(db: Database, workshop_id: int, values: list[int], comment: str = "") -> None:
    ctx = open_entry(db, workshop_id)
    for value in values:
        answers = {0: Answer(value), 1: Answer(min(value, 5)), 2: Answer(value)}
        if comment:
            answers[len(ctx.spec.questions) - 1] = Answer(None, f"{comment} {value}")
        save_response(db, ctx, answers)


@pytest.fixture
def laptop(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], Database]]:
    """laptop("a") -> a fresh database; all are closed afterwards.

    With KASTEDESK_TEST_DB=postgresql every laptop is a database on the test server.
    """
    from tests.db_support import ON_POSTGRES, drop_pg_database, new_pg_database

    opened: list[Database] = []
    urls: dict[str, str] = {}

    def make(name: str) -> Database:
        if ON_POSTGRES:  # the same name is the same database, as the same file would be
            if name not in urls:
                urls[name] = new_pg_database(request.getfixturevalue("pg_template"))
            db = open_database(resolve_url(urls[name]))
        else:  # a copy of the session's migrated file: as a fresh one, without migrating
            path = tmp_path / f"{name}.sqlite"
            if not path.exists():
                shutil.copyfile(request.getfixturevalue("migrated_file"), path)
            db = open_database(resolve_url(path))
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.dispose()
    for url in urls.values():
        drop_pg_database(url)


@pytest.fixture(scope="session")
def good_bundle(tmp_path_factory: pytest.TempPathFactory, migrated_file: Path) -> Path:
    """The bundle ``good`` copies: made once per test process (on an SQLite laptop)."""
    from kastedesk.services.bundles.exporter import export_bundle

    folder = tmp_path_factory.mktemp("good")
    shutil.copyfile(migrated_file, folder / "a.sqlite")
    a = open_database(resolve_url(folder / "a.sqlite"))
    try:
        workshop = add_workshop(a, add_registry(a))
        type_responses(a, workshop, [5, 4, 3], comment="Kiitos")
        export_bundle(a, folder / "good.kastebundle")
    finally:
        a.dispose()
    return folder / "good.kastebundle"


@pytest.fixture
def good(good_bundle: Path, tmp_path: Path) -> Path:
    """A well-formed bundle from laptop "a": one workshop with three typed forms."""
    path = tmp_path / "good.kastebundle"
    shutil.copyfile(good_bundle, path)
    return path


@pytest.fixture
def receiver(laptop) -> Database:
    """The laptop a bundle goes to: the same registry, no workshops yet."""
    db = laptop("receiver")
    add_registry(db)
    return db


def people_ids(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {p.full_name: p.id for p in session.scalars(select(Person))}


@pytest.fixture
def make_window(qtbot, qapp, tmp_path):
    """make_window(db) -> the main window on *db* (as in tests/ui)."""
    from PySide6.QtCore import QSettings

    from kastedesk.ui.main_window import MainWindow
    from kastedesk.ui.qt_translations import QtTranslations

    translations = QtTranslations(qapp)

    def make(db: Database):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings, translations)
        qtbot.addWidget(window)
        window.load_all_pages()  # tabs read their data when first shown; tests look at all
        return window

    yield make
    translations.apply("en")
