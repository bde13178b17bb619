"""Demo workshops and feedback modelled on the LasSe project of the seeds.

``add_demo_workshops(session, project, people, today, rng_seed=2014)`` adds the
modules A, B and C to *project*, one workshop per region and module in the five
regions of the seeds (15 in all; the Ostrobothnia ones in Swedish), and a few
hundred anonymous responses on the default form for the held ones, with
plausible spreads and comments in Finnish and Swedish. The same seed gives the
same workshops and answers (record UUIDs are random, as always).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.workshops import WorkshopData, WorkshopStatus
from kastedesk.services.feedback_entry import add_responses, question_ids_of
from kastedesk.services.feedback_forms import default_form_id
from kastedesk.services.workshops import add_module, add_workshop
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.workshops import WorkshopModule

MODULES = (
    (
        "A",
        "Asiakkaan kohtaamisen ja kuulemisen vahvistaminen",
        "Att stärka bemötandet och hörandet av klienten",
    ),
    (
        "B",
        "Sosiaalityön sisäisten toimintatapojen edistäminen",
        "Att främja socialarbetets interna arbetssätt",
    ),
    (
        "C",
        "Ammatillisen verkoston roolien ja toimintatapojen kehittäminen",
        "Att utveckla det professionella nätverkets roller och arbetssätt",
    ),
)

# Region code -> (municipalities Finnish, the same in Swedish where it has a name).
REGIONS = {
    "14": ("Seinäjoki", "Lapua", "Kauhava"),
    "05": ("Forssa", "Riihimäki", "Hämeenlinna"),
    "06": ("Tampere", "Nokia", "Kangasala"),
    "15": ("Vasa", "Närpes", "Korsholm"),  # Swedish-speaking workshops
    "07": ("Lahti", "Heinola", "Orimattila"),
}
SWEDISH_REGIONS = {"15"}

QUESTIONS_FI = {
    "A": (
        "Miten lapsen kuuleminen toteutuu lastensuojelutarpeen selvityksessä?",
        "Millaisen merkityksen asiakkaat antavat virallisille auttamistoimille ja arvioille?",
        "Millaiset tilanteet asiakkaiden mielestä edellyttävät lastensuojelua?",
    ),
    "B": (
        "Millaisia tavoitteita ls-tarpeen selvitysprosessille on mahdollista asettaa?",
        "Millainen arviointi ls-tarpeen selvitysvaiheessa on perusteltua ja kohtuullista?",
        "Miten ls-tarpeen selvitys voidaan toteuttaa tehokkaasti ja asiakkaita kuunnellen?",
    ),
    "C": (
        "Mikä on kunkin toimijan rooli ennen selvityksen käynnistymistä?",
        "Miten tieto kulkee verkostossa selvityksen aikana?",
        "Mitä ongelmia on dokumentoitava jatkotoimia varten?",
    ),
}
QUESTIONS_SV = {
    "A": (
        "Hur hörs barnet i utredningen av behovet av barnskydd?",
        "Vilken betydelse ger klienterna officiella hjälpåtgärder och bedömningar?",
        "Vilka situationer kräver enligt klienterna barnskydd?",
    ),
    "B": (
        "Vilka mål är det möjligt att sätta för utredningsprocessen?",
        "Vilken bedömning är motiverad och skälig i utredningsskedet?",
        "Hur kan utredningen genomföras effektivt och med lyhördhet för klienterna?",
    ),
    "C": (
        "Vilken roll har varje aktör innan utredningen inleds?",
        "Hur går informationen i nätverket under utredningen?",
        "Vilka problem ska dokumenteras för det fortsatta arbetet?",
    ),
}

COMMENTS_FI = (
    "Hyvä ja käytännönläheinen päivä.",
    "Keskustelu ryhmissä oli antoisinta.",
    "Aikaa olisi saanut olla enemmän keskustelulle.",
    "Sain uusia ideoita lapsen kuulemiseen.",
    "Alustukset olivat liian pitkiä.",
    "Olisin toivonut enemmän esimerkkejä muista kunnista.",
    "Hyvä, että paikalla oli myös kokemusasiantuntija.",
    "Tilat olivat ahtaat, muuten hyvä.",
    "Selkeä kokonaisuus, kiitos!",
    "Jatkoa samalla porukalla, kiitos.",
)
COMMENTS_SV = (
    "En bra och praktisk dag.",
    "Diskussionerna i grupperna gav mest.",
    "Mer tid för diskussion hade behövts.",
    "Jag fick nya idéer om hur barnet kan höras.",
    "Bra att allt material fanns på svenska.",
    "Inledningarna var för långa.",
    "Tack, gärna en fortsättning!",
    "Fler exempel från andra kommuner skulle ha varit bra.",
)


def _modules(session: Session, project: Project) -> dict[str, int]:
    existing = {
        m.code: m.id
        for m in session.scalars(
            select(WorkshopModule).where(WorkshopModule.project_id == project.id)
        )
    }
    for code, name_fi, name_sv in MODULES:
        if code not in existing:
            existing[code] = add_module(session, project.id, code, name_fi, name_sv).id
    return existing


def _scale(rng: random.Random, mean: float, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, round(rng.gauss(mean, 0.8))))


def add_demo_workshops(
    session: Session,
    project: Project,
    people: Sequence[Person],
    today: dt.date,
    rng_seed: int = 2014,
) -> None:
    """Add 15 workshops of *project* with feedback, led by some of *people*."""
    rng = random.Random(rng_seed)
    session.flush()
    modules = _modules(session, project)
    form_id = default_form_id(session)
    question_ids = question_ids_of(session, form_id)
    staff = list(people)
    # Module A in spring, B in autumn, C early the next year; the last ones still ahead.
    starts = {"A": today - dt.timedelta(days=330), "B": today - dt.timedelta(days=150),
              "C": today - dt.timedelta(days=20)}  # fmt: skip
    for code, _name_fi, _name_sv in MODULES:
        for n, (region, places) in enumerate(REGIONS.items()):
            swedish = region in SWEDISH_REGIONS
            day = starts[code] + dt.timedelta(days=7 * n)
            status = WorkshopStatus.HELD if day <= today else WorkshopStatus.PLANNED
            if code == "B" and region == "05":
                status = WorkshopStatus.CANCELLED
            invited = rng.randint(20, 40)
            attended = rng.randint(invited // 2, invited) if status is WorkshopStatus.HELD else None
            local = [p for p in staff if p.region == region]
            coordinator = next(iter(local or staff[n % len(staff) :]), None)
            facilitators = [p.id for p in staff if coordinator is None or p.id != coordinator.id]
            rng.shuffle(facilitators)
            title = (
                f"Landskapsworkshop, modul {code}"
                if swedish
                else f"Maakunnallinen työpaja, moduuli {code}"
            )
            workshop = add_workshop(
                session,
                WorkshopData(
                    project_id=project.id,
                    title=title,
                    module_id=modules[code],
                    region=region,
                    municipality=places[0],
                    date=day,
                    start_time=dt.time(9),
                    end_time=dt.time(15, 30),
                    place=(
                        "Kommunens fullmäktigesal" if swedish else "Kaupungintalon valtuustosali"
                    ),
                    coordinator_id=coordinator.id if coordinator else None,
                    facilitator_ids=facilitators[: rng.randint(0, 2)],
                    target_group=(
                        "Socialarbetare och socialhandledare inom barnskyddet"
                        if swedish
                        else "Lastensuojelun sosiaalityöntekijät ja sosiaaliohjaajat"
                    ),
                    invited=invited,
                    attended=attended,
                    questions=list((QUESTIONS_SV if swedish else QUESTIONS_FI)[code]),
                    notes="",
                    status=status,
                    form_id=form_id,
                ),
            )
            if status is not WorkshopStatus.HELD or attended is None:
                continue
            quality = rng.uniform(3.0, 4.6)
            comments = COMMENTS_SV if swedish else COMMENTS_FI
            forms: list[dict[int, tuple[int | None, str]]] = []
            for _response in range(max(1, round(attended * rng.uniform(0.7, 0.95)))):
                values: dict[int, tuple[int | None, str]] = {
                    question_ids[0]: (_scale(rng, quality), ""),
                    question_ids[1]: (_scale(rng, quality - 0.2), ""),
                    question_ids[2]: (_scale(rng, quality + 0.1), ""),
                    question_ids[3]: (rng.choices((1, 2, 3, 4), (50, 30, 10, 10))[0], ""),
                }
                if rng.random() < 0.06:  # a question left blank on paper
                    del values[question_ids[rng.randrange(3)]]
                if rng.random() < 0.25:
                    values[question_ids[4]] = (None, rng.choice(comments))
                forms.append(values)
            add_responses(session, workshop.id, form_id, forms)
    session.flush()
