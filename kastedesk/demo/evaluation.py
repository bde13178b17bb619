"""A demo evaluation framework modelled on the self-evaluation table of seed 004.

Two regions (Etelä-Pohjanmaa and Pohjanmaa), three goals under the theme
"Lastensuojelutarpeen selvityksen kehittäminen", a few concrete measures each
(in Finnish and Swedish), a locked baseline and a mid-term round with ratings
and comments. Measures refer to the project's module workshops as evidence.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.evaluation import RoundKind, cell_uuid, region_uuid
from kastedesk.services.bundles.local_records import project_key
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.evaluation import (
    EvaluationCell,
    EvaluationGoal,
    EvaluationMeasure,
    EvaluationMeasureWorkshop,
    EvaluationRegion,
    EvaluationRound,
)
from kastedesk.storage.models.registry import Project
from kastedesk.storage.models.workshops import Workshop, WorkshopModule

DEMO_REGIONS = ("14", "15")
THEME = (
    "Lastensuojelutarpeen selvityksen kehittäminen",
    "Utveckling av utredningen av barnskyddsbehov",
)

# (goal fi, goal sv, module code for evidence, [(measure fi, measure sv, ratings)]):
# ratings are (baseline, mid-term) per region, in DEMO_REGIONS order; None = not assessed.
_Rating = int | None
_Measure = tuple[str, str, tuple[tuple[_Rating, _Rating], ...]]
GOALS: tuple[tuple[str, str, str, list[_Measure]], ...] = (
    (
        "Lasten kohtaaminen ja kuuleminen lastensuojelutarpeen selvityksessä vahvistuu.",
        "Bemötandet och hörandet av barn i utredningen av barnskyddsbehov stärks.",
        "A",
        [
            (
                "Kuntakäynneillä kartoitettiin lapsen kuulemisen nykykäytännöt.",
                "Vid kommunbesöken kartlades nuvarande praxis för att höra barn.",
                ((2, 3), (1, 2)),
            ),
            (
                "Kokemusasiantuntijat mukaan maakunnallisiin työpajoihin.",
                "Erfarenhetsexperter med i landskapens workshoppar.",
                ((1, 2), (1, 3)),
            ),
        ],
    ),
    (
        "Sosiaalityön sisäiset menettelytavat selkiytyvät.",
        "Socialarbetets interna arbetssätt klarnar.",
        "B",
        [
            (
                "Benchmarkkaus kuntien kesken lastensuojelutarpeen selvityksen käytännöistä.",
                "Benchmarking mellan kommunerna av praxis i utredningen av barnskyddsbehov.",
                ((1, 2), (2, 2)),
            ),
            (
                "Yhtenäinen dokumentointitapa kehitetään ja kokeillaan.",
                "Ett enhetligt sätt att dokumentera utvecklas och prövas.",
                ((None, 1), (None, 2)),
            ),
        ],
    ),
    (
        "Ammatillisen verkoston roolit ja toimintatavat kirkastuvat.",
        "Det professionella nätverkets roller och arbetssätt klarnar.",
        "C",
        [
            (
                "Järjestöyhteistyötä tehtiin palvelujen selkeyttämiseksi.",
                "Samarbete med organisationer för att göra tjänsterna tydligare.",
                ((2, 2), (2, 3)),
            ),
            (
                "Pysyviä rakenteita pyrittiin saamaan aikaan konsultaatioon.",
                "Man strävade efter bestående strukturer för konsultation.",
                ((1, 1), (1, 2)),
            ),
        ],
    ),
)

COMMENTS = {
    ("14", 0): "Kuntakäynnit kaikkiin kuntiin. Kuntien aktivoimiseksi tehtävä edelleen työtä.",
    ("15", 0): "Kommunbesök i alla kommuner; arbetet för att aktivera kommunerna fortsätter.",
    ("14", 2): "Vertaiskäynnit jatkuvat; hyviä käytäntöjä jaettu maakuntien kesken.",
    ("15", 4): "Samarbetet med organisationerna har kommit igång bra.",
    ("14", 5): "Neuvottelut kuntien kanssa käynnistetty konsultaatiorakenteesta.",
}


def add_demo_evaluation(session: Session, project: Project, today: dt.date) -> None:
    origin = installation_id(session)
    session.flush()
    for position, code in enumerate(DEMO_REGIONS):
        session.add(
            EvaluationRegion(
                uuid=region_uuid(project_key(project), code),
                project_id=project.id,
                region=code,
                position=position,
                origin=origin,
            )
        )
    baseline = EvaluationRound(
        project_id=project.id,
        kind=RoundKind.BASELINE,
        date=today - dt.timedelta(days=300),
        locked=True,
        origin=origin,
    )
    midterm = EvaluationRound(
        project_id=project.id,
        kind=RoundKind.MIDTERM,
        date=today - dt.timedelta(days=10),
        origin=origin,
    )
    session.add_all([baseline, midterm])
    session.flush()
    workshops = session.execute(
        select(Workshop.id, WorkshopModule.code, Workshop.region)
        .join(WorkshopModule, WorkshopModule.id == Workshop.module_id)
        .where(Workshop.project_id == project.id, Workshop.region.in_(DEMO_REGIONS))
    ).all()
    number = 0
    for goal_position, (goal_fi, goal_sv, module, measures) in enumerate(GOALS):
        goal = EvaluationGoal(
            project_id=project.id,
            position=goal_position,
            text_fi=goal_fi,
            text_sv=goal_sv,
            theme_fi=THEME[0],
            theme_sv=THEME[1],
            origin=origin,
        )
        session.add(goal)
        session.flush()
        for measure_position, (text_fi, text_sv, ratings) in enumerate(measures):
            measure = EvaluationMeasure(
                goal_id=goal.id,
                position=measure_position,
                text_fi=text_fi,
                text_sv=text_sv,
                origin=origin,
            )
            session.add(measure)
            session.flush()
            if measure_position == 0:
                session.add_all(
                    EvaluationMeasureWorkshop(measure_id=measure.id, workshop_id=w)
                    for w, code, _region in workshops
                    if code == module
                )
            for region, (before, after) in zip(DEMO_REGIONS, ratings, strict=True):
                for round_, rating in ((baseline, before), (midterm, after)):
                    comment = COMMENTS.get((region, number), "") if round_ is midterm else ""
                    if rating is None and not comment:
                        continue
                    session.add(
                        EvaluationCell(
                            uuid=cell_uuid(round_.uuid, measure.uuid, region),
                            origin=origin,
                            round_id=round_.id,
                            measure_id=measure.id,
                            region=region,
                            rating=rating,
                            comment=comment,
                        )
                    )
            number += 1
    session.flush()
