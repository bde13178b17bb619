"""Migration 0017 (the responses' workshop index holds their form): down and up with data."""

from __future__ import annotations

from pathlib import Path

from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.db_support import index_and_count, migrate_file

INDEX = "ix_feedback_response_workshop"


def _index_and_count(path: Path) -> tuple[list[str | None], int]:
    return index_and_count(path, "feedback_response", INDEX)


def test_0017_goes_down_and_up_keeping_every_response(demo_data_file: Path) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    db = open_database(resolve_url(path))
    before = summarize(db, ResultFilter())
    db.dispose()
    columns, responses = _index_and_count(path)
    assert columns == ["workshop_id", "deleted_at", "form_id"]
    assert responses > 0

    migrate_file(path, "0015", downgrade=True)
    assert _index_and_count(path) == (["workshop_id", "deleted_at"], responses)

    migrate_file(path, "head")
    assert _index_and_count(path) == (columns, responses)
    db = open_database(resolve_url(path))
    after = summarize(db, ResultFilter())
    db.dispose()
    assert (after.responses, [q.counts for q in after.questions]) == (
        before.responses,
        [q.counts for q in before.questions],
    )
