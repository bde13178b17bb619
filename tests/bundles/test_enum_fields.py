"""A bundle's kinds and statuses are untrusted text: checked and made enum members at the door."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.domain.evaluation import RoundKind
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.services.bundles import BundleError, import_bundle
from kastedesk.services.bundles.evaluation import parse_evaluation
from kastedesk.services.bundles.reader import read_bundle
from kastedesk.storage.models.feedback import FeedbackQuestion
from kastedesk.storage.models.workshops import Workshop
from tests.bundles.test_bad_bundles import _entries, _refused, _write

NOT_A_VALUE = [["held"], 3, None, "HELD", "adjourned"]


def _changed(good: Path, tmp_path: Path, part: str, change) -> Path:
    entries = _entries(good)
    data = json.loads(entries[part])
    change(data)
    entries[part] = json.dumps(data).encode()
    return _write(tmp_path / "bad.kastebundle", entries)


@pytest.mark.parametrize("value", NOT_A_VALUE, ids=repr)
def test_a_workshop_status_outside_the_enum_refuses_the_bundle(
    good, receiver, tmp_path, value
) -> None:
    def change(data: dict) -> None:
        data["workshops"][0]["content"]["status"] = value

    path = _changed(good, tmp_path, "workshops.json", change)
    _refused(receiver, path, "damaged", "status")


@pytest.mark.parametrize("value", NOT_A_VALUE, ids=repr)
def test_a_question_kind_outside_the_enum_refuses_the_bundle(
    good, receiver, tmp_path, value
) -> None:
    def change(data: dict) -> None:
        data["forms"][0]["content"]["questions"][0]["kind"] = value

    path = _changed(good, tmp_path, "forms.json", change)
    _refused(receiver, path, "damaged", "kind")


@pytest.mark.parametrize("value", NOT_A_VALUE, ids=repr)
def test_a_round_kind_outside_the_enum_is_refused(value) -> None:
    raw = {
        "uuid": str(uuid.uuid4()),
        "origin": "laptop",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "supersedes": [],
        "kind": "ev_round",
        "content": {
            "project": "LasSe", "kind": value, "name": "", "date": None,
            "locked": False, "reopenings": [],
        },
    }  # fmt: skip
    with pytest.raises(BundleError, match="kind"):
        parse_evaluation(raw)
    raw["content"]["kind"] = "midterm"  # type: ignore[index]
    assert parse_evaluation(raw).content["kind"] is RoundKind.MIDTERM


def test_a_good_bundle_arrives_as_members_and_is_stored_as_values(good, receiver) -> None:
    records = read_bundle(good).records
    assert {type(w.content["status"]) for w in records.workshops} == {WorkshopStatus}
    kinds = {type(q["kind"]) for f in records.forms for q in f.content["questions"]}
    assert kinds == {QuestionKind}
    import_bundle(receiver, good)
    with receiver.read() as s:
        assert s.scalar(select(Workshop.status)) is WorkshopStatus.HELD
        assert set(s.scalars(select(FeedbackQuestion.kind))) <= set(QuestionKind)
    with receiver.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT DISTINCT status FROM workshop").scalars().all()
    assert stored == ["held"]
