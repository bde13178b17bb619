"""A read session sees one snapshot: what others commit meanwhile waits for the next read."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kastedesk.storage.database import Database
from kastedesk.storage.models.meta import Meta


def _rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Meta)) or 0


def test_a_read_does_not_see_a_commit_made_between_its_statements(db: Database) -> None:
    with db.read() as reading:
        before = _rows(reading)
        with db.session() as writing:  # another connection, as another window's save
            writing.add(Meta(key="made meanwhile", value="x"))
        assert _rows(reading) == before  # the same snapshot, on SQLite and PostgreSQL
    with db.read() as reading:
        assert _rows(reading) == before + 1
