"""``kastedesk minutes-review``, the state in ``list meetings``, the early-minutes warning."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from meeting_registry import build_registry

from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.meetings.test_meeting_cli import run

TODAY = dt.date.today()
HELD = TODAY - dt.timedelta(days=20)


pytestmark = pytest.mark.usefixtures("todays_date")  # TODAY and HELD as of each test


def _d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _database(path: Path) -> tuple[int, int, dict[str, int]]:
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            registry = build_registry(session)
        held = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=HELD))
        rows = {a.person_id: a for a in get_meeting(db, held).attendance}
        for key in ["chair", "secretary", "m2", "m3", "m4"]:
            attendance.set_attendance(
                db, rows[registry.people[key]].id, attendance.AttendanceFields(present=True)
            )
        coming = svc.create_meeting(
            db, registry.group_id, svc.MeetingFields(date=TODAY + dt.timedelta(days=10))
        )
        return held, coming, registry.people
    finally:
        db.dispose()


def test_the_minutes_from_draft_to_approved_on_the_command_line(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    held, _coming, people = _database(path)
    base = ["--db", str(path), "minutes-review"]
    mid = str(held)
    sent = HELD + dt.timedelta(days=2)

    code, out, err = run(capsys, *base, "send", mid, "--date", _d(sent))
    assert code == 1 and "Choose both minutes checkers" in err and err.count("\n") == 1
    code, out, err = run(capsys, *base, "checkers", mid, "--rota")
    assert (code, err) == (0, "") and out == "Minutes checkers: M2 Testinen, M3 Testinen\n"
    code, out, err = run(capsys, *base, "send", mid, "--date", _d(HELD - dt.timedelta(days=1)))
    assert code == 1 and err.startswith("kastedesk: The date cannot be before the meeting")
    code, out, err = run(capsys, *base, "send", mid, "--date", _d(sent))
    assert (code, err) == (0, "") and out == f"sent for checking {_d(sent)} (0/2 checked)\n"
    m2, m3 = str(people["m2"]), str(people["m3"])
    code, out, err = run(capsys, *base, "check", mid, "--checker", m2, "--comment", "§ 6 korjaus")
    assert (code, err) == (0, "") and "(0/2 checked)" in out
    code, out, err = run(capsys, *base, "check", mid, "--checker", str(people["m9"]))
    assert code == 1 and err == "kastedesk: This person is not a minutes checker of the meeting.\n"
    code, out, err = run(capsys, *base, "approve", mid, "--date", _d(TODAY))
    assert code == 1 and "Both minutes checkers must check" in err
    run(capsys, *base, "check", mid, "--checker", m2, "--date", _d(sent))
    code, out, err = run(capsys, *base, "check", mid, "--checker", m3)  # today
    assert (code, err, out) == (0, "", "checked\n")

    code, out, err = run(capsys, *base, "show", mid, "--json")
    shown = json.loads(out)
    assert shown["state"] == "checked" and shown["sent_on"] == sent.isoformat()
    assert [c["state"] for c in shown["checkers"]] == ["checked", "checked"]
    assert shown["checkers"][0]["comment"] == "§ 6 korjaus"

    code, out, err = run(capsys, *base, "approve", mid)
    assert code == 2  # the date must be given: approving is deliberate
    future = _d(TODAY + dt.timedelta(days=1))
    code, out, err = run(capsys, *base, "approve", mid, "--date", future)
    assert (code, err) == (1, "kastedesk: The date cannot be in the future.\n")
    code, out, err = run(capsys, *base, "approve", mid, "--date", _d(TODAY))
    assert (code, out, err) == (0, f"approved {_d(TODAY)}\n", "")

    code, out, err = run(capsys, "--db", str(path), "list", "meetings", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[held]["status"] == "approved"
    assert rows[held]["minutes"]["state"] == "approved"
    assert rows[held]["minutes"]["approved_on"] == TODAY.isoformat()
    assert rows[_coming]["minutes"] == {
        "state": "draft", "sent_on": None, "approved_on": None, "checkers": [],
    }  # fmt: skip
    code, out, err = run(capsys, "--db", str(path), "list", "meetings")
    assert f"approved {_d(TODAY)}" in out and "minutes draft" in out

    code, out, err = run(capsys, *base, "reopen", mid)
    assert (code, err) == (1, "kastedesk: Write why the approved minutes are reopened.\n")
    code, out, err = run(capsys, *base, "reopen", mid, "--reason", "§ 7 korjataan")
    assert (code, out, err) == (0, "minutes draft\n", "")
    code, out, err = run(capsys, *base, "send", "9999")
    assert (code, err) == (1, "kastedesk: The meeting no longer exists.\n")
    code, out, err = run(capsys, *base, "send", mid, "--date", "32.1.2026")
    assert code == 2 and "not a date" in err


def test_minutes_of_a_meeting_not_held_yet_are_written_with_a_warning(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "m.sqlite"
    held, coming, _people = _database(path)
    out_file = tmp_path / "p.docx"
    code, _out, err = run(capsys, "--db", str(path), "minutes", str(coming), "-o", str(out_file),
                          "--allow-missing")  # fmt: skip
    assert code == 0 and out_file.exists()
    assert err.startswith("Warning: The meeting is on ") and "has not been held yet" in err
    code, _out, err = run(capsys, "--db", str(path), "minutes", str(held), "-o", str(out_file),
                          "--allow-missing")  # fmt: skip
    assert (code, err) == (0, "")
