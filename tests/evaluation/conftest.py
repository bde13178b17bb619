"""A project with an evaluation framework like seed 004: two regions, three goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kastedesk.domain.evaluation import RoundKind
from kastedesk.services import evaluation as ev
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Project
from tests.bundles.conftest import laptop  # noqa: F401  (fixtures of the bundle and window tests)
from tests.db_support import built_once
from tests.ui.conftest import make_window, settings  # noqa: F401

ETELA_SAVO, KESKI_SUOMI = "10", "13"


@dataclass
class Setup:
    project: int
    goals: list[int]
    measures: list[list[int]]  # per goal
    baseline: int
    midterm: int


def add_framework(db: Database, project_name: str = "Lapset ja perheet") -> Setup:
    with db.session() as session:
        project = Project(name_fi=project_name, name_sv="Barn och familjer", short_name="LaPe")
        session.add(project)
        session.flush()
        project_id = project.id
    ev.set_regions(db, project_id, [ETELA_SAVO, KESKI_SUOMI])
    goals, measures = [], []
    texts = [
        ("Lasten ja perheiden palveluita uudistetaan.", ["Kuntakäynnit", "Järjestöyhteistyö"]),
        ("Osallisuutta lisätään.", ["Sijaisvanhempien tuki"]),
        ("Osaaminen varmistetaan.", ["Kumppanuuspäivät", "Kehittämistyöryhmä"]),
    ]
    for n, (goal_text, measure_texts) in enumerate(texts):
        theme = "Sijaishuollon kehittäminen" if n == 0 else ""
        goal = ev.add_goal(db, project_id, ev.GoalFields(goal_text, f"Mål {n + 1}", theme))
        goals.append(goal)
        measures.append(
            [ev.add_measure(db, goal, ev.MeasureFields(t, f"{t} (sv)")) for t in measure_texts]
        )
    baseline = ev.create_round(db, project_id, RoundKind.BASELINE, date=dt.date(2012, 3, 1))
    midterm = ev.create_round(db, project_id, RoundKind.MIDTERM, date=dt.date(2013, 3, 1))
    return Setup(project_id, goals, measures, baseline, midterm)


@pytest.fixture
def setup(db: Database) -> Setup:
    return built_once("evaluation.setup", db, lambda: add_framework(db))
