"""Meetings through the service layer: create, items, actions, attendance, lock, search."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from meeting_registry import TODAY

from kastedesk.domain.meetings import ItemKind, MeetingStatus
from kastedesk.domain.registry import Role
from kastedesk.domain.validation import ValidationError
from kastedesk.paths import user_data_dir
from kastedesk.services import meeting_attachments as attachments
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_access import MeetingLocked
from kastedesk.services.meeting_views import due_soon, get_meeting, list_meetings, search_decisions

D = dt.date
DEC_10 = D(2026, 12, 10)


def make(db, registry, day: dt.date = DEC_10, **kw) -> int:
    return svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=day, **kw))


def mark_present(db, detail, keys: list[str], registry, **fields) -> None:
    by_person = {a.person_id: a for a in detail.attendance}
    for key in keys:
        row = by_person[registry.people[key]]
        attendance.set_attendance(db, row.id, attendance.AttendanceFields(present=True, **fields))


def test_new_meeting_has_number_title_standard_items_and_attendance(db, registry) -> None:
    first = make(db, registry, D(2026, 10, 1))
    second = make(db, registry)
    detail = get_meeting(db, second)
    assert detail.meeting.number == 2
    assert detail.meeting.title("fi") == "Ohjausryhmän 2. kokous"
    assert detail.meeting.title("sv") == "Styrgruppens 2:a möte"
    assert detail.meeting.agenda_due == D(2026, 11, 26)
    assert detail.meeting.attachments_due == D(2026, 12, 3)
    assert [i.section for i in detail.items] == list(range(1, 10))
    assert detail.items[0].title_fi == "Kokouksen avaus"
    assert detail.items[0].title_sv == "Mötets öppnande"
    assert detail.items[-1].kind == ItemKind.CLOSING
    # Everyone invited, one row each; "for information" recipients are not invited.
    roles = [a.role for a in detail.attendance]
    assert len(roles) == 16 and Role.FOR_INFORMATION not in roles
    assert detail.rule.seats == 12
    assert get_meeting(db, first).meeting.number == 1


def test_a_swedish_meeting_is_shown_in_swedish(db, registry) -> None:
    mid = make(db, registry, languages="sv")
    row = get_meeting(db, mid).meeting
    assert row.title("fi") == "Styrgruppens 1:a möte"
    assert row.document_language("fi") == "sv" and row.document_language("en") == "sv"


def test_number_must_be_free_in_the_group_and_date_given(db, registry) -> None:
    make(db, registry, number=6)
    with pytest.raises(ValidationError) as error:
        make(db, registry, number=6)
    assert "number" in error.value.errors
    with pytest.raises(ValidationError) as error:
        svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=None))
    assert "date" in error.value.errors
    with pytest.raises(ValidationError) as error:
        make(db, registry, start=dt.time(13), end=dt.time(12))
    assert "end" in error.value.errors
    # Another group has its own numbering.
    other = svc.create_meeting(db, registry.other_group_id, svc.MeetingFields(date=D(2026, 12, 1)))
    assert get_meeting(db, other).meeting.number == 1
    assert len(list_meetings(db, registry.group_id)) == 1


def test_items_are_renumbered_on_insert_move_delete(db, registry) -> None:
    mid = make(db, registry)
    a = svc.add_item(db, mid, svc.ItemFields("Talousraportti", "Ekonomisk rapport"))
    b = svc.add_item(db, mid, svc.ItemFields("Koulutussuunnitelma"))
    titles = [i.title_fi for i in get_meeting(db, mid).items]
    assert titles[6:9] == ["Talousraportti", "Koulutussuunnitelma", "Muut asiat"]
    svc.move_item(db, b, 0)
    items = get_meeting(db, mid).items
    assert (items[0].id, items[0].section) == (b, 1)
    assert items[1].title_fi == "Kokouksen avaus" and items[1].section == 2
    svc.delete_item(db, b)
    items = get_meeting(db, mid).items
    assert [i.section for i in items] == list(range(1, 11))
    assert items[6].id == a
    ids = [i.id for i in items]
    svc.reorder_items(db, mid, list(reversed(ids)))
    assert [i.id for i in get_meeting(db, mid).items] == list(reversed(ids))
    with pytest.raises(ValidationError):
        svc.reorder_items(db, mid, ids[:-1])
    with pytest.raises(ValidationError):
        svc.add_item(db, mid, svc.ItemFields(""))


def test_open_action_items_carry_over_under_previous_minutes(db, registry) -> None:
    first = make(db, registry, D(2026, 9, 1))
    item = get_meeting(db, first).items[6]
    svc.add_action(db, item.id, svc.ActionFields("Kysely kunnille", registry.people["m1"]))
    done = svc.add_action(db, item.id, svc.ActionFields("Raportti valmis"))
    svc.set_action_done(db, done, True)
    second = make(db, registry, D(2026, 10, 1))
    previous_minutes = next(
        i for i in get_meeting(db, second).items if i.kind == ItemKind.PREVIOUS_MINUTES
    )
    assert [(a.what, a.responsible, a.done) for a in previous_minutes.actions] == [
        ("Kysely kunnille", "M1 Testinen", False)
    ]
    assert previous_minutes.actions[0].carried_from_id is not None


def test_quorum_follows_attendance(db, registry) -> None:
    mid = make(db, registry)
    detail = get_meeting(db, mid)
    assert not detail.quorum().quorate and detail.quorum().present == 0
    mark_present(db, detail, ["chair", "m2", "m3", "m4", "m5", "m6", "m7"], registry)
    detail = get_meeting(db, mid)
    assert detail.quorum().present == 7 and not detail.quorum().quorate
    mark_present(db, detail, ["deputy1"], registry, stands_in=True)
    detail = get_meeting(db, mid)
    assert detail.quorum().present == 8 and detail.quorum().quorate
    deputy = next(a for a in detail.attendance if a.role is Role.DEPUTY)
    assert deputy.deputy_for == "M1 Testinen"
    # The member ticked present while their deputy stands in for them: refused at the box.
    with pytest.raises(ValidationError) as refused:
        mark_present(db, detail, ["m1"], registry)
    assert set(refused.value.errors) == {"present"}
    assert "Deputy1 Testinen" in refused.value.errors["present"]
    # The deputy stood in until § 5, where the member arrived: the seat counts once.
    mark_present(db, detail, ["deputy1"], registry, stands_in=True, left_at=5)
    mark_present(db, get_meeting(db, mid), ["m1"], registry, arrived_at=5)
    assert get_meeting(db, mid).quorum(4).present == 8
    assert get_meeting(db, mid).quorum(6).present == 8
    guest = attendance.add_guest(db, mid, "Vieras Henkilö")
    assert get_meeting(db, mid).quorum(6).present == 8
    attendance.remove_guest(db, guest)
    with pytest.raises(ValidationError):
        attendance.set_attendance(
            db, detail.attendance[0].id, attendance.AttendanceFields(True, arrived_at=99)
        )
    with pytest.raises(ValidationError):
        attendance.set_attendance(
            db, detail.attendance[0].id, attendance.AttendanceFields(True, stands_in=True)
        )


def approve(db, registry, mid: int) -> None:
    detail = get_meeting(db, mid)
    mark_present(db, detail, ["chair", "m2", "m3", "m4", "m5", "m6", "m7", "m8"], registry)
    svc.approve_minutes(db, mid, D(2014, 9, 30), registry.people["m2"], registry.people["m3"])


def test_approval_locks_and_reopen_keeps_the_reason(db, registry) -> None:
    mid = make(db, registry, D(2014, 9, 23))  # approval dates cannot be in the future
    detail = get_meeting(db, mid)
    with pytest.raises(ValidationError) as error:
        svc.approve_minutes(db, mid, D(2014, 9, 30), registry.people["m2"], None)
    assert set(error.value.errors) == {"checker1", "checker2"}  # not present; missing
    approve(db, registry, mid)
    detail = get_meeting(db, mid)
    assert detail.locked and detail.checked_on == D(2014, 9, 30)
    item = detail.items[6]
    with pytest.raises(MeetingLocked):
        svc.update_item(db, item.id, svc.ItemFields("Muutettu"))
    with pytest.raises(MeetingLocked):
        svc.add_item(db, mid, svc.ItemFields("Uusi"))
    with pytest.raises(MeetingLocked):
        svc.move_item(db, item.id, 0)
    with pytest.raises(MeetingLocked):
        attendance.set_attendance(db, detail.attendance[0].id, attendance.AttendanceFields(False))
    with pytest.raises(MeetingLocked):
        svc.update_meeting(db, mid, svc.MeetingFields(date=D(2026, 12, 11)))
    with pytest.raises(MeetingLocked):
        svc.delete_meeting(db, mid)
    with pytest.raises(ValidationError) as error:
        svc.reopen_meeting(db, mid, "  ")
    assert "reason" in error.value.errors
    svc.reopen_meeting(db, mid, "Päätöksen 7 § sanamuoto korjattava")
    detail = get_meeting(db, mid)
    assert detail.meeting.status is MeetingStatus.HELD
    assert [e.kind for e in detail.events] == ["created", "approved", "reopened"]
    assert detail.events[-1].note == "Päätöksen 7 § sanamuoto korjattava"
    assert "M2 Testinen" in detail.events[1].note
    svc.update_item(db, item.id, svc.ItemFields("Muutettu"))
    assert get_meeting(db, mid).items[6].title_fi == "Muutettu"


def test_decision_search_is_case_and_accent_insensitive(db, registry) -> None:
    mid = make(db, registry, D(2026, 9, 1))
    item = get_meeting(db, mid).items[5]
    svc.update_item(
        db,
        item.id,
        svc.ItemFields(item.title_fi, decision="Hyväksyttiin KOULUTUSSUUNNITELMA ja äänestys."),
    )
    hits = search_decisions(db, "koulutus")
    assert [(h.meeting, h.section) for h in hits] == [("Ohjausryhmän 1. kokous", 6)]
    assert search_decisions(db, "ÄÄNESTYS koulutus")[0].item_id == item.id
    assert search_decisions(db, "budjetti") == []
    assert search_decisions(db, "koulutus", "sv")[0].meeting == "Styrgruppens 1:a möte"


def test_the_register_names_a_meeting_as_the_meetings_tab_does(db, registry) -> None:
    """A meeting documented in Finnish only keeps its Finnish name in Swedish, in the
    register as in the list of meetings."""
    from kastedesk.services.meeting_views import list_meetings

    finnish = make(db, registry, D(2026, 9, 1), languages="fi")
    both = make(db, registry, D(2026, 9, 2))
    for mid in (finnish, both):
        item = get_meeting(db, mid).items[5]
        svc.update_item(db, item.id, svc.ItemFields(item.title_fi, decision=f"Päätös {mid}"))
    listed = {r.id: r.title("sv") for r in list_meetings(db, registry.group_id)}
    shown = {h.meeting_id: h.meeting for h in search_decisions(db, "päätös", "sv")}
    assert shown == {finnish: listed[finnish], both: listed[both]}
    assert shown[finnish] == "Ohjausryhmän 1. kokous"
    assert shown[both] == "Styrgruppens 2:a möte"


def test_decisions_written_in_swedish_are_found_and_shown_in_swedish(db, registry) -> None:
    """A Swedish-only group writes its decisions in Swedish only: the register lists them,
    finds their words, and shows each decision in the interface's language if it has it."""
    mid = make(db, registry, D(2026, 9, 1))
    items = get_meeting(db, mid).items
    only_sv, both = items[5], items[6]
    svc.update_item(
        db, only_sv.id, svc.ItemFields(only_sv.title_fi, decision_sv="Utbildningsplanen godkändes.")
    )
    svc.update_item(
        db,
        both.id,
        svc.ItemFields(
            both.title_fi, decision="Talousarvio hyväksyttiin.", decision_sv="Budgeten godkändes."
        ),
    )
    assert [h.item_id for h in search_decisions(db, "utbildning", "sv")] == [only_sv.id]
    hits = {h.item_id: h.decision for h in search_decisions(db, "", "sv")}
    assert hits[only_sv.id] == "Utbildningsplanen godkändes."
    assert hits[both.id] == "Budgeten godkändes."
    finnish = {h.item_id: h.decision for h in search_decisions(db, "", "fi")}
    assert finnish[both.id] == "Talousarvio hyväksyttiin."
    assert finnish[only_sv.id] == "Utbildningsplanen godkändes."  # the one it has
    assert [h.item_id for h in search_decisions(db, "budgeten", "fi")] == [both.id]


