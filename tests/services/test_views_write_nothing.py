"""What a tab or a dialog shows is read, not written: no write lock, no change announced.

A view that opened a write session each time it was shown took SQLite's write lock (a
command writing meanwhile made it wait), woke the other windows' change watch on a
server, and made the window's own tabs think something had been saved
(``Database.commits``). Defaults that are made on first need are made once.
"""

from __future__ import annotations

from kastedesk.services import costs
from kastedesk.services.bundles.origins import responses_by_origin
from kastedesk.services.feedback_forms import ensure_default_form
from kastedesk.storage.database import Database
from kastedesk.storage.installation import known_installation_id
from kastedesk.storage.models.costs import CostCategory
from kastedesk.storage.models.registry import Project


def _new_project(db: Database) -> int:
    with db.session() as s:
        project = Project(name_fi="Testihanke", name_sv="Testprojekt", short_name="TeHa")
        s.add(project)
        s.flush()
        return project.id


def test_the_cost_book_gets_its_defaults_once_then_is_only_read(db: Database) -> None:
    project_id = _new_project(db)
    before = db.commits
    first = costs.load_book(db, project_id)
    assert len(first.categories) == 5 and first.funding  # the defaults, made now
    assert db.commits == before + 1
    again = costs.load_book(db, project_id)
    assert db.commits == before + 1  # read only
    assert [c.id for c in again.categories] == [c.id for c in first.categories]
    with db.read() as s:
        assert s.query(CostCategory).filter_by(project_id=project_id).count() == 5


def test_the_default_form_is_made_once_then_only_looked_up(db: Database) -> None:
    before = db.commits
    form_id = ensure_default_form(db)
    made = db.commits - before
    assert made <= 1  # none when the database came with a form
    assert ensure_default_form(db) == form_id
    assert db.commits == before + made


def test_listing_responses_by_origin_makes_no_installation_id(db: Database) -> None:
    before = db.commits
    assert responses_by_origin(db) == []
    assert db.commits == before
    with db.read() as s:
        assert known_installation_id(s) is None  # made when something is typed in here


def test_listing_a_workshops_responses_writes_nothing(demo_db: Database) -> None:
    from kastedesk.services.feedback_responses import list_responses
    from kastedesk.services.workshops import list_workshops

    workshop = next(w for w in list_workshops(demo_db) if w.responses)
    before = demo_db.commits
    listed = list_responses(demo_db, workshop.id, "sv")
    assert len(listed.rows) == workshop.responses
    assert demo_db.commits == before
