"""Checking and approving minutes through the service: states, dates, versions, history, lock."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from kastedesk.domain.meetings import ItemKind, MeetingStatus
from kastedesk.domain.minutes_review import CheckerState, ReviewState
from kastedesk.domain.validation import ValidationError
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meetings as svc
from kastedesk.services import minutes_review as review
from kastedesk.services.meeting_access import MeetingLocked
from kastedesk.services.meeting_checkers import rota_suggestion
from kastedesk.services.meeting_views import get_meeting, list_meetings, search_decisions
from kastedesk.storage.errors import RecordChangedError

D = dt.date
MEETING = D(2026, 11, 3)
TODAY = D(2026, 11, 30)


def held_meeting(db, registry, day: dt.date = MEETING) -> int:
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=day))
    rows = {a.person_id: a for a in get_meeting(db, mid).attendance}
    for key in ["chair", "secretary", "vice", *[f"m{i}" for i in range(2, 9)]]:
        attendance.set_attendance(
            db, rows[registry.people[key]].id, attendance.AttendanceFields(present=True)
        )
    return mid


def test_send_check_approve_lock_and_reopen(db, registry) -> None:
    mid = held_meeting(db, registry)
    first, second = rota_suggestion(db, mid)
    svc.set_checkers(db, mid, first, second)
    version = get_meeting(db, mid).meeting.row_version
    assert review.get_review(db, mid).state is ReviewState.DRAFT

    version = review.send_for_checking(db, mid, D(2026, 11, 5), version, today=TODAY)
    with pytest.raises(RecordChangedError):  # saved from an older screen
        review.record_check(db, mid, first, D(2026, 11, 6), expected_version=version - 1)
    version = review.record_check(db, mid, first, None, "§ 7: summa väärin", version, TODAY)
    with pytest.raises(ValidationError) as error:
        review.approve(db, mid, D(2026, 11, 9), version, TODAY)
    assert error.value.errors == {
        "": "Both minutes checkers must check the minutes before they are approved."
    }
    version = review.record_check(db, mid, first, D(2026, 11, 8), "", version, TODAY)
    version = review.record_check(db, mid, second, D(2026, 11, 9), "", version, TODAY)
    state = review.get_review(db, mid)
    assert state.state is ReviewState.CHECKED
    assert [c.state for c in state.checkers] == [CheckerState.CHECKED, CheckerState.CHECKED]
    assert state.checkers[0].comment == "§ 7: summa väärin"

    with pytest.raises(ValidationError) as error:
        review.approve(db, mid, D(2026, 12, 1), version, TODAY)
    assert error.value.errors == {"date": "The date cannot be in the future."}
    review.approve(db, mid, D(2026, 11, 10), version, TODAY)
    detail = get_meeting(db, mid)
    assert detail.locked and detail.meeting.status is MeetingStatus.APPROVED
    assert detail.checked_on == D(2026, 11, 10)
    with pytest.raises(MeetingLocked):
        svc.update_item(db, detail.items[6].id, svc.ItemFields("Muutettu"))
    with pytest.raises(MeetingLocked):
        svc.set_checkers(db, mid, second, first)
    assert [e.kind for e in detail.events] == [
        "created", "sent_for_checking", "commented", "checked", "checked", "approved",
    ]  # fmt: skip
    assert detail.events[2].note == "M2 Testinen, § 7: summa väärin"
    assert detail.events[3].note == "M2 Testinen, 8.11.2026"

    with pytest.raises(ValidationError) as error:
        review.reopen(db, mid, "  ")
    assert set(error.value.errors) == {"reason"}
    review.reopen(db, mid, "§ 7 korjataan")
    detail = get_meeting(db, mid)
    assert not detail.locked and detail.meeting.status is MeetingStatus.HELD
    assert detail.checked_on is None
    assert detail.meeting.review.state is ReviewState.DRAFT
    assert detail.events[-1].note == "§ 7 korjataan"


def test_the_list_and_the_register_show_the_state(db, registry) -> None:
    mid = held_meeting(db, registry)
    svc.set_checkers(db, mid, *rota_suggestion(db, mid))
    item = get_meeting(db, mid).items[6]
    svc.update_item(db, item.id, svc.ItemFields("Talous", decision="Hyväksyttiin talousarvio."))
    review.send_for_checking(db, mid, D(2026, 11, 5), today=TODAY)
    row = next(r for r in list_meetings(db, registry.group_id) if r.id == mid)
    assert row.review.state is ReviewState.SENT and row.review.sent_on == D(2026, 11, 5)
    hit = search_decisions(db, "talousarvio")[0]
    assert hit.review.state is ReviewState.SENT


def test_changing_a_checker_updates_the_checkers_item_and_clears_their_answer(
    db, registry, tmp_path
) -> None:
    mid = held_meeting(db, registry)
    people = registry.people
    svc.set_checkers(db, mid, people["m2"], people["m3"])
    item = next(i for i in get_meeting(db, mid).items if i.kind == ItemKind.CHECKERS)
    assert item.proposal == "Valitaan pöytäkirjantarkastajiksi M2 Testinen ja M3 Testinen."
    assert item.decision_sv == "Till protokolljusterare valdes M2 Testinen och M3 Testinen."
    review.send_for_checking(db, mid, D(2026, 11, 5), today=TODAY)
    review.record_check(db, mid, people["m3"], D(2026, 11, 6), today=TODAY)
    svc.set_checkers(db, mid, people["m2"], people["m4"])
    detail = get_meeting(db, mid)
    item = next(i for i in detail.items if i.kind == ItemKind.CHECKERS)
    assert item.decision == "Pöytäkirjantarkastajiksi valittiin M2 Testinen ja M4 Testinen."
    assert detail.meeting.review.checkers[1].checked_on is None  # M4 has not checked
    # A text written by hand stays as it is.
    svc.update_item(
        db, item.id, svc.ItemFields(item.title_fi, item.title_sv, decision="Valittiin käsin.")
    )
    svc.set_checkers(db, mid, people["m5"], people["m4"])
    item = next(i for i in get_meeting(db, mid).items if i.kind == ItemKind.CHECKERS)
    assert item.decision == "Valittiin käsin."
    assert item.proposal == "Valitaan pöytäkirjantarkastajiksi M5 Testinen ja M4 Testinen."
    # The minutes' signature part names them, with the date each checked.
    review.send_for_checking(db, mid, D(2026, 11, 7), today=TODAY)
    review.record_check(db, mid, people["m5"], D(2026, 11, 8), today=TODAY)
    out = docs.write_document(db, mid, docs.MINUTES, tmp_path / "p.docx", ("fi",))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    tables = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "M5 Testinen" in tables and "M4 Testinen" in tables
    assert "tarkastettu 8.11.2026" in tables
    assert "Valitaan pöytäkirjantarkastajiksi M5 Testinen ja M4 Testinen." in text


def test_a_memo_is_approved_without_checkers(db, registry) -> None:
    from kastedesk.storage.models.registry import Group

    with db.session() as session:
        session.get(Group, registry.group_id).minutes_style = "memo"
    mid = held_meeting(db, registry)
    review.approve(db, mid, D(2026, 11, 4), today=TODAY)
    assert get_meeting(db, mid).locked
