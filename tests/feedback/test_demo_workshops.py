"""Demo workshops and feedback: 15 workshops in five regions, hundreds of responses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kastedesk.demo.workshops import add_demo_workshops
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.services.workshops import WorkshopFilter, list_workshops
from kastedesk.storage.models.registry import Person, Project

TODAY = dt.date(2015, 3, 1)


def _fill(db, seed: int = 2014) -> int:
    with db.session() as session:
        project = Project(name_fi="LasSe-demo", name_sv="LasSe-demo", short_name="LasSe")
        people = [
            Person(first_name="Maija", last_name="Mallikas", region="06"),
            Person(first_name="Stina", last_name="Strand", region="15", language="sv"),
            Person(first_name="Pekka", last_name="Puro", region="14"),
        ]
        session.add(project)
        session.add_all(people)
        session.flush()
        add_demo_workshops(session, project, people, TODAY, rng_seed=seed)
        return project.id


def _content(db) -> list[tuple]:
    rows = list_workshops(db)
    return [(w.title, w.region, w.module, w.date, w.status, w.attended, w.responses) for w in rows]


def test_demo_workshops_cover_regions_modules_and_languages(db) -> None:
    project_id = _fill(db)
    rows = list_workshops(db, WorkshopFilter(project_id=project_id))
    assert len(rows) == 15
    assert {w.region for w in rows} == {"05", "06", "07", "14", "15"}
    assert {w.module for w in rows} == {"A", "B", "C"}
    statuses = {w.status for w in rows}
    assert statuses == {WorkshopStatus.HELD, WorkshopStatus.PLANNED, WorkshopStatus.CANCELLED}
    swedish = [w for w in rows if w.region == "15"]
    assert all(w.title.startswith("Landskapsworkshop") for w in swedish)
    assert all(w.responses == 0 for w in rows if w.status is not WorkshopStatus.HELD)
    held = [w for w in rows if w.status is WorkshopStatus.HELD]
    assert all(0 < w.responses <= w.attended for w in held)

    summary = summarize(db, ResultFilter(project_id=project_id))
    assert 150 <= summary.responses <= 500
    first = summary.questions[0]
    assert 3.0 < first.mean < 4.6
    assert len([v for v, n in first.counts.items() if n]) >= 4  # a real spread
    comments = summary.questions[4].comments
    assert any("päivä" in c for c in comments) and any("dag" in c for c in comments)
    ostrobothnia = summarize(db, ResultFilter(region="15"))
    assert ostrobothnia.responses > 0
    from kastedesk.demo.workshops import COMMENTS_SV

    assert set(ostrobothnia.questions[4].comments) <= set(COMMENTS_SV)


def test_demo_is_deterministic(db, tmp_path) -> None:
    from kastedesk.storage.database import resolve_url
    from kastedesk.storage.migrate import open_database

    _fill(db)
    other = open_database(resolve_url(tmp_path / "other.sqlite"))
    try:
        _fill(other)
        assert _content(db) == _content(other)
        third = open_database(resolve_url(tmp_path / "third.sqlite"))
        try:
            _fill(third, seed=7)
            assert _content(third) != _content(db)
        finally:
            third.dispose()
    finally:
        other.dispose()
    with db.read() as session:
        assert session.scalars(select(Person.id)).all()