def test_due_soon_over_all_groups(db, registry) -> None:
    make(db, registry, D(2026, 12, 4))  # agenda due 20.11: overdue
    sent = make(db, registry, D(2026, 12, 3))
    svc.set_status(db, sent, MeetingStatus.AGENDA_SENT)  # attachments due 26.11
    make(db, registry, D(2027, 2, 1))
    items = due_soon(db, TODAY)
    assert [(i.meeting_id, i.kind.value, i.overdue) for i in items] == [
        (1, "agenda", True),
        (2, "attachments", False),
        (1, "attachments", False),
    ]


def test_attachments_are_copied_and_numbered(db, registry, tmp_path: Path) -> None:
    mid = make(db, registry)
    items = get_meeting(db, mid).items
    source = tmp_path / "Talousarvio 2026.pdf"
    source.write_bytes(b"%PDF-1.4 budget")
    later = attachments.add_attachment(db, items[7].id, source)
    first = attachments.add_attachment(db, items[6].id, source, "Toimintasuunnitelma")
    detail = get_meeting(db, mid)
    a1 = detail.items[6].attachments[0]
    a2 = detail.items[7].attachments[0]
    assert (a1.id, a1.number, a1.title) == (first, 1, "Toimintasuunnitelma")
    assert (a2.id, a2.number, a2.title) == (later, 2, "Talousarvio 2026")
    copy = attachments.attachment_path(a2.stored_path)
    assert copy.read_bytes() == b"%PDF-1.4 budget"
    assert copy.is_relative_to(user_data_dir())
    svc.move_item(db, items[7].id, 0)  # moving the item renumbers its attachment
    assert get_meeting(db, mid).items[0].attachments[0].number == 1
    attachments.remove_attachment(db, later)
    assert not copy.exists()
    (remaining,) = [a for i in get_meeting(db, mid).items for a in i.attachments]
    assert remaining.id == first
    kept = attachments.attachment_path(remaining.stored_path)
    assert kept.exists()
    svc.delete_meeting(db, mid)
    assert not kept.exists()
    with pytest.raises(ValidationError):
        attachments.add_attachment(db, items[6].id, tmp_path / "missing.pdf")
    assert not list(user_data_dir().rglob("*.part"))
    assert attachments.attachment_label(3, "sv") == "Bilaga 3"


