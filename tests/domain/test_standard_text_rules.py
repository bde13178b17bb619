"""Standard § texts from the meeting's data, and the order of the invitees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kastedesk.domain.invitees import order_invitees
from kastedesk.domain.meetings import ItemKind
from kastedesk.domain.registry import Role
from kastedesk.domain.standard_texts import (
    DECISION,
    DEFAULT_TEMPLATES,
    PROPOSAL,
    MeetingFacts,
    placeholder_values,
    render,
    template_problems,
    unknown_placeholder,
)

FACTS = MeetingFacts(
    date=dt.date(2014, 9, 23),
    start=dt.time(12, 30),
    end=dt.time(15, 5),
    checkers=("Anna Aho", "Bo Berg"),
    quorate=False,
    previous_number=5,
    previous_date=dt.date(2014, 8, 26),
    next_date=dt.date(2014, 10, 21),
    next_start=dt.time(9),
    next_place="Kaupungintalo",
)


def text(kind: ItemKind, field: str, lang: str, facts: MeetingFacts = FACTS) -> str | None:
    return render(DEFAULT_TEMPLATES[(kind, field)][lang], placeholder_values(facts, lang))


def test_texts_are_written_from_the_data_in_both_languages() -> None:
    assert text(ItemKind.OPENING, DECISION, "fi") == "Puheenjohtaja avasi kokouksen klo 12.30."
    assert text(ItemKind.CLOSING, DECISION, "sv") == "Ordföranden avslutade mötet kl. 15.05."
    assert text(ItemKind.CHECKERS, PROPOSAL, "fi") == (
        "Valitaan pöytäkirjantarkastajiksi Anna Aho ja Bo Berg."
    )
    assert (
        text(ItemKind.CHECKERS, DECISION, "sv")
        == "Till protokolljusterare valdes Anna Aho och Bo Berg."
    )
    assert text(ItemKind.PREVIOUS_MINUTES, PROPOSAL, "fi") == (
        "Hyväksytään 5. kokouksen 26.8.2014 pöytäkirja."
    )
    assert text(ItemKind.PREVIOUS_MINUTES, DECISION, "sv") == (
        "Protokollet från det 5:e mötet 26.8.2014 godkändes."
    )
    assert text(ItemKind.NEXT_MEETING, PROPOSAL, "fi") == (
        "Seuraava kokous pidetään ti 21.10.2014 klo 9.00, Kaupungintalo."
    )
    assert text(ItemKind.LEGALITY, DECISION, "fi") == (
        "Kokous todettiin laillisesti koolle kutsutuksi mutta ei päätösvaltaiseksi."
    )
    assert text(ItemKind.LEGALITY, DECISION, "sv") == (
        "Mötet konstaterades vara lagligen sammankallat men inte beslutfört."
    )


def test_a_text_whose_data_is_missing_is_not_written_with_a_gap() -> None:
    bare = MeetingFacts(date=dt.date(2014, 9, 23))
    for kind in (ItemKind.CHECKERS, ItemKind.PREVIOUS_MINUTES, ItemKind.NEXT_MEETING,
                 ItemKind.OPENING, ItemKind.CLOSING, ItemKind.LEGALITY):  # fmt: skip
        assert text(kind, DECISION, "fi", bare) is None
    assert text(ItemKind.AGENDA_APPROVAL, DECISION, "sv", bare) == (
        "Föredragningslistan godkändes som arbetsordning för mötet."
    )


def test_templates_are_checked_before_they_are_saved() -> None:
    assert template_problems("Avattiin klo {start}.") is None
    assert template_problems("Avattiin klo {alku}.") == "Unknown placeholder {{{name}}}."
    assert unknown_placeholder("Avattiin klo {alku}.") == "alku"
    assert template_problems("Avattiin {start") == (
        "Write each placeholder as a name in braces, such as {{start}}."
    )
    assert template_problems("{}") is not None  # positional fields have no name
    assert template_problems("x" * 2001) == "The text is too long."
    for texts in DEFAULT_TEMPLATES.values():
        assert all(template_problems(t) is None for t in texts.values())


@dataclass
class P:
    name: str
    role: Role
    seat: int
    deputy_of: int | None = None


def test_invitees_in_the_seeds_order_with_each_deputy_under_their_member() -> None:
    people = [
        P("Sihteeri Siru", Role.SECRETARY, 1),
        P("Varajäsen Ville", Role.DEPUTY, 2, deputy_of=5),
        P("Asiantuntija Aki", Role.EXPERT, 3),
        P("Jäsen Bertta", Role.MEMBER, 4),
        P("Jäsen Aatu", Role.MEMBER, 5),
        P("Esittelijä Eero", Role.PRESENTER, 6),
        P("Puheenjohtaja Pia", Role.CHAIR, 7),
        P("Varapj Vesa", Role.VICE_CHAIR, 8),
        P("Varajäsen Orpo", Role.DEPUTY, 9, deputy_of=99),  # their member is not invited
    ]
    ordered = order_invitees(
        people, lambda p: p.role, lambda p: p.seat, lambda p: p.deputy_of, lambda p: p.name
    )
    assert [p.name for p in ordered] == [
        "Puheenjohtaja Pia",
        "Varapj Vesa",
        "Jäsen Aatu",
        "Varajäsen Ville",
        "Jäsen Bertta",
        "Varajäsen Orpo",
        "Esittelijä Eero",
        "Sihteeri Siru",
        "Asiantuntija Aki",
    ]
