"""Migration 0006: the models' tables exactly; upgrade from 0005 with feedback; downgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.storage.models import Base
from tests.bundles.conftest import add_registry, add_workshop, type_responses

OUR_TABLES = {"sync_version", "bundle_conflict", "sync_installation"}


def test_migrated_schema_matches_the_models(db) -> None:
    assert set(Base.metadata.tables) >= OUR_TABLES
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert [d for d in diffs if OUR_TABLES & set(map(str, _names(d)))] == []


def _names(diff) -> list[str]:
    item = diff[0] if isinstance(diff, list) else diff
    names = []
    for part in item[1:]:
        table = getattr(part, "table", None)
        names.append(table.name if table is not None else getattr(part, "name", part))
    return names


def _migrate(path: Path, revision: str, down: bool = False) -> None:
    engine = create_db_engine(resolve_url(path))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_feedback_made_before_0006_can_be_exported_and_downgrade_keeps_it(
    tmp_path: Path, laptop
) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(resolve_url(path))
    workshop = add_workshop(db, add_registry(db))
    type_responses(db, workshop, [4, 5])
    db.dispose()
    _migrate(path, "0005", down=True)  # as if made before bundles existed
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert not OUR_TABLES & tables
        assert conn.execute(text("SELECT count(*) FROM feedback_answer")).scalar() > 0
    engine.dispose()

    db = open_database(resolve_url(path))  # upgrades to 0006
    out = tmp_path / "old.kastebundle"
    assert export_bundle(db, out).responses == 2
    db.dispose()
    assert import_bundle(laptop("new"), out).inserted == 4

    _migrate(path, "0005", down=True)
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM feedback_response")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM workshop")).scalar() == 1
    engine.dispose()
