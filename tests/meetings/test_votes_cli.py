"""``kastedesk meeting item disqualify`` and ``kastedesk meeting item vote``."""

from __future__ import annotations

from pathlib import Path

from meeting_registry import build_registry

from kastedesk.services import meeting_attendance as attendance
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.meetings.test_meeting_cli import run

HERE = ["chair", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"]


def _meeting(capsys, path: Path) -> tuple[int, dict[str, int]]:
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            registry = build_registry(session)
    finally:
        db.dispose()
    new = ["meeting", "new", "--group", str(registry.group_id), "--date", "8.12.2026"]
    code, out, _err = run(capsys, "--db", str(path), *new, "--start", "12.30")
    assert code == 0
    meeting = int(out)
    db = open_database(resolve_url(path))
    try:
        rows = {a.person_id: a.id for a in get_meeting(db, meeting).attendance}
        for key in HERE:
            attendance.set_attendance(
                db, rows[registry.people[key]], attendance.AttendanceFields(present=True)
            )
    finally:
        db.dispose()
    return meeting, registry.people


def test_disqualify_and_vote_from_a_script(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    meeting, people = _meeting(capsys, path)
    base = ["--db", str(path), "meeting", "item"]
    m3 = str(people["m3"])
    code, out, err = run(capsys, *base, "disqualify", str(meeting), "--item", "7", "--person", m3)
    assert (code, out, err) == (0, "M3 Testinen\n", "")
    vote = ["vote", str(meeting), "--item", "7", "--yes-fi", "Esittelijän ehdotus",
            "--yes-sv", "Föredragandens förslag",
            "--no-fi", "Hylätään", "--no-sv", "Avslås"]  # fmt: skip
    code, out, err = run(capsys, *base, *vote, "--counts", "5", "2", "1")
    assert (code, out, err) == (0, "Vote: 5 yes, 2 no, 1 blank\n", "")
    # 9 votes, but 8 voters (9 present less the disqualified one): one line, exit 1.
    code, out, err = run(capsys, *base, *vote, "--counts", "6", "2", "1")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "only 8 voters" in err
    # By name: the disqualified member cannot vote.
    code, out, err = run(capsys, *base, *vote, "--ballot", f"{m3}=yes")
    assert code == 1 and "disqualified" in err
    ballots = [f"--ballot={people[k]}=yes" for k in ("m1", "m2")] + [f"--ballot={people['m4']}=no"]
    code, out, err = run(capsys, *base, *vote, *ballots)
    assert (code, out) == (0, "Vote: 2 yes, 1 no, 0 blank\n")
    code, out, err = run(capsys, *base, "vote", str(meeting), "--item", "99", "--counts", "1")
    assert code == 1 and "no § 99" in err.lower()
    code, out, err = run(capsys, *base, "vote", str(meeting), "--item", "7", "--ballot", "x=maybe")
    assert code == 1 and "PERSON_ID=yes" in err
    code, out, err = run(capsys, *base, "vote", str(meeting), "--item", "7", "--remove")
    assert code == 0
    code, out, err = run(capsys, *base, "disqualify", str(meeting), "--item", "7",
                         "--person", m3, "--remove")  # fmt: skip
    assert (code, out) == (0, "–\n")
    db = open_database(resolve_url(path))
    try:
        item = get_meeting(db, meeting).items[6]
        assert item.vote is None and item.disqualified == ()
    finally:
        db.dispose()
