"""Migration 0014: minutes approved before it stay approved and locked, with nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kastedesk.domain.minutes_review import CheckerState, ReviewState
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_access import MeetingLocked
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import create_db_engine, resolve_url, write_engine
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.storage.models import Base

D = dt.date
BEFORE = ScriptDirectory.from_config(alembic_config()).get_revision("0014").down_revision
NEW_COLUMNS = {
    "minutes_sent_on", "checker1_checked_on", "checker1_comment",
    "checker2_checked_on", "checker2_comment",
}  # fmt: skip


def _migrate(path: Path, revision: str, down: bool) -> set[str]:
    engine = create_db_engine(resolve_url(path))
    try:
        with write_engine(engine).begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
            return {row[1] for row in connection.execute(text("PRAGMA table_info(meeting)"))}
    finally:
        engine.dispose()


def _sql(path: Path, statement: str) -> None:
    engine = create_db_engine(resolve_url(path))
    try:
        with write_engine(engine).begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def old_file(tmp_path: Path) -> tuple[Path, dict[str, int], dict]:
    """Meetings approved, held and approved without checkers, as the schema before 0014 held
    them."""
    from tests.meetings.meeting_registry import build_registry

    path = tmp_path / "old.sqlite"
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            registry = build_registry(session)
        ids = {}
        for key, day in (("approved", D(2014, 9, 23)), ("held", D(2014, 10, 7)),
                         ("bare", D(2014, 11, 4))):  # fmt: skip
            ids[key] = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=day))
            rows = {a.person_id: a for a in get_meeting(db, ids[key]).attendance}
            for person in ("chair", "m2", "m3"):
                attendance.set_attendance(
                    db, rows[registry.people[person]].id, attendance.AttendanceFields(True)
                )
        people = registry.people
        svc.approve_minutes(db, ids["approved"], D(2014, 9, 30), people["m2"], people["m3"])
        before = get_meeting(db, ids["approved"])
    finally:
        db.dispose()
    assert NEW_COLUMNS.isdisjoint(_migrate(path, BEFORE, down=True))
    # A meeting approved long ago with no checkers or date recorded (memo-like data).
    _sql(path, f"UPDATE meeting SET status = 'approved' WHERE id = {ids['bare']}")
    return path, ids, {"approved": before, "people": people}


def test_approved_minutes_stay_approved_and_locked(old_file) -> None:
    path, ids, seen = old_file
    assert _migrate(path, "head", down=False) >= NEW_COLUMNS
    db = open_database(resolve_url(path))
    try:
        approved = get_meeting(db, ids["approved"])
        before = seen["approved"]
        assert approved.locked and approved.checked_on == D(2014, 9, 30)
        assert approved.checker_ids == before.checker_ids
        assert approved.items == before.items and approved.attendance == before.attendance
        assert [e.note for e in approved.events] == [e.note for e in before.events]
        review = approved.meeting.review
        assert review.state is ReviewState.APPROVED and review.approved_on == D(2014, 9, 30)
        assert [c.state for c in review.checkers] == [CheckerState.CHECKED] * 2
        assert [c.checked_on for c in review.checkers] == [D(2014, 9, 30)] * 2
        bare = get_meeting(db, ids["bare"])
        assert bare.locked and bare.meeting.review.state is ReviewState.APPROVED
        assert all(c.checked_on is None for c in bare.meeting.review.checkers)
        held = get_meeting(db, ids["held"]).meeting.review
        assert held.state is ReviewState.DRAFT and held.sent_on is None
        with pytest.raises(MeetingLocked):
            svc.update_item(db, approved.items[6].id, svc.ItemFields("Muutettu"))
    finally:
        db.dispose()


def test_migrated_meeting_table_matches_the_model(db) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)

    def touches_meeting(diff) -> bool:
        item = diff[0] if isinstance(diff, list) else diff
        return any(getattr(part, "name", None) in NEW_COLUMNS for part in item[1:]) or (
            len(item) > 2 and item[2] == "meeting" and item[3] in NEW_COLUMNS
        )

    assert [d for d in diffs if touches_meeting(d)] == []
