"""``kastedesk list meetings`` and ``kastedesk due``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from meeting_registry import build_registry

from kastedesk.cli.main import main
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.services import meetings as svc
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _database(path: Path) -> dict[str, int]:
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            registry = build_registry(session)
        today = dt.date.today()
        soon = svc.create_meeting(
            db,
            registry.group_id,
            svc.MeetingFields(
                date=today + dt.timedelta(days=17),
                start=dt.time(12, 30),
                end=dt.time(15),
                place="Kaupungintalo",
            ),
        )
        late = svc.create_meeting(
            db, registry.group_id, svc.MeetingFields(date=today + dt.timedelta(days=10))
        )
        past = svc.create_meeting(
            db, registry.group_id, svc.MeetingFields(date=today - dt.timedelta(days=30))
        )
        svc.set_status(db, past, MeetingStatus.HELD)
        other = svc.create_meeting(
            db, registry.other_group_id, svc.MeetingFields(date=today + dt.timedelta(days=60))
        )
        return {"group": registry.group_id, "soon": soon, "late": late, "other": other}
    finally:
        db.dispose()


def test_list_meetings_json(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    ids = _database(path)
    code, out, err = run(capsys, "--db", str(path), "list", "meetings", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 4
    soon = next(r for r in rows if r["id"] == ids["soon"])
    day = dt.date.today() + dt.timedelta(days=17)
    assert soon == {
        "id": ids["soon"],
        "group_id": ids["group"],
        "number": 1,
        "title": "Ohjausryhmän 1. kokous",
        "date": day.isoformat(),
        "start": "12:30:00",
        "end": "15:00:00",
        "place": "Kaupungintalo",
        "status": "draft",
        "agenda_due": (day - dt.timedelta(days=14)).isoformat(),
        "attachments_due": (day - dt.timedelta(days=7)).isoformat(),
        "minutes": {"state": "draft", "sent_on": None, "approved_on": None, "checkers": []},
    }
    code, out, _err = run(
        capsys, "--db", str(path), "list", "meetings", "--group", str(ids["group"]), "--json"
    )
    assert {r["group_id"] for r in json.loads(out)} == {ids["group"]}
    assert len(json.loads(out)) == 3


def test_list_meetings_text_in_swedish_and_unknown_group(capsys, tmp_path, monkeypatch) -> None:
    path = tmp_path / "m.sqlite"
    _database(path)
    monkeypatch.setenv("KASTEDESK_LANG", "sv")
    code, out, _err = run(capsys, "--db", str(path), "list", "meetings")
    assert code == 0 and "Styrgruppens 1:a möte" in out and "utkast" in out
    code, _out, err = run(capsys, "--db", str(path), "list", "meetings", "--group", "999")
    assert code == 1 and err.count("\n") == 1 and "999" in err


def test_due_lists_overdue_first(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    ids = _database(path)
    code, out, _err = run(capsys, "--db", str(path), "due", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["meeting_id"], r["kind"], r["overdue"]) for r in rows] == [
        (ids["late"], "agenda", True),
        (ids["late"], "attachments", False),  # same day as the next: earlier meeting first
        (ids["soon"], "agenda", False),
    ]
    code, out, _err = run(capsys, "--db", str(path), "due", "--days", "0", "--json")
    assert len(json.loads(out)) == 1
    code, out, _err = run(capsys, "--db", str(path), "due")
    assert code == 0 and "overdue" in out.splitlines()[1]
    assert run(capsys, "--db", str(path), "due", "--days", "-3")[0] == 2
    assert run(capsys, "--db", str(path), "due", "--days", "x")[0] == 2
