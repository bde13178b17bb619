"""Migration 0018 (each exchanged record's last version and revision): down and up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import open_database
from tests.db_support import migrate_file


def _tables_and_counts(path: Path) -> tuple[bool, int, int]:
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as c:
        has_table = "sync_current" in inspect(c).get_table_names()
        versions = c.execute(text("SELECT count(*) FROM sync_version")).scalar_one()
        current = (
            c.execute(text("SELECT count(*) FROM sync_current")).scalar_one() if has_table else -1
        )
    engine.dispose()
    return has_table, versions, current


def test_0018_goes_down_and_up_keeping_the_known_versions(
    demo_data_file: Path, tmp_path: Path
) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    db = open_database(resolve_url(path))
    export_bundle(db, tmp_path / "all.kastebundle")
    db.dispose()
    has_table, versions, current = _tables_and_counts(path)
    assert has_table and versions > 0 and current > 0  # every exported record has its row

    migrate_file(path, "0017", downgrade=True)
    assert _tables_and_counts(path) == (False, versions, -1)

    migrate_file(path, "head")
    assert _tables_and_counts(path) == (True, versions, 0)  # rows come back as records travel
    db = open_database(resolve_url(path))
    export_bundle(db, tmp_path / "again.kastebundle")
    db.dispose()
    assert _tables_and_counts(path) == (True, versions, current)
