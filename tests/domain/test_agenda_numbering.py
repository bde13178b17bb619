"""§ numbering on insert, move and delete; standard items; attachment numbers."""

from __future__ import annotations

import pytest

from kastedesk.domain.agenda_numbering import (
    attachment_numbers,
    inserted,
    moved,
    numbered,
    own_items_index,
    removed,
)
from kastedesk.domain.meetings import TAIL_ITEMS, ItemKind, standard_items


def test_numbering_is_continuous_after_insert_move_delete() -> None:
    ids = ["a", "b", "c", "d"]
    assert numbered(ids) == {"a": 1, "b": 2, "c": 3, "d": 4}
    ids = inserted(ids, "x", 1)
    assert numbered(ids) == {"a": 1, "x": 2, "b": 3, "c": 4, "d": 5}
    ids = moved(ids, "d", 0)
    assert ids == ["d", "a", "x", "b", "c"]
    ids = moved(ids, "d", 99)
    assert ids[-1] == "d"
    ids = removed(ids, "x")
    assert numbered(ids) == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert inserted(ids, "e") == ["a", "b", "c", "d", "e"]
    with pytest.raises(ValueError):
        moved(ids, "nope", 0)


def test_standard_items_follow_the_glossary() -> None:
    items = standard_items()
    assert [titles["fi"] for _kind, titles in items] == [
        "Kokouksen avaus",
        "Laillisuus ja päätösvaltaisuus",
        "Pöytäkirjantarkastajien valinta",
        "Esityslistan hyväksyminen",
        "Edellisen kokouksen pöytäkirja",
        "Ilmoitusasiat",
        "Muut asiat",
        "Seuraava kokous",
        "Kokouksen päättäminen",
    ]
    assert items[3][1]["sv"] == "Godkännande av föredragningslistan"
    memo = standard_items(memo=True)
    assert ItemKind.CHECKERS not in [kind for kind, _titles in memo]
    assert memo[3][1]["fi"] == "Edellisen kokouksen muistio"


def test_own_items_go_before_other_matters() -> None:
    kinds = [kind.value for kind, _titles in standard_items()]
    tail = [k.value for k in TAIL_ITEMS]
    assert kinds[own_items_index(kinds, tail)] == ItemKind.OTHER_MATTERS.value
    assert own_items_index(["opening"], tail) == 1


def test_attachments_are_numbered_through_the_meeting() -> None:
    assert attachment_numbers([["a"], [], ["b", "c"]]) == {"a": 1, "b": 2, "c": 3}
