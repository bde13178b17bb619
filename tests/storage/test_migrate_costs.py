"""Migration 0009 (costs) on a registry made at 0007: projects get cost categories; downgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from kastedesk.services import costs as svc
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.storage.models import Base

COST_TABLES = {
    "cost_partner",
    "cost_category",
    "cost_budget",
    "funding_line",
    "cost_import",
    "cost_entry",
}


def _migrate(path: Path, revision: str, down: bool = False) -> None:
    engine = create_db_engine(resolve_url(path))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
        if revision == "0007" and not down:
            connection.execute(
                text(
                    "INSERT INTO project (id, name_fi, name_sv, short_name, organisation) "
                    "VALUES (1, 'Vanha hanke', 'Gammalt projekt', 'VH', ''), "
                    "(2, 'Toinen', '', 'T', '')"
                )
            )
    engine.dispose()


def test_migrated_schema_matches_the_models(db) -> None:
    assert set(Base.metadata.tables) >= COST_TABLES
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)

    def touches(diff) -> bool:
        item = diff[0] if isinstance(diff, list) else diff
        return any(
            getattr(getattr(part, "table", None), "name", getattr(part, "name", part))
            in COST_TABLES
            for part in item[1:]
        )

    assert [d for d in diffs if touches(d)] == []


def test_projects_made_before_costs_get_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _migrate(path, "0007")
    db = open_database(resolve_url(path))  # upgrades to head
    try:
        with db.read() as s:
            rows = s.execute(
                text(
                    "SELECT project_id, name_fi, name_sv, row_version FROM cost_category "
                    "ORDER BY id"
                )
            ).all()
        assert len(rows) == 10
        assert rows[0] == (1, "Henkilöstömenot", "Personalkostnader", 1)
        book = svc.load_book(db, 1)
        assert [f.share_bp for f in book.funding] == [7500, 2500]
        assert len(book.categories) == 5  # not doubled by the service's defaults
        partner = svc.add_partner(db, 1, "Kaupunki")
        staff = book.categories[0].id
        svc.save_budget(db, 1, {(partner, staff, 2014): 100})
        svc.add_entry(db, 1, svc.entry_from_text(partner, staff, "1/2014", "2", ""))
        assert svc.load_book(db, 1).follow_up().total.over_budget
    finally:
        db.dispose()

    _migrate(path, "0007", down=True)
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert not COST_TABLES & tables
        assert conn.execute(text("SELECT count(*) FROM project")).scalar() == 2
    engine.dispose()
