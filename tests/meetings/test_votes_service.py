"""Disqualification and votes through the service: stored, checked, versioned, in the quorum."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_registry import Registry

from kastedesk.domain.validation import ValidationError
from kastedesk.domain.votes import VoteChoice, VoteInput
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meeting_votes as votes
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_access import MeetingLocked
from kastedesk.services.meeting_views import MeetingDetail, get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from tests.db_support import built_once

YES, NO, ABSTAIN = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN
MOTIONS = {
    "yes_motion": {"fi": "Esittelijän ehdotus", "sv": "Föredragandens förslag"},
    "no_motion": {"fi": "M2 Testisen ehdotus", "sv": "M2 Testinens förslag"},
}
HERE = ["chair", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "secretary"]


def row_of(detail: MeetingDetail, registry: Registry, key: str) -> int:
    return next(a.id for a in detail.attendance if a.person_id == registry.people[key])


def _meeting(db: Database, registry: Registry) -> MeetingDetail:
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 11, 10)))
    detail = get_meeting(db, mid)
    for key in HERE:
        attendance.set_attendance(
            db, row_of(detail, registry, key), attendance.AttendanceFields(present=True)
        )
    return get_meeting(db, mid)


@pytest.fixture
def meeting(db: Database, registry: Registry) -> MeetingDetail:
    return built_once("test_votes_service.meeting", db, lambda: _meeting(db, registry))


def test_a_disqualified_member_counts_as_absent_for_that_item(db, registry, meeting) -> None:
    item = meeting.items[6]  # § 7
    assert meeting.quorum(7).present == 8 and meeting.quorum(7).quorate
    m3 = row_of(meeting, registry, "m3")
    version = votes.set_disqualified(db, item.id, [m3], expected_version=item.row_version)
    assert version == item.row_version + 1
    detail = get_meeting(db, meeting.meeting.id)
    assert detail.items[6].disqualified == (m3,)
    assert (detail.quorum(7).present, detail.quorum(7).quorate) == (7, False)
    assert detail.quorum(6).quorate and detail.quorum(8).quorate
    # Someone else's screen still shows the old version: refused, nothing changed.
    with pytest.raises(RecordChangedError):
        votes.set_disqualified(db, item.id, [], expected_version=item.row_version)
    assert get_meeting(db, meeting.meeting.id).items[6].disqualified == (m3,)
    votes.set_disqualified(db, item.id, [], expected_version=version)
    assert get_meeting(db, meeting.meeting.id).quorum(7).quorate


def test_only_someone_present_at_the_item_can_be_disqualified(db, registry, meeting) -> None:
    absent = row_of(meeting, registry, "m9")
    with pytest.raises(ValidationError) as error:
        votes.set_disqualified(db, meeting.items[6].id, [absent])
    assert "not present" in error.value.errors["disqualified"]


def test_a_vote_by_counts_is_stored_checked_and_versioned(db, registry, meeting) -> None:
    item = meeting.items[6]
    too_many = VoteInput(**MOTIONS, by_name=False, yes=6, no=3)  # 8 voters present
    with pytest.raises(ValidationError) as error:
        votes.save_vote(db, item.id, too_many)
    assert "only 8 voters" in error.value.errors["yes"]
    version = votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=5, no=2))
    stored = get_meeting(db, meeting.meeting.id).items[6].vote
    assert stored is not None and (stored.yes, stored.no, stored.abstain) == (5, 2, 0)
    assert stored.no_motion_sv == "M2 Testinens förslag"
    # A disqualified member leaves: now 7 voters; 8 votes are refused.
    votes.set_disqualified(db, item.id, [row_of(meeting, registry, "m1")])
    with pytest.raises(ValidationError):
        votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=6, no=2), version)
    newer = votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=4, no=3), version)
    with pytest.raises(RecordChangedError):
        votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=4, no=2), version)
    votes.remove_vote(db, item.id, newer)
    assert get_meeting(db, meeting.meeting.id).items[6].vote is None
    with pytest.raises(RecordChangedError):  # someone removed the vote this screen showed
        votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=4, no=3), newer)


def test_a_vote_by_name_only_for_people_present_and_not_disqualified(db, registry, meeting) -> None:
    item = meeting.items[6]
    m1, m2, m3 = (row_of(meeting, registry, k) for k in ("m1", "m2", "m3"))
    chair, secretary = row_of(meeting, registry, "chair"), row_of(meeting, registry, "secretary")
    votes.set_disqualified(db, item.id, [m3])
    for key, words in ((m3, "disqualified"), (secretary, "no vote")):
        ballots = {chair: YES, key: NO}
        with pytest.raises(ValidationError) as error:
            votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=True, ballots=ballots))
        assert words in error.value.errors["ballots"]
    ballots = {chair: YES, m1: YES, m2: NO}
    version = votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=True, ballots=ballots))
    stored = get_meeting(db, meeting.meeting.id).items[6].vote
    assert stored is not None and stored.by_name and (stored.yes, stored.no) == (2, 1)
    assert sorted(stored.ballots) == sorted([(chair, "yes"), (m1, "yes"), (m2, "no")])
    # A voter cannot afterwards be made disqualified without changing the vote.
    with pytest.raises(ValidationError) as error:
        votes.set_disqualified(db, item.id, [m3, m2])
    assert "vote recorded" in error.value.errors["disqualified"]
    # Changing to counts drops the names.
    votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=3, no=1), version)
    stored = get_meeting(db, meeting.meeting.id).items[6].vote
    assert stored is not None and stored.ballots == () and not stored.by_name


def test_removing_the_item_or_the_attendance_row_removes_its_records(db, registry, meeting) -> None:
    item = meeting.items[6]
    votes.set_disqualified(db, item.id, [row_of(meeting, registry, "m3")])
    votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=3, no=1))
    svc.delete_item(db, item.id)
    with db.read() as s:
        from sqlalchemy import func, select

        from kastedesk.storage.models.votes import ItemDisqualification, ItemVote

        assert s.scalar(select(func.count()).select_from(ItemDisqualification)) == 0
        assert s.scalar(select(func.count()).select_from(ItemVote)) == 0


def test_an_approved_meeting_keeps_its_votes(db, registry, meeting) -> None:
    item = meeting.items[6]
    svc.approve_minutes(
        db, meeting.meeting.id, dt.date(2026, 11, 20), registry.people["m2"], registry.people["m4"]
    )
    with pytest.raises(MeetingLocked):
        votes.set_disqualified(db, item.id, [row_of(meeting, registry, "m3")])
    with pytest.raises(MeetingLocked):
        votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=3, no=1))


def test_a_persons_export_names_their_disqualifications_and_votes(db, registry, meeting) -> None:
    from kastedesk.services.personal_data import export_person

    item = meeting.items[6]
    m1, m3 = row_of(meeting, registry, "m1"), row_of(meeting, registry, "m3")
    votes.set_disqualified(db, item.id, [m3])
    votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=True, ballots={m1: NO}))
    rows = export_person(db, registry.people["m3"])["attendance"]
    assert [r["disqualified_at_sections"] for r in rows] == [[7]]
    rows = export_person(db, registry.people["m1"])["attendance"]
    assert [r["votes_by_name"] for r in rows] == [[{"section": 7, "vote": "no"}]]
    assert rows[0]["disqualified_at_sections"] == []


def test_attendance_cannot_change_under_a_recorded_vote(db, registry, meeting) -> None:
    """Marking a voter absent (or leaving before the §) would make the recorded vote wrong:
    refused with the §, until the vote is changed; leaving after the § is fine."""
    item = meeting.items[6]  # § 7
    chair, m1, m2 = (row_of(meeting, registry, k) for k in ("chair", "m1", "m2"))
    ballots = {chair: YES, m1: YES, m2: NO}
    votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=True, ballots=ballots))
    m2_row = next(a for a in meeting.attendance if a.id == m2)
    for fields in (
        attendance.AttendanceFields(present=False),
        attendance.AttendanceFields(present=True, left_at=5),  # gone before § 7
        attendance.AttendanceFields(present=True, arrived_at=9),  # came after it
    ):
        with pytest.raises(ValidationError) as error:
            attendance.set_attendance(db, m2, fields, expected_version=m2_row.row_version)
        message = error.value.errors["present"]
        assert "§ 7" in message and "not present" in message, message
    after = next(a for a in get_meeting(db, meeting.meeting.id).attendance if a.id == m2)
    assert (after.present, after.left_at, after.row_version) == (True, None, m2_row.row_version)
    # Leaving after § 7 does not touch the vote; someone who did not vote may leave.
    attendance.set_attendance(db, m2, attendance.AttendanceFields(present=True, left_at=8))
    attendance.set_attendance(
        db, row_of(meeting, registry, "m3"), attendance.AttendanceFields(False)
    )


def test_counted_votes_keep_enough_voters(db, registry, meeting) -> None:
    item = meeting.items[6]
    votes.save_vote(db, item.id, VoteInput(**MOTIONS, by_name=False, yes=5, no=3))  # all 8
    with pytest.raises(ValidationError) as error:
        attendance.set_attendance(
            db, row_of(meeting, registry, "m1"), attendance.AttendanceFields(present=False)
        )
    assert "only 7 voters" in error.value.errors["present"]
    # The secretary has no vote: their leaving changes nothing in it.
    attendance.set_attendance(
        db, row_of(meeting, registry, "secretary"), attendance.AttendanceFields(present=False)
    )
