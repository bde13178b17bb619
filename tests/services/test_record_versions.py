"""Lost updates are refused: a save based on an old version is told, never silently applied."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from kastedesk.cli.main import main
from kastedesk.services import meeting_attendance, meetings, registry, workshops
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.models.meetings import Meeting
from kastedesk.storage.models.workshops import Workshop


def _first(db: Database, model) -> int:
    with db.read() as s:
        return s.scalars(select(model.id).order_by(model.id)).first()


def test_a_project_saved_meanwhile_is_not_overwritten(demo_db: Database) -> None:
    project = registry.list_projects(demo_db)[0]
    mine = dataclasses.replace(registry.project_data(project), organisation="Minun")
    theirs = dataclasses.replace(registry.project_data(project), organisation="Heidän")
    registry.save_project(demo_db, theirs, project.id, project.row_version)
    with pytest.raises(RecordChangedError, match="someone else"):
        registry.save_project(demo_db, mine, project.id, project.row_version)
    assert registry.list_projects(demo_db)[0].organisation == "Heidän"
    registry.save_project(demo_db, mine, project.id, None)  # a deliberate overwrite
    saved = registry.list_projects(demo_db)[0]
    assert saved.organisation == "Minun"
    assert saved.row_version == project.row_version + 2


def test_a_group_saved_meanwhile_is_not_overwritten(demo_db: Database) -> None:
    group = registry.get_group(demo_db, 1)
    data = registry.group_data(group)
    registry.save_group(demo_db, data, group.project_id, group.id, group.row_version)
    assert registry.get_group(demo_db, 1).row_version == group.row_version  # nothing changed
    theirs = dataclasses.replace(data, agenda_lead_days=data.agenda_lead_days + 1)
    registry.save_group(demo_db, theirs, group.project_id, group.id, group.row_version)
    with pytest.raises(RecordChangedError):
        registry.save_group(demo_db, data, group.project_id, group.id, group.row_version)


def test_a_person_changed_through_another_membership_is_a_conflict(demo_db: Database) -> None:
    row = registry.member_rows(demo_db, 1)[0]
    theirs = dataclasses.replace(row.person_data(), phone="040 111 2222")
    registry.update_member(demo_db, row.membership_id, theirs, row.membership_data(), row.versions)
    mine = dataclasses.replace(row.person_data(), title="Uusi nimike")
    with pytest.raises(RecordChangedError, match=row.full_name):
        registry.update_member(
            demo_db, row.membership_id, mine, row.membership_data(), row.versions
        )
    again = next(
        r for r in registry.member_rows(demo_db, 1) if r.membership_id == row.membership_id
    )
    assert (again.phone, again.title) == ("040 111 2222", row.title)
    assert again.person_version == row.person_version + 1


def test_meeting_item_and_attendance_saves_check_their_versions(demo_db: Database) -> None:
    with demo_db.read() as s:  # the newest meeting: planned, not locked
        meeting_id = s.scalars(select(Meeting.id).order_by(Meeting.date.desc())).first()
    detail = get_meeting(demo_db, meeting_id)
    fields = meetings.MeetingFields(
        date=detail.meeting.date,
        start=detail.meeting.start,
        end=detail.meeting.end,
        place="Sali 2",
        remote_link=detail.meeting.remote_link,
        attachments_sent=detail.meeting.attachments_sent,
    )
    new_version = meetings.update_meeting(demo_db, meeting_id, fields, detail.meeting.row_version)
    assert new_version == detail.meeting.row_version + 1
    with pytest.raises(RecordChangedError):
        meetings.update_meeting(demo_db, meeting_id, fields, detail.meeting.row_version)

    item = detail.items[0]
    item_fields = meetings.ItemFields(
        title_fi=item.title_fi,
        title_sv=item.title_sv,
        presenter_id=item.presenter_id,
        background=item.background,
        proposal="Toinen ehdotus",
        decision=item.decision,
    )
    meetings.update_item(demo_db, item.id, item_fields, item.row_version)
    with pytest.raises(RecordChangedError, match=f"{item.section} §"):
        meetings.update_item(demo_db, item.id, item_fields, item.row_version)

    row = detail.attendance[0]
    tick = meeting_attendance.AttendanceFields(present=not row.present)
    meeting_attendance.set_attendance(demo_db, row.id, tick, expected_version=row.row_version)
    with pytest.raises(RecordChangedError):
        meeting_attendance.set_attendance(demo_db, row.id, tick, expected_version=row.row_version)


def test_a_workshop_saved_meanwhile_is_not_overwritten(demo_db: Database) -> None:
    workshop_id = _first(demo_db, Workshop)
    data, version = workshops.workshop_for_edit(demo_db, workshop_id)
    workshops.update_workshop(
        demo_db, workshop_id, dataclasses.replace(data, notes="a"), None, version
    )
    with pytest.raises(RecordChangedError):
        workshops.update_workshop(
            demo_db, workshop_id, dataclasses.replace(data, notes="b"), None, version
        )
    assert workshops.workshop_data(demo_db, workshop_id).notes == "a"


def test_the_command_line_reports_a_refused_save_in_one_line(capsys) -> None:
    def refuse(_args) -> int:
        raise RecordChangedError("Aino Virtanen was changed by someone else.")

    from kastedesk.cli import db_commands
    from kastedesk.cli import main as cli_main

    original = db_commands.cmd_check
    db_commands.cmd_check = refuse  # type: ignore[assignment]
    cli_main._parser_in.cache_clear()  # a parser built before holds the real command
    try:
        code = main(["check"])
    finally:
        db_commands.cmd_check = original  # type: ignore[assignment]
        cli_main._parser_in.cache_clear()
    _out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().splitlines() == ["kastedesk: Aino Virtanen was changed by someone else."]


def test_a_form_edited_meanwhile_is_not_overwritten_even_when_only_questions_changed(
    db: Database,
) -> None:
    from kastedesk.services import feedback_forms

    form_id = feedback_forms.ensure_default_form(db)
    loaded = feedback_forms.load_form(db, form_id)
    fewer = dataclasses.replace(loaded.spec, questions=loaded.spec.questions[:-1])
    saved_id = feedback_forms.save_form(db, form_id, fewer, loaded.row_version)
    assert saved_id == form_id  # no responses yet: edited in place
    assert feedback_forms.load_form(db, form_id).row_version == loaded.row_version + 1
    with pytest.raises(RecordChangedError):
        feedback_forms.save_form(db, form_id, loaded.spec, loaded.row_version)


def test_a_form_corrected_meanwhile_is_not_overwritten(demo_db: Database) -> None:
    from kastedesk.domain.feedback_entry import Answer
    from kastedesk.services import feedback_entry

    workshop_id = _first(demo_db, Workshop)
    ctx = feedback_entry.open_entry(demo_db, workshop_id)
    response_id = feedback_entry.save_response(demo_db, ctx, {0: Answer(3)})
    started_from = feedback_entry.response_row_version(demo_db, response_id)
    assert feedback_entry.correct_response(demo_db, ctx, response_id, {0: Answer(4)}, started_from)
    with pytest.raises(RecordChangedError):
        feedback_entry.correct_response(demo_db, ctx, response_id, {0: Answer(5)}, started_from)
    assert feedback_entry.answers_for_correction(demo_db, ctx, response_id)[0] == Answer(4)


def test_the_database_counts_only_the_write_sessions_it_committed(db) -> None:
    """``Database.commits`` tells a tab whether this window saved anything since it read."""
    before = db.commits
    with db.read() as session:
        session.scalars(select(Workshop.id)).all()
    assert db.commits == before  # reading is not saving
    with pytest.raises(RuntimeError), db.session():
        raise RuntimeError("rolled back")
    assert db.commits == before
    with db.session() as session:
        session.scalars(select(Workshop.id)).all()
    assert db.commits == before + 1
