"""Migration 0011 (evaluation) on a database with workshops and feedback: tables, data kept."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kastedesk.services import evaluation as ev
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.storage.models import Base
from tests.bundles.conftest import add_registry, add_workshop, type_responses

BEFORE = ScriptDirectory.from_config(alembic_config()).get_revision("0011").down_revision
OUR_TABLES = {
    "evaluation_goal",
    "evaluation_measure",
    "evaluation_measure_workshop",
    "evaluation_region",
    "evaluation_round",
    "evaluation_reopening",
    "evaluation_cell",
    "evaluation_goal_comment",
}


def _migrate(path: Path, revision: str, down: bool = False) -> None:
    engine = create_db_engine(resolve_url(path))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _names(diff) -> set[str]:
    item = diff[0] if isinstance(diff, list) else diff
    names = set()
    for part in item[1:]:
        table = getattr(part, "table", None)
        names.add(table.name if table is not None else str(getattr(part, "name", part)))
    return names


def test_migrated_schema_matches_the_models(db) -> None:
    assert set(Base.metadata.tables) >= OUR_TABLES
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert [d for d in diffs if OUR_TABLES & _names(d)] == []


def test_upgrade_keeps_feedback_and_evaluation_works_downgrade_drops_only_ours(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(resolve_url(path))
    reg = add_registry(db)
    workshop = add_workshop(db, reg)
    type_responses(db, workshop, [4, 5])
    db.dispose()
    _migrate(path, BEFORE, down=True)  # as if made before the evaluation matrix
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    engine.dispose()
    assert not OUR_TABLES & tables
    db = open_database(resolve_url(path))  # upgrades to head again
    try:
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM feedback_response")).scalar() == 2
        ev.set_regions(db, reg["project"], ["15"])
        goal = ev.add_goal(db, reg["project"], ev.GoalFields("Tavoite"))
        measure = ev.add_measure(db, goal, ev.MeasureFields("Toimenpide"))
        ev.set_measure_workshops(db, measure, [workshop])
        round_id = ev.create_round(db, reg["project"], "baseline")
        ev.set_rating(db, round_id, measure, "15", 2)
        assert ev.load_matrix(db, round_id).cell(measure, "15").rating == 2
        assert ev.evidence(db, reg["project"])[measure].responses == 2
        with db.read() as session:
            version = session.execute(text("SELECT row_version FROM evaluation_cell")).scalar()
        ev.set_rating(db, round_id, measure, "15", 3)
        with db.read() as session:
            assert (
                session.execute(text("SELECT row_version FROM evaluation_cell")).scalar()
                == version + 1
            )
    finally:
        db.dispose()
    _migrate(path, BEFORE, down=True)
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert not OUR_TABLES & tables
        assert conn.execute(text("SELECT count(*) FROM feedback_response")).scalar() == 2
    engine.dispose()
