"""Migration 0016 (tabled items) on a database full of meetings: every item kept, decided."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kastedesk.services import backlog
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import create_db_engine, resolve_url, write_engine
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.storage.models import Base

BEFORE = ScriptDirectory.from_config(alembic_config()).get_revision("0016").down_revision
OUR_COLUMNS = ("outcome", "continues_item_id", "backlog_item_id")
ITEM_COLUMNS = "id, meeting_id, section, kind, title_fi, title_sv, background, proposal, decision"


def _at(path: Path, revision: str, downgrade: bool = False) -> None:
    """Like the program's upgrade: foreign keys off, so copying a table cascades nothing."""
    engine = create_db_engine(resolve_url(path))
    with write_engine(engine).connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            (command.downgrade if downgrade else command.upgrade)(config, revision)
    engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as c:
        rows = sorted(tuple(r) for r in c.execute(text(sql)))
    engine.dispose()
    return rows


def test_migrated_schema_matches_the_models(db) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    ours = [d for d in diffs if "backlog_item" in repr(d) or any(c in repr(d) for c in OUR_COLUMNS)]
    assert ours == []


def test_upgrade_keeps_every_item_as_decided_and_downgrade_drops_only_ours(
    demo_data_file: Path,
) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    before_items = _rows(path, f"SELECT {ITEM_COLUMNS} FROM agenda_item")
    before_children = _rows(path, "SELECT id, item_id FROM attachment UNION ALL "
                                  "SELECT id, item_id FROM action_item")  # fmt: skip
    assert len(before_items) > 20 and before_children
    _at(path, BEFORE, downgrade=True)
    columns = [r[1] for r in _rows(path, "PRAGMA table_info(agenda_item)")]
    assert not set(OUR_COLUMNS) & set(columns)
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name = 'backlog_item'") == []
    assert _rows(path, f"SELECT {ITEM_COLUMNS} FROM agenda_item") == before_items

    db = open_database(resolve_url(path))  # upgrades to the head again
    try:
        assert _rows(path, "SELECT DISTINCT outcome FROM agenda_item") == [("decided",)]
        assert _rows(path, f"SELECT {ITEM_COLUMNS} FROM agenda_item") == before_items
        assert _rows(path, "SELECT id, item_id FROM attachment UNION ALL "
                           "SELECT id, item_id FROM action_item") == before_children  # fmt: skip
        # The new columns work on the old data.
        with db.read() as s:
            item_id, meeting_id, group_id = s.execute(text(
                "SELECT i.id, m.id, m.group_id FROM agenda_item i "
                "JOIN meeting m ON m.id = i.meeting_id "
                "WHERE i.kind = 'own' AND m.status != 'approved' ORDER BY i.id LIMIT 1"
            )).one()  # fmt: skip
        row = next(i for i in get_meeting(db, meeting_id).items if i.id == item_id)
        texts = {name: getattr(row, name) for name in ("title_fi", "title_sv", "presenter_id",
                                                       *svc.ITEM_TEXT_FIELDS)}  # fmt: skip
        svc.update_item(db, item_id, svc.ItemFields(**texts, outcome="postponed"), row.row_version)
        assert [e.id for e in backlog.group_backlog(db, group_id)] == [item_id]
        parked = backlog.park_item(db, group_id, backlog.ParkedFields("Odottaa"))
        assert ("parked", parked) in [e.key for e in backlog.group_backlog(db, group_id)]
    finally:
        db.dispose()
    _at(path, BEFORE, downgrade=True)
    assert _rows(path, f"SELECT {ITEM_COLUMNS} FROM agenda_item") == before_items
