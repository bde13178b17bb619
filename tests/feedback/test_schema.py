"""Migration 0004 creates exactly what the workshop and feedback models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kastedesk.storage.models import Base

OUR_TABLES = {
    "workshop",
    "workshop_module",
    "workshop_facilitator",
    "workshop_question",
    "feedback_form",
    "feedback_question",
    "feedback_option",
    "feedback_response",
    "feedback_answer",
    "feedback_draft",
}


def _table_of(diff) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:]:
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return table.name
        if name in OUR_TABLES:
            return name
        if isinstance(part, str) and part in OUR_TABLES:
            return part
    return None


def test_migrated_schema_matches_the_models(db) -> None:
    assert set(Base.metadata.tables) >= OUR_TABLES
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    ours = [d for d in diffs if _table_of(d) in OUR_TABLES]
    assert ours == []
