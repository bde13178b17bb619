"""Minutes checkers by rota: members in turn, skipping the absent, never chair or secretary."""

from __future__ import annotations

import datetime as dt

from kastedesk.domain.checker_rota import suggest_checkers
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_checkers import rota_suggestion
from kastedesk.services.meeting_views import get_meeting
from kastedesk.ui.meetings.meeting_editor import MeetingEditor


def test_the_turn_goes_on_after_the_last_checker_and_skips_the_absent() -> None:
    rota = [1, 2, 3, 4, 5]
    assert suggest_checkers(rota, {1, 2, 3, 4, 5}, []) == (1, 2)
    assert suggest_checkers(rota, {1, 2, 3, 4, 5}, [1, 2]) == (3, 4)
    assert suggest_checkers(rota, {1, 2, 4, 5}, [1, 2]) == (4, 5)  # 3 absent: skipped
    assert suggest_checkers(rota, {1, 2, 3, 4, 5}, [3, 4, 9, 5]) == (1, 2)  # round again
    assert suggest_checkers(rota, {2}, []) == (2, None)
    assert suggest_checkers([], {1}, []) == (None, None)


def _present(db, meeting_id: int, registry, keys) -> None:
    rows = {a.person_id: a for a in get_meeting(db, meeting_id).attendance}
    for key in keys:
        attendance.set_attendance(
            db, rows[registry.people[key]].id, attendance.AttendanceFields(present=True)
        )


def test_rota_across_meetings_and_from_the_minutes_tab(qtbot, db, registry) -> None:
    everyone = ["chair", "secretary", "vice", *[f"m{i}" for i in range(1, 11)]]
    first = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 11, 3)))
    _present(db, first, registry, everyone)
    people = registry.people
    # By name: M1, M10, M2, … then Vice; chair and secretary never.
    assert rota_suggestion(db, first) == (people["m1"], people["m10"])
    svc.set_checkers(db, first, people["m1"], people["m10"])
    second = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 12, 8)))
    _present(db, second, registry, ["chair", "secretary", "m3", "m4", "m5"])  # m2 absent
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.open_meeting(second)
    assert editor.minutes.choose_by_rota()
    assert get_meeting(db, second).checker_ids == (people["m3"], people["m4"])
    assert editor.minutes.checker1.currentData() == people["m3"]
    third = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2027, 1, 8)))
    editor.open_meeting(third)
    assert not editor.minutes.choose_by_rota()  # nobody marked present yet
    assert editor.minutes.form.error_text("checker1").startswith("Mark who is present first")
