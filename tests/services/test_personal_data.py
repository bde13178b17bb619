from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk import i18n
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.services.meeting_documents import meeting_content
from kastedesk.services.personal_data import (
    erase_person,
    erasure_report_lines,
    export_person,
    write_person_export,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.storage.models.meetings import Attendance, Meeting, RecordedPerson
from kastedesk.storage.models.registry import Membership, Person
from kastedesk.storage.models.workshops import Workshop


def approved_attendee(db: Database) -> tuple[int, int, str]:
    """A person present at an approved demo meeting: (person id, meeting id, full name)."""
    with db.read() as s:
        row = s.execute(
            select(Attendance.person_id, Meeting.id)
            .join(Meeting, Attendance.meeting_id == Meeting.id)
            .where(Meeting.status == MeetingStatus.APPROVED.value)
            .where(Attendance.present.is_(True), Attendance.person_id.is_not(None))
            .order_by(Attendance.id)
        ).first()
        assert row is not None
        person = s.get(Person, row[0])
        return row[0], row[1], person.full_name


def coordinator(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(Workshop.coordinator_id).where(Workshop.coordinator_id.is_not(None)))


def test_export_holds_everything_about_the_person(demo_db: Database, tmp_path: Path) -> None:
    person_id, meeting_id, name = approved_attendee(demo_db)
    out = tmp_path / "henkilö.json"
    data = write_person_export(demo_db, person_id, out)
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == data
    assert "\n  " in text  # indented
    assert name.split()[-1] in text  # not \u-escaped
    with demo_db.read() as s:
        person = s.get(Person, person_id)
        memberships = s.scalars(select(Membership).where(Membership.person_id == person_id)).all()
        attended = s.scalars(
            select(Attendance.meeting_id).where(Attendance.person_id == person_id)
        ).all()
    assert data["person"]["email"] == person.email and data["person"]["id"] == person_id
    assert [m["membership_id"] for m in data["memberships"]] == [m.id for m in memberships]
    assert sorted(a["meeting_id"] for a in data["attendance"]) == sorted(attended)
    assert meeting_id in {a["meeting_id"] for a in data["attendance"]}
    assert "anonymous" in data["feedback"]


def test_export_lists_workshops_led(demo_db: Database) -> None:
    person_id = coordinator(demo_db)
    data = export_person(demo_db, person_id)
    with demo_db.read() as s:
        led = s.scalars(select(Workshop.id).where(Workshop.coordinator_id == person_id)).all()
    assert sorted(
        w["workshop_id"] for w in data["workshops"] if w["role"] == "coordinator"
    ) == sorted(led)


def test_unknown_person(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no person with id 999"):
        export_person(db, 999)
    with pytest.raises(ValidationError):
        erase_person(db, 999)


def test_erase_replaces_name_and_contacts_but_approved_minutes_keep_it(demo_db: Database) -> None:
    person_id, meeting_id, name = approved_attendee(demo_db)
    with demo_db.read() as s:
        organisation = s.get(Person, person_id).organisation
        responses_before = s.query(FeedbackResponse).count()
    before = meeting_content(demo_db, meeting_id)
    i18n.set_language("fi")
    report = erase_person(demo_db, person_id)
    assert report.new_name == f"Poistettu henkilö {person_id}"
    assert meeting_id in report.approved_meetings
    with demo_db.read() as s:
        person = s.get(Person, person_id)
        assert person.full_name == f"Poistettu henkilö {person_id}"
        assert (person.email, person.phone, person.organisation, person.title) == ("", "", "", "")
        assert person.municipality == "" and person.region is None
        kept = s.get(RecordedPerson, (meeting_id, person_id))
        assert kept is not None and kept.full_name == name and kept.organisation == organisation
        assert s.query(FeedbackResponse).count() == responses_before
        # memberships and attendance stay, so past quorums stay right
        assert s.scalars(select(Membership).where(Membership.person_id == person_id)).all()
    after = meeting_content(demo_db, meeting_id)

    def shown(content) -> list[tuple[str, str]]:
        return [(a.person.name, a.person.organisation) for a in content.attendance]

    assert shown(after) == shown(before) and (name, organisation) in shown(after)
    # the Meetings tab shows the approved meeting as recorded too
    from kastedesk.services.meeting_views import get_meeting

    assert name in [row.name for row in get_meeting(demo_db, meeting_id).attendance]
    assert [p.name for p in after.invitees] == [p.name for p in before.invitees]
    assert (after.chair, after.secretary, after.checkers) == (
        before.chair,
        before.secretary,
        before.checkers,
    )
    lines = erasure_report_lines(report)
    assert any(str(meeting_id) in line and "hyväksy" in line.lower() for line in lines)


def test_erase_changes_unapproved_meetings(demo_db: Database) -> None:
    with demo_db.read() as s:
        meeting = s.scalars(
            select(Meeting).where(Meeting.status != MeetingStatus.APPROVED.value)
        ).first()
        assert meeting is not None
        member = s.scalars(
            select(Membership).where(Membership.group_id == meeting.group_id)
        ).first()
        person_id = member.person_id
        old = s.get(Person, person_id).full_name
    report = erase_person(demo_db, person_id)
    content = meeting_content(demo_db, meeting.id)
    names = [p.name for p in content.invitees]
    assert old not in names and f"Erased person {person_id}" in names
    from kastedesk.services.meeting_views import get_meeting

    shown = [row.name for row in get_meeting(demo_db, meeting.id).attendance]
    assert old not in shown
    assert meeting.id not in report.approved_meetings


def test_erase_twice_is_harmless(demo_db: Database) -> None:
    person_id, meeting_id, name = approved_attendee(demo_db)
    erase_person(demo_db, person_id)
    again = erase_person(demo_db, person_id)
    assert again.already_erased
    with demo_db.read() as s:
        assert s.get(RecordedPerson, (meeting_id, person_id)).full_name == name


def _open_item_and_person(s):
    """(meeting, person, item): an item of a meeting whose minutes are not approved, and a
    person whose name a test writes into it."""
    from kastedesk.storage.models.meetings import AgendaItem

    meeting = s.scalars(
        select(Meeting).where(Meeting.status != MeetingStatus.APPROVED.value)
    ).first()
    person = s.scalars(select(Person)).first()
    item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    return meeting, person, item


def test_report_names_free_text_mentions(demo_db: Database) -> None:
    with demo_db.session() as s:
        meeting, person, item = _open_item_and_person(s)
        item.background = f"Esittelijänä toimii {person.full_name}."
        ids = (person.id, meeting.id, item.section)
    report = erase_person(demo_db, ids[0])
    assert f"agenda item {ids[2]} § of meeting {ids[1]}" in report.mentions


def test_report_names_swedish_texts_workshops_and_waiting_items(demo_db: Database) -> None:
    """The name in a decision written in Swedish, a workshop's Swedish title or a waiting
    item is as much a mention as in a Finnish text."""
    from kastedesk.storage.models.meetings import BacklogItem
    from kastedesk.storage.models.workshops import Workshop

    with demo_db.session() as s:
        meeting, person, item = _open_item_and_person(s)
        item.decision_sv = f"Föredragande är {person.full_name}."
        workshop = s.scalars(select(Workshop)).first()
        workshop.title_sv = f"Workshop med {person.full_name}"
        waiting = BacklogItem(
            group_id=meeting.group_id, title_fi="Asia", proposal_sv=f"{person.full_name} svarar."
        )
        s.add(waiting)
        s.flush()
        ids = (person.id, meeting.id, item.section, workshop.id, waiting.id)
    report = erase_person(demo_db, ids[0])
    assert f"agenda item {ids[2]} § of meeting {ids[1]}" in report.mentions
    assert f"workshop {ids[3]}" in report.mentions
    assert f"a waiting item ({ids[4]})" in report.mentions


def test_report_names_bundle_conflicts_holding_the_person(demo_db: Database) -> None:
    import datetime as dt

    from kastedesk.storage.models.bundles import BundleConflict

    with demo_db.session() as s:
        person = s.scalars(select(Person).where(Person.last_name.contains("ä"))).first()
        assert person is not None
        payload = json.dumps({"context": {"people": {person.full_name: {"email": "x@y.fi"}}}})
        assert person.full_name not in payload  # written with \\u escapes
        conflict = BundleConflict(
            kind="workshop",
            uuid="00000000-0000-0000-0000-000000000001",
            version="a" * 64,
            payload=payload,
            source="other",
            detected_at=dt.datetime.now(dt.UTC),
        )
        s.add(conflict)
        s.flush()
        ids = (person.id, conflict.id)
    report = erase_person(demo_db, ids[0])
    assert f"an unresolved bundle conflict ({ids[1]})" in report.mentions


def test_erase_removes_a_kept_draft_of_the_person(demo_db: Database) -> None:
    from kastedesk.storage.drafts import DraftStore, drafts_folder

    person_id, _meeting, name = approved_attendee(demo_db)
    with demo_db.read() as s:
        membership_id = s.scalar(select(Membership.id).where(Membership.person_id == person_id))
    store = DraftStore(drafts_folder(demo_db.label))
    store.save(f"member-{membership_id}", name, {"email": "vanha@example.fi"})
    store.save("member-new-1", "someone else", {"first_name": "Uusi"})
    erase_person(demo_db, person_id)
    assert [d.key for d in store.all()] == ["member-new-1"]
