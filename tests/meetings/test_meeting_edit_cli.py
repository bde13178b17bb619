"""``kastedesk meeting new`` and ``kastedesk meeting item add``."""

from __future__ import annotations

from pathlib import Path

from meeting_registry import build_registry

from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.meetings.test_meeting_cli import run


def _group(path: Path) -> int:
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            return build_registry(session).group_id
    finally:
        db.dispose()


def test_a_meeting_and_its_own_item_from_a_script(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    group = _group(path)
    base = ["--db", str(path)]
    new = ["meeting", "new", "--group", str(group), "--date", "8.12.2026", "--start", "12.30"]
    code, out, err = run(capsys, *base, *new, "--end", "15", "--place", "Vaasa")
    assert (code, err) == (0, "")
    meeting_id = int(out)
    code, out, err = run(capsys, *base, "meeting", "item", "add", str(meeting_id),
                         "--title-fi", "Talousraportti", "--title-sv", "Ekonomisk rapport",
                         "--proposal-fi", "Hyväksytään.", "--proposal-sv", "Godkänns.")  # fmt: skip
    assert (code, out, err) == (0, "7\n", "")
    db = open_database(resolve_url(path))
    try:
        detail = get_meeting(db, meeting_id)
    finally:
        db.dispose()
    assert (detail.meeting.number, detail.meeting.place, str(detail.meeting.end)) == (
        1, "Vaasa", "15:00:00",
    )  # fmt: skip
    item = detail.items[6]
    assert (item.title_sv, item.proposal, item.proposal_sv) == (
        "Ekonomisk rapport", "Hyväksytään.", "Godkänns.",
    )  # fmt: skip
    assert detail.items[7].kind == "other_matters"


def test_bad_input_exits_1_with_one_line_and_usage_errors_2(capsys, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    group = str(_group(path))
    base = ["--db", str(path), "meeting", "new", "--group"]
    for argv, needle in (
        ([*base, "999", "--date", "8.12.2026", "--start", "12"], "999"),
        ([*base, group, "--date", "31.2.2026", "--start", "12"], "31.2.2026"),
        ([*base, group, "--date", "8.12.2026", "--start", "15", "--end", "12"], "end after"),
        ([*base, group, "--date", "8.12.2026", "--start", "25.00"], "25.00"),
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, "") and err.count("\n") == 1 and needle in err, err
    code, _out, _err = run(capsys, *base, group, "--date", "8.12.2026")  # no --start
    assert code == 2
    code, _out, err = run(capsys, "--db", str(path), "meeting", "item", "add", "77",
                          "--title-fi", "X")  # fmt: skip
    assert code == 1 and "77" in err
    code, _out, _err = run(capsys, "--db", str(path), "meeting", "item", "add", "1")
    assert code == 2
