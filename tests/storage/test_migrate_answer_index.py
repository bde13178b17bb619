"""Migration 0019 (the answers' question-and-value index holds their response): down and up."""

from __future__ import annotations

from pathlib import Path

from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.db_support import index_and_count, migrate_file

INDEX = "ix_feedback_answer_question_value"


def _index_and_count(path: Path) -> tuple[list[str | None], int]:
    return index_and_count(path, "feedback_answer", INDEX)


def _counts(path: Path) -> tuple[int, list[object]]:
    db = open_database(resolve_url(path))
    summary = summarize(db, ResultFilter())  # every response: the walk of this index
    db.dispose()
    return summary.responses, [(q.key, q.counts, q.comments) for q in summary.questions]


def test_0019_goes_down_and_up_keeping_every_answer(demo_data_file: Path) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    before = _counts(path)
    columns, answers = _index_and_count(path)
    assert columns == ["question_id", "value", "response_id"]
    assert answers > 0 and before[0] > 0

    migrate_file(path, "0018", downgrade=True)
    assert _index_and_count(path) == (["question_id", "value"], answers)

    migrate_file(path, "head")
    assert _index_and_count(path) == (columns, answers)
    assert _counts(path) == before
