# ruff: noqa: E501  (one person per line reads best)
"""A fictional project like the seeds' LasSe: five regions, a 24-person steering group
and a bilingual Ostrobothnia development group.

Every name, email address and phone number is made up: first and last names
are common Finnish and Finland-Swedish ones paired at random-looking but fixed
positions, emails use the reserved ``.example`` domain and phone numbers the
``555`` series.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kastedesk.domain.registry import (
    DocLanguages,
    GroupKind,
    MinutesStyle,
    QuorumRule,
    Role,
)
from kastedesk.storage.models.registry import Group, Membership, Person, Project


@dataclass
class DemoRegistry:
    project: Project
    steering_group: Group
    development_group: Group
    people: list[Person]


# (first, last, title, organisation, municipality, region code, language, role, deputy of #)
_STEERING: list[tuple[str, str, str, str, str, str, str, Role, int | None]] = [
    ("Anneli", "Virtanen", "sosiaalijohtaja", "Tampereen kaupunki", "Tampere", "06", "fi", Role.CHAIR, None),
    ("Markku", "Heikkilä", "perusturvajohtaja", "Seinäjoen kaupunki", "Seinäjoki", "14", "fi", Role.VICE_CHAIR, None),
    ("Sari", "Mäkinen", "lastensuojelun päällikkö", "Lahden kaupunki", "Lahti", "07", "fi", Role.MEMBER, None),
    ("Ulla", "Nyström", "socialchef", "Närpes stad", "Närpes", "15", "sv", Role.MEMBER, None),
    ("Jukka", "Laine", "palvelualuepäällikkö", "Riihimäen kaupunki", "Riihimäki", "05", "fi", Role.MEMBER, None),
    ("Päivi", "Koskinen", "johtava sosiaalityöntekijä", "Nokian kaupunki", "Nokia", "06", "fi", Role.MEMBER, None),
    ("Timo", "Järvinen", "kehittämispäällikkö", "Sosiaalialan osaamiskeskus", "Tampere", "06", "fi", Role.MEMBER, None),
    ("Minna", "Lehtonen", "yliopettaja", "Ammattikorkeakoulu", "Tampere", "06", "fi", Role.MEMBER, None),
    ("Kaj", "Lindqvist", "utvecklingschef", "Kompetenscentret för socialt arbete", "Vasa", "15", "sv", Role.MEMBER, None),
    ("Riitta", "Saarinen", "sosiaalityön johtaja", "Forssan seudun hyvinvointikuntayhtymä", "Forssa", "05", "fi", Role.MEMBER, None),
    ("Heikki", "Salminen", "toiminnanjohtaja", "Lastensuojelun keskusliiton jäsenjärjestö", "Lahti", "07", "fi", Role.MEMBER, None),
    ("Tiina", "Hakala", "kokemusasiantuntija", "Kokemusasiantuntijayhdistys", "Lapua", "14", "fi", Role.MEMBER, None),
    ("Kirsi", "Rantala", "sosiaalityöntekijä", "Tampereen kaupunki", "Tampere", "06", "fi", Role.DEPUTY, 0),
    ("Juha", "Kallio", "perhepalvelupäällikkö", "Kauhavan kaupunki", "Kauhava", "14", "fi", Role.DEPUTY, 1),
    ("Outi", "Lahtinen", "sosiaalityöntekijä", "Heinolan kaupunki", "Heinola", "07", "fi", Role.DEPUTY, 2),
    ("Camilla", "Sjöberg", "socialarbetare", "Korsholms kommun", "Korsholm", "15", "sv", Role.DEPUTY, 3),
    ("Pekka", "Niemi", "sosiaalityöntekijä", "Tammelan kunta", "Tammela", "05", "fi", Role.DEPUTY, 4),
    ("Eeva", "Aaltonen", "sosiaaliohjaaja", "Akaan kaupunki", "Akaa", "06", "fi", Role.DEPUTY, 5),
    ("Mikael", "Holmström", "forskare", "Kompetenscentret för socialt arbete", "Vasa", "15", "sv", Role.DEPUTY, 8),
    ("Leena", "Manninen", "johtava sosiaalityöntekijä", "Jokioisten kunta", "Jokioinen", "05", "fi", Role.DEPUTY, 9),
    ("Satu", "Tuominen", "projektisuunnittelija", "Sosiaalialan osaamiskeskus", "Tampere", "06", "fi", Role.SECRETARY, None),
    ("Jari", "Koivisto", "projektijohtaja", "Sosiaalialan osaamiskeskus", "Tampere", "06", "fi", Role.PRESENTER, None),
    ("Hanna", "Peltonen", "erikoistutkija", "Terveyden ja hyvinvoinnin laitos", "Helsinki", "01", "fi", Role.EXPERT, None),
    ("Ville", "Heinonen", "neuvotteleva virkamies", "Sosiaali- ja terveysministeriö", "Helsinki", "01", "fi", Role.FOR_INFORMATION, None),
]  # fmt: skip

# Mostly Swedish speakers in Ostrobothnia; the coordinator is bilingual.
_DEVELOPMENT: list[tuple[str, str, str, str, str, str, str, Role]] = [
    ("Ulla", "Nyström", "socialchef", "Närpes stad", "Närpes", "15", "sv", Role.CHAIR),
    ("Camilla", "Sjöberg", "socialarbetare", "Korsholms kommun", "Korsholm", "15", "sv", Role.MEMBER),
    ("Johanna", "Westerlund", "socialhandledare", "Vasa stad", "Vasa", "15", "sv", Role.MEMBER),
    ("Fredrik", "Backman", "ledande socialarbetare", "Kristinestads stad", "Kristinestad", "15", "sv", Role.MEMBER),
    ("Annika", "Granholm", "socialarbetare", "Malax kommun", "Malax", "15", "sv", Role.MEMBER),
    ("Mervi", "Ketola", "sosiaalityöntekijä", "Vaasan kaupunki", "Vaasa", "15", "fi", Role.MEMBER),
    ("Stefan", "Enlund", "erfarenhetsexpert", "Föreningen för erfarenhetsexperter", "Vörå", "15", "sv", Role.MEMBER),
    ("Maria", "Häggblom", "projektkoordinator", "Kompetenscentret för socialt arbete", "Vasa", "15", "sv", Role.SECRETARY),
    ("Kaj", "Lindqvist", "utvecklingschef", "Kompetenscentret för socialt arbete", "Vasa", "15", "sv", Role.EXPERT),
]  # fmt: skip


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e"})
    return text.lower().translate(table).replace(" ", "")


def _person(
    n: int, first: str, last: str, title: str, org: str, town: str, region: str, lang: str
) -> Person:
    return Person(
        first_name=first,
        last_name=last,
        title=title,
        organisation=org,
        municipality=town,
        region=region,
        email=f"{_ascii(first)}.{_ascii(last)}@{_ascii(town)}.example",
        phone=f"+358 50 555 {n:04d}",
        language=lang,
    )  # fmt: skip


def add_demo_registry(s: Session, today: dt.date) -> DemoRegistry:
    """Add the demo project, its two groups and their people to *s*."""
    term_start = dt.date(today.year - 1, 4, 1)
    project = Project(
        name_fi="LasSe – Lastensuojelutarpeen selvityksen kehittäminen Väli-Suomessa",
        name_sv="LasSe – Utveckling av utredningen av barnskyddsbehov i Mellersta Finland",
        short_name="LasSe",
        start_date=term_start,
        end_date=dt.date(today.year + 1, 10, 31),
        organisation="Tampereen kaupunki",
    )
    steering = Group(
        project=project,
        name_fi="Ohjausryhmä",
        name_sv="Styrgrupp",
        kind=GroupKind.STEERING,
        quorum_rule=QuorumRule.FIXED,
        quorum_min=8,
        chair_or_vice_required=True,
        agenda_lead_days=14,
        attachments_lead_days=7,
        languages=DocLanguages.FI,
        minutes_style=MinutesStyle.FORMAL,
    )
    development = Group(
        project=project,
        name_fi="Pohjanmaan kehittäjäryhmä",
        name_sv="Österbottens utvecklingsgrupp",
        kind=GroupKind.DEVELOPMENT,
        quorum_rule=QuorumRule.MAJORITY,
        chair_or_vice_required=False,
        languages=DocLanguages.FI_SV,
        minutes_style=MinutesStyle.MEMO,
    )
    s.add_all([project, steering, development])
    people: dict[tuple[str, str], Person] = {}
    memberships: list[Membership] = []
    for n, (first, last, title, org, town, region, lang, role, deputy_of) in enumerate(_STEERING):
        person = _person(n + 1, first, last, title, org, town, region, lang)
        people[(first, last)] = person
        membership = Membership(
            person=person, group=steering, role=role, start_date=term_start
        )
        if deputy_of is not None:
            membership.deputy_of = memberships[deputy_of]
        memberships.append(membership)
    # One member was replaced half-way: the ended membership stays in the history.
    former = _person(
        90, "Raimo", "Lundén", "perusturvajohtaja", "Ähtärin kaupunki", "Ähtäri", "14", "fi"
    )
    memberships.append(
        Membership(
            person=former, group=steering, role=Role.MEMBER,
            start_date=term_start, end_date=term_start + dt.timedelta(days=180),
        )
    )  # fmt: skip
    for n, (first, last, title, org, town, region, lang, role) in enumerate(_DEVELOPMENT):
        person = people.get((first, last)) or _person(
            50 + n, first, last, title, org, town, region, lang
        )
        people[(first, last)] = person
        memberships.append(
            Membership(person=person, group=development, role=role, start_date=term_start)
        )
    s.add_all(memberships)
    s.flush()
    return DemoRegistry(project, steering, development, [*people.values(), former])
