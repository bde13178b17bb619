"""The demo project's evaluation: two regions, three goals, a locked baseline and a mid-term."""

from __future__ import annotations

from kastedesk.domain.evaluation import Change, RoundKind
from kastedesk.services import evaluation as ev


def test_demo_has_a_framework_and_two_rounds(demo_db) -> None:
    rounds = ev.list_rounds(demo_db)
    assert [r.kind for r in rounds] == [RoundKind.BASELINE, RoundKind.MIDTERM]
    assert rounds[0].locked and not rounds[1].locked
    framework = ev.load_framework(demo_db, rounds[0].project_id)
    assert framework.regions == ["14", "15"]
    assert len(framework.goals) == 3
    assert all(2 <= len(g.measures) <= 3 for g in framework.goals)
    assert all(g.text_sv and all(m.text_sv for m in g.measures) for g in framework.goals)
    comparison = ev.compare_rounds(demo_db, rounds[0].id, rounds[1].id)
    counts = comparison.counts()
    assert counts[Change.BETTER] > 0 and counts[Change.NEW] > 0
    found = ev.evidence(demo_db, rounds[0].project_id)
    assert len(found) == 3 and all(e.responses > 0 for e in found.values())