def test_recording_attendance_on_the_day_marks_the_meeting_held(db, registry) -> None:
    meeting_id = make(db, registry, day=TODAY)
    svc.set_status(db, meeting_id, MeetingStatus.AGENDA_SENT)
    row = get_meeting(db, meeting_id).attendance[0]
    # Planned ahead, the day before: still "agenda sent".
    attendance.set_attendance(
        db, row.id, attendance.AttendanceFields(True), today=TODAY - dt.timedelta(days=1)
    )
    assert get_meeting(db, meeting_id).meeting.status is MeetingStatus.AGENDA_SENT
    attendance.set_attendance(db, row.id, attendance.AttendanceFields(True), today=TODAY)
    assert get_meeting(db, meeting_id).meeting.status is MeetingStatus.HELD


def test_control_characters_and_sizes_are_refused_at_the_door(db, registry) -> None:
    with pytest.raises(ValidationError) as info:
        make(db, registry, place="Vaasa\nkaupungintalo", remote_link="https://x/" + "a" * 500)
    assert set(info.value.errors) == {"place", "remote_link"}
    mid = make(db, registry, place="Vaasa, kaupungintalo\n")  # a trailing line end is trimmed
    with pytest.raises(ValidationError) as info:
        svc.add_item(db, mid, svc.ItemFields("Talous\u2028arvio", background="x" * 50_001))
    assert set(info.value.errors) == {"title_fi", "background"}
    item = svc.add_item(db, mid, svc.ItemFields("Talousarvio", background="1.\n\t2."))
    with pytest.raises(ValidationError, match="control characters"):
        svc.add_action(db, item, svc.ActionFields("Valmistele\x07"))
    with pytest.raises(ValidationError, match="line breaks"):
        attendance.add_guest(db, mid, "Vieras\r\nBcc: x@example.fi")
    assert get_meeting(db, mid).meeting.place == "Vaasa, kaupungintalo"
