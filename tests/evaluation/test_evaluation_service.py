"""Framework editing, rounds, ratings, summaries, comparison and evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk import i18n
from kastedesk.domain.evaluation import Change, RatingCounts
from kastedesk.domain.validation import ValidationError
from kastedesk.services import evaluation as ev
from tests.bundles.conftest import add_workshop, type_responses
from tests.evaluation.conftest import ETELA_SAVO, KESKI_SUOMI, Setup


def test_framework_holds_goals_measures_and_regions_in_order(db, setup: Setup) -> None:
    framework = ev.load_framework(db, setup.project)
    assert framework.regions == [ETELA_SAVO, KESKI_SUOMI]
    assert [g.number for g in framework.goals] == [1, 2, 3]
    assert framework.goals[0].theme("fi") == "Sijaishuollon kehittäminen"
    assert [m.text("fi") for m in framework.goals[2].measures] == [
        "Kumppanuuspäivät",
        "Kehittämistyöryhmä",
    ]
    ev.move_measure(db, setup.measures[2][1], -1)
    ev.move_goal(db, setup.goals[2], -5)
    framework = ev.load_framework(db, setup.project)
    assert framework.goals[0].id == setup.goals[2]
    assert framework.goals[0].measures[0].text("fi") == "Kehittämistyöryhmä"


def test_ratings_and_comments_are_kept_per_cell(db, setup: Setup) -> None:
    m = setup.measures[0][0]
    ev.set_rating(db, setup.baseline, m, ETELA_SAVO, 3)
    ev.set_cell_comment(db, setup.baseline, m, ETELA_SAVO, "Kuntakäynnit kaikkiin kuntiin.")
    ev.set_rating(db, setup.baseline, m, KESKI_SUOMI, 2)
    ev.set_rating(db, setup.baseline, m, KESKI_SUOMI, None)
    ev.set_goal_comment(db, setup.baseline, setup.goals[0], ETELA_SAVO, "Hyvä alku")
    matrix = ev.load_matrix(db, setup.baseline)
    assert matrix.cell(m, ETELA_SAVO) == ev.Cell(3, "Kuntakäynnit kaikkiin kuntiin.")
    assert matrix.cell(m, KESKI_SUOMI).rating is None
    assert matrix.goal_comments[(setup.goals[0], ETELA_SAVO)] == "Hyvä alku"
    with pytest.raises(ValidationError, match="1, 2 or 3"):
        ev.set_rating(db, setup.baseline, m, ETELA_SAVO, 4)
    with pytest.raises(ValidationError, match="control"):
        ev.set_cell_comment(db, setup.baseline, m, ETELA_SAVO, "a\x00b")


def test_a_locked_round_refuses_changes_until_reopened_with_a_reason(db, setup: Setup) -> None:
    m = setup.measures[0][0]
    ev.lock_round(db, setup.baseline)
    with pytest.raises(ValidationError, match="locked"):
        ev.set_rating(db, setup.baseline, m, ETELA_SAVO, 2)
    with pytest.raises(ValidationError):
        ev.reopen_round(db, setup.baseline, "  ")
    ev.reopen_round(db, setup.baseline, "Keski-Suomen arvio puuttui")
    ev.set_rating(db, setup.baseline, m, ETELA_SAVO, 2)
    info = ev.get_round(db, setup.baseline)
    assert not info.locked
    assert [reason for _at, reason in info.reopenings] == ["Keski-Suomen arvio puuttui"]


def test_retiring_or_rewording_keeps_earlier_rounds_cells(db, setup: Setup) -> None:
    m = setup.measures[0][1]
    ev.set_rating(db, setup.baseline, m, ETELA_SAVO, 1)
    ev.update_measure(db, m, ev.MeasureFields("Järjestöyhteistyö tiivistyi", ""))
    ev.retire_measure(db, m, dt.date(2012, 12, 31))
    baseline = ev.load_matrix(db, setup.baseline)
    midterm = ev.load_matrix(db, setup.midterm)
    assert m in [x.id for g in baseline.goals for x in g.measures]
    assert baseline.goals[0].measures[1].text("fi") == "Järjestöyhteistyö tiivistyi"
    assert baseline.cell(m, ETELA_SAVO).rating == 1
    assert m not in [x.id for g in midterm.goals for x in g.measures]
    with pytest.raises(ValidationError, match="retire"):
        ev.delete_measure(db, m)
    added = ev.add_measure(db, setup.goals[1], ev.MeasureFields("Uusi toimenpide"))
    assert added in [x.id for g in ev.load_matrix(db, setup.midterm).goals for x in g.measures]
    ev.delete_measure(db, added)


def test_a_region_with_ratings_cannot_be_dropped(db, setup: Setup) -> None:
    ev.set_rating(db, setup.baseline, setup.measures[0][0], KESKI_SUOMI, 2)
    with pytest.raises(ValidationError, match="Keski-Suomi"):
        ev.set_regions(db, setup.project, [ETELA_SAVO])
    ev.set_regions(db, setup.project, [KESKI_SUOMI, ETELA_SAVO, "15"])
    assert ev.load_framework(db, setup.project).regions == [KESKI_SUOMI, ETELA_SAVO, "15"]
    ev.set_regions(db, setup.project, [KESKI_SUOMI, ETELA_SAVO])
    with pytest.raises(ValidationError):
        ev.set_regions(db, setup.project, ["99"])


def test_summary_counts_every_cell_shown(db, setup: Setup) -> None:
    first, second = setup.measures[0]
    ev.set_rating(db, setup.baseline, first, ETELA_SAVO, 3)
    ev.set_rating(db, setup.baseline, second, ETELA_SAVO, 1)
    ev.set_rating(db, setup.baseline, first, KESKI_SUOMI, 2)
    summary = ev.load_matrix(db, setup.baseline).summary()
    assert summary.by_goal[setup.goals[0]] == RatingCounts(1, 1, 1, 1)
    assert summary.by_region[ETELA_SAVO] == RatingCounts(1, 0, 1, 3)
    assert summary.total.total == 10  # 5 measures × 2 regions
    assert summary.total.share_realised == pytest.approx(2 / 3)


def test_rounds_compare_cell_by_cell(db, setup: Setup) -> None:
    a, b = setup.measures[0]
    c = setup.measures[1][0]
    for measure, before, after in ((a, 1, 3), (b, 2, 2), (c, 3, 1)):
        ev.set_rating(db, setup.baseline, measure, ETELA_SAVO, before)
        ev.set_rating(db, setup.midterm, measure, ETELA_SAVO, after)
    ev.set_rating(db, setup.midterm, a, KESKI_SUOMI, 2)
    ev.set_rating(db, setup.baseline, b, KESKI_SUOMI, 2)
    comparison = ev.compare_rounds(db, setup.baseline, setup.midterm)
    assert comparison.changes[(a, ETELA_SAVO)] is Change.BETTER
    assert comparison.changes[(b, ETELA_SAVO)] is Change.SAME
    assert comparison.changes[(c, ETELA_SAVO)] is Change.WORSE
    assert comparison.changes[(a, KESKI_SUOMI)] is Change.NEW
    assert comparison.changes[(b, KESKI_SUOMI)] is Change.REMOVED
    counts = comparison.counts()
    assert counts == {
        Change.BETTER: 1,
        Change.SAME: 1,
        Change.WORSE: 1,
        Change.NEW: 1,
        Change.REMOVED: 1,
    }


def test_rounds_of_other_projects_cannot_be_compared(db, setup: Setup) -> None:
    from tests.evaluation.conftest import add_framework

    other = add_framework(db, "Toinen hanke")
    with pytest.raises(ValidationError, match="same project"):
        ev.compare_rounds(db, setup.baseline, other.midterm)


def test_evidence_counts_responses_and_means_of_linked_workshops(db, setup: Setup) -> None:
    reg = {"project": setup.project}
    from kastedesk.services.workshops import add_module
    from kastedesk.storage.models.registry import Person

    with db.session() as session:
        aino = Person(first_name="Aino", last_name="Aaltonen")
        bo = Person(first_name="Bo", last_name="Berg")
        session.add_all([aino, bo])
        session.flush()
        reg.update(
            aino=aino.id, bo=bo.id, module=add_module(session, setup.project, "A", "A", "A").id
        )
    one = add_workshop(db, reg, "Työpaja 1")
    two = add_workshop(db, reg, "Työpaja 2")
    type_responses(db, one, [4, 5])
    type_responses(db, two, [3])
    measure = setup.measures[0][0]
    ev.set_measure_workshops(db, measure, [one, two])
    questions = ev.scale_questions(db, setup.project)
    first_key = questions[0][0]
    found = ev.evidence(db, setup.project, [first_key])
    assert set(found) == {measure}
    assert (found[measure].workshops, found[measure].responses) == (2, 3)
    assert [q.key for q in found[measure].means] == [first_key]
    assert found[measure].means[0].mean == pytest.approx(4.0)
    assert found[measure].short() == "2\u00a0workshops, 3\u00a0responses · 4"
    one_each = ev.Evidence(workshops=1, responses=1_250)
    i18n.set_language("fi")  # the test's own folders put English back afterwards
    assert found[measure].short() == "2\u00a0työpajaa, 3\u00a0vastausta · 4"
    assert one_each.counts() == "1\u00a0työpaja, 1\u00a0250\u00a0vastausta"
    i18n.set_language("sv")
    assert found[measure].short() == "2\u00a0workshoppar, 3\u00a0svar · 4"
    assert one_each.counts() == "1\u00a0workshop, 1\u00a0250\u00a0svar"
    assert ev.Evidence().short() == ""  # no workshops linked: nothing to show


def test_rewording_what_someone_else_changed_meanwhile_is_refused(db, setup: Setup) -> None:
    from kastedesk.storage.errors import RecordChangedError

    measure = ev.load_framework(db, setup.project).goals[0].measures[0]
    ev.update_measure(db, measure.id, ev.MeasureFields("Toisen ikkunan muutos"))
    with pytest.raises(RecordChangedError):
        ev.update_measure(db, measure.id, ev.MeasureFields("Oma muutos"), measure.row_version)
    goal = ev.load_framework(db, setup.project).goals[0]
    ev.update_goal(db, goal.id, ev.GoalFields("Uusi teksti"), goal.row_version)
    with pytest.raises(RecordChangedError):
        ev.update_goal(db, goal.id, ev.GoalFields("Vanha näkymä"), goal.row_version)
    info = ev.get_round(db, setup.midterm)
    ev.update_round(db, setup.midterm, info.kind, "Kevät", info.date, info.row_version)
    assert ev.get_round(db, setup.midterm).row_version == info.row_version + 1
