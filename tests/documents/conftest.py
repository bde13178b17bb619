# ruff: noqa: E501  (test data reads best one item per line)
from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.documents.content import (
    ActionLine,
    AttachmentLine,
    AttendanceLine,
    Bilingual,
    ItemContent,
    MeetingContent,
    PersonLine,
)
from kastedesk.domain.registry import Role

CHAIR = PersonLine("Anneli Virtanen", "Tampereen kaupunki", Role.CHAIR, "anneli@tampere.example")
VICE = PersonLine(
    "Markku Heikkilä", "Seinäjoen kaupunki", Role.VICE_CHAIR, "markku@seinajoki.example"
)
MEMBER = PersonLine("Ulla Nyström", "Närpes stad", Role.MEMBER, "ulla@narpes.example", "sv")
ABSENT = PersonLine("Sari Mäkinen", "Lahden kaupunki", Role.MEMBER, "sari@lahti.example")
DEPUTY = PersonLine("Outi Lahtinen", "Heinolan kaupunki", Role.DEPUTY, "outi@heinola.example")
SECRETARY = PersonLine("Satu Tuominen", "Osaamiskeskus", Role.SECRETARY, "satu@tampere.example")
MINISTRY = PersonLine(
    "Ville Heinonen", "Sosiaali- ja terveysministeriö", Role.FOR_INFORMATION, "ville@stm.example"
)


@pytest.fixture
def content() -> MeetingContent:
    items = (
        ItemContent(1, Bilingual("Kokouksen avaus", "Mötets öppnande"), "opening"),
        ItemContent(2, Bilingual("Laillisuus ja päätösvaltaisuus", "Laglighet och beslutförhet"), "legality",
                    proposal="Todetaan kokous lailliseksi ja päätösvaltaiseksi."),
        ItemContent(3, Bilingual("Edellisen kokouksen pöytäkirja", "Föregående mötes protokoll"), "previous_minutes",
                    carried_actions=(ActionLine("Kuntakierroksen raportti", "Satu Tuominen", dt.date(2014, 9, 30)),)),
        ItemContent(4, Bilingual("Koulutussuunnitelma syksy 2014"), "own", presenter="Jari Koivisto",
                    background="Hanke järjestää koulutuksen.\n\nToinen kappale\nrivi kaksi.",
                    proposal="Ohjausryhmä hyväksyy suunnitelman.",
                    decision="Hyväksyttiin suunnitelma koulutuksesta.",
                    attachments=(AttachmentLine(1, "Koulutussuunnitelma"),),
                    actions=(ActionLine("Kutsut kuntiin", "Satu Tuominen", dt.date(2014, 10, 15)),
                             ActionLine("=1+1 budjetti", "Jari Koivisto", None, True))),
        ItemContent(5, Bilingual("Kokouksen päättäminen", "Mötets avslutande"), "closing"),
    )  # fmt: skip
    return MeetingContent(
        meeting_id=7,
        project=Bilingual("LasSe-hanke", "LasSe-projektet"),
        group=Bilingual("Ohjausryhmä", "Styrgrupp"),
        title=Bilingual("Ohjausryhmän 6. kokous", "Styrgruppens 6:e möte"),
        number=6,
        date=dt.date(2014, 9, 23),
        start=dt.time(12, 30),
        end=dt.time(13, 30),
        place="Tampere, Pikassos, neuvotteluhuone",
        remote_link="https://meet.example/lasse-6",
        languages=("fi",),
        memo=False,
        invitees=(SECRETARY, MEMBER, VICE, CHAIR, ABSENT, DEPUTY),
        for_information=(MINISTRY,),
        items=items,
        attendance=(
            AttendanceLine(CHAIR, True),
            AttendanceLine(VICE, True, arrived_at=3),
            AttendanceLine(MEMBER, True, left_at=4),
            AttendanceLine(ABSENT, False),
            AttendanceLine(DEPUTY, True, stands_in_for="Sari Mäkinen"),
            AttendanceLine(SECRETARY, True),
        ),
        quorum=Bilingual(
            "Päätösvaltainen: 3/4 jäsentä läsnä (vähintään 3), puheenjohtaja läsnä",
            "Beslutför: 3/4 medlemmar närvarande (minst 3), ordföranden närvarande",
        ),
        chair="Anneli Virtanen",
        secretary="Satu Tuominen",
        secretary_email="satu@tampere.example",
        checkers=("Markku Heikkilä", "Ulla Nyström"),
        checked_on=dt.date(2014, 9, 30),
    )
