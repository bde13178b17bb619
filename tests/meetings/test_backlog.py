"""Tabled and postponed items: outcome stored, minutes wording, backlog, back on an agenda."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from kastedesk.domain.backlog import BacklogReason
from kastedesk.services import backlog
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError

ITEM = svc.ItemFields(
    title_fi="Talousraportti",
    title_sv="Ekonomisk rapport",
    background="Talous on tasapainossa.",
    proposal="Ohjausryhmä hyväksyy raportin.",
    background_sv="Ekonomin är i balans.",
    proposal_sv="Styrgruppen godkänner rapporten.",
)


def _meeting(db: Database, group_id: int, date: dt.date) -> int:
    return svc.create_meeting(db, group_id, svc.MeetingFields(date=date))


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _tabled(db, registry, outcome: str = "tabled") -> tuple[int, int]:
    first = _meeting(db, registry.group_id, dt.date(2014, 9, 23))
    item_id = svc.add_item(db, first, ITEM)
    item = next(i for i in get_meeting(db, first).items if i.id == item_id)
    svc.update_item(db, item_id, svc.ItemFields(**{**ITEM.__dict__, "outcome": outcome}),
                    item.row_version)  # fmt: skip
    return first, item_id


def test_outcome_is_stored_versioned_and_refused_for_standard_items(db, registry) -> None:
    first, item_id = _tabled(db, registry)
    detail = get_meeting(db, first)
    row = next(i for i in detail.items if i.id == item_id)
    assert row.outcome == "tabled"
    with pytest.raises(RecordChangedError):  # a save from before the tabling
        svc.update_item(db, item_id, svc.ItemFields(**{**ITEM.__dict__, "outcome": "decided"}),
                        row.row_version - 1)  # fmt: skip
    # Saving the texts without an outcome keeps it.
    svc.update_item(db, item_id, ITEM, row.row_version)
    assert next(i for i in get_meeting(db, first).items if i.id == item_id).outcome == "tabled"
    opening = detail.items[0]
    with pytest.raises(svc.ValidationError) as raised:
        svc.update_item(db, opening.id, svc.ItemFields(opening.title_fi, outcome="tabled"))
    assert "outcome" in raised.value.errors


def test_minutes_say_tabled_in_each_language(db, registry, tmp_path) -> None:
    first, _item = _tabled(db, registry)
    both = _text(docs.write_minutes(db, first, tmp_path / "both.docx"))
    assert "Asia jätettiin pöydälle.\nÄrendet bordlades." in both
    finnish = _text(docs.write_minutes(db, first, tmp_path / "fi.docx", ("fi",)))
    assert "Asia jätettiin pöydälle." in finnish and "bordlades" not in finnish
    swedish = _text(docs.write_minutes(db, first, tmp_path / "sv.docx", ("sv",)))
    assert "Ärendet bordlades." in swedish and "pöydälle" not in swedish
    agenda = _text(docs.write_agenda(db, first, tmp_path / "agenda.docx"))
    assert "pöydälle" not in agenda  # the agenda does not know the outcome yet


def test_postponed_and_withdrawn_wording_with_the_secretarys_own_text(
    db, registry, tmp_path
) -> None:
    first, item_id = _tabled(db, registry, "postponed")
    row = next(i for i in get_meeting(db, first).items if i.id == item_id)
    fields = {**ITEM.__dict__, "outcome": "withdrawn", "decision": "Valmistelija sairastui."}
    svc.update_item(db, item_id, svc.ItemFields(**fields), row.row_version)
    text = _text(docs.write_minutes(db, first, tmp_path / "fi.docx", ("fi",)))
    assert "Asia poistettiin esityslistalta.\nValmistelija sairastui." in text


def test_a_tabled_item_waits_and_goes_on_the_next_agenda_with_its_reference(
    db, registry
) -> None:
    first, item_id = _tabled(db, registry)
    [entry] = backlog.group_backlog(db, registry.group_id)
    assert (entry.reason, entry.id, entry.section) == (BacklogReason.TABLED, item_id, 7)
    assert backlog.meeting_backlog(db, first) == []  # not back on its own meeting
    assert backlog.group_backlog(db, registry.other_group_id) == []
    second = _meeting(db, registry.group_id, dt.date(2014, 10, 21))
    assert [e.id for e in backlog.meeting_backlog(db, second)] == [item_id]
    with pytest.raises(svc.ValidationError):
        backlog.add_to_agenda(db, first, item_id=item_id)
    taken = backlog.add_to_agenda(db, second, item_id=item_id)
    detail = get_meeting(db, second)
    new = next(i for i in detail.items if i.id == taken.item_id)
    assert taken.section == new.section == 7
    assert [i.kind for i in detail.items][7] == "other_matters"  # placed before it
    assert (new.title_fi, new.title_sv, new.outcome) == (
        "Talousraportti", "Ekonomisk rapport", "decided"
    )  # fmt: skip
    assert new.background == "Asia on pöydätty 23.9.2014 § 7.\n\nTalous on tasapainossa."
    assert new.background_sv == "Ärendet bordlades 23.9.2014 § 7.\n\nEkonomin är i balans."
    assert new.proposal_sv == "Styrgruppen godkänner rapporten." and new.decision == ""
    assert backlog.group_backlog(db, registry.group_id) == []
    with pytest.raises(svc.ValidationError):  # not twice
        backlog.add_to_agenda(db, second, item_id=item_id)
    # Removed from the new agenda, it waits again.
    svc.delete_item(db, taken.item_id)
    assert [e.id for e in backlog.group_backlog(db, registry.group_id)] == [item_id]


def test_another_groups_meeting_cannot_take_the_item(db, registry) -> None:
    _first, item_id = _tabled(db, registry)
    other = _meeting(db, registry.other_group_id, dt.date(2014, 11, 1))
    with pytest.raises(svc.ValidationError):
        backlog.add_to_agenda(db, other, item_id=item_id)


def test_parked_items_wait_last_and_come_back_when_their_item_is_deleted(db, registry) -> None:
    _first, tabled = _tabled(db, registry)
    parked = backlog.park_item(
        db, registry.group_id, backlog.ParkedFields("Koulutussuunnitelma", proposal="Esitys.")
    )
    with pytest.raises(svc.ValidationError):
        backlog.park_item(db, registry.group_id, backlog.ParkedFields("  "))
    with pytest.raises(svc.ValidationError):
        backlog.park_item(db, registry.group_id, backlog.ParkedFields("a\x00b"))
    assert [e.key for e in backlog.group_backlog(db, registry.group_id)] == [
        ("item", tabled), ("parked", parked),
    ]  # fmt: skip
    second = _meeting(db, registry.group_id, dt.date(2014, 10, 21))
    taken = backlog.add_to_agenda(db, second, parked_id=parked)
    new = next(i for i in get_meeting(db, second).items if i.id == taken.item_id)
    assert (new.title_fi, new.proposal, new.background) == ("Koulutussuunnitelma", "Esitys.", "")
    assert [e.key for e in backlog.group_backlog(db, registry.group_id)] == [("item", tabled)]
    svc.delete_item(db, taken.item_id)
    assert ("parked", parked) in [e.key for e in backlog.group_backlog(db, registry.group_id)]


def test_parked_items_are_versioned_and_removed(db, registry) -> None:
    parked = backlog.park_item(db, registry.group_id, backlog.ParkedFields("Asia"))
    _fields, version = backlog.parked_fields(db, parked)
    backlog.update_parked(db, parked, backlog.ParkedFields("Asia 2"), version)
    with pytest.raises(RecordChangedError):
        backlog.update_parked(db, parked, backlog.ParkedFields("Asia 3"), version)
    assert backlog.parked_fields(db, parked)[0].title_fi == "Asia 2"
    backlog.remove_parked(db, parked, version + 1)
    assert backlog.group_backlog(db, registry.group_id) == []


def test_an_own_item_is_parked_off_the_agenda_and_the_rest_renumbered(db, registry) -> None:
    meeting = _meeting(db, registry.group_id, dt.date(2014, 9, 23))
    first = svc.add_item(db, meeting, ITEM)
    second = svc.add_item(db, meeting, svc.ItemFields("Toinen asia"))
    parked = backlog.park_agenda_item(db, first)
    detail = get_meeting(db, meeting)
    assert first not in [i.id for i in detail.items]
    assert next(i for i in detail.items if i.id == second).section == 7
    assert [i.section for i in detail.items] == list(range(1, len(detail.items) + 1))
    fields, _version = backlog.parked_fields(db, parked)
    assert (fields.title_sv, fields.proposal_sv) == ("Ekonomisk rapport", ITEM.proposal_sv)
    with pytest.raises(svc.ValidationError):  # a standard item stays
        backlog.park_agenda_item(db, detail.items[0].id)
    svc.add_action(db, second, svc.ActionFields("Tehtävä"))
    with pytest.raises(svc.ValidationError):  # its action would be lost
        backlog.park_agenda_item(db, second)
