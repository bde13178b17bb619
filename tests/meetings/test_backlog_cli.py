"""``kastedesk backlog list|add-to|park``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from meeting_registry import build_registry

from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.meetings.test_meeting_cli import run


def _tabled_item(path: Path) -> tuple[int, int, int]:
    """A group, its meeting of 23.9.2014 with § 7 tabled, and its next meeting."""
    db = open_database(resolve_url(path))
    try:
        with db.session() as session:
            group = build_registry(session).group_id
        first = svc.create_meeting(db, group, svc.MeetingFields(date=dt.date(2014, 9, 23)))
        item = svc.add_item(
            db, first, svc.ItemFields("Talousraportti", "Ekonomisk rapport", outcome="tabled")
        )
        second = svc.create_meeting(db, group, svc.MeetingFields(date=dt.date(2014, 10, 21)))
        return group, item, second
    finally:
        db.dispose()


def test_list_add_to_and_park_from_a_script(capsys, tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    group, item, second = _tabled_item(path)
    base = ["--db", str(path), "backlog"]
    code, out, err = run(capsys, *base, "park", "--group", str(group), "--title-fi", "Koulutus")
    assert (code, err) == (0, "")
    parked = int(out)
    code, out, err = run(capsys, *base, "list", "--group", str(group), "--json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [(e["kind"], e["id"], e["reason"]) for e in listed] == [
        ("item", item, "tabled"), ("parked", parked, "parked"),
    ]  # fmt: skip
    assert listed[0]["handled_on"] == "2014-09-23" and listed[0]["section"] == 7
    assert listed[0]["reference_fi"] == "Asia on pöydätty 23.9.2014 § 7."
    assert listed[0]["reference_sv"] == "Ärendet bordlades 23.9.2014 § 7."
    code, out, err = run(capsys, *base, "list", "--group", str(group))
    assert code == 0 and "23.9.2014 § 7" in out and "Koulutus" in out and "tabled" in out

    code, out, err = run(capsys, *base, "add-to", str(second), "--item", str(item))
    assert (code, out, err) == (0, "7\n", "")
    code, out, err = run(capsys, *base, "add-to", str(second), "--parked", str(parked))
    assert (code, out, err) == (0, "8\n", "")
    db = open_database(resolve_url(path))
    try:
        items = get_meeting(db, second).items
    finally:
        db.dispose()
    assert items[6].background.startswith("Asia on pöydätty 23.9.2014 § 7.")
    assert items[7].title_fi == "Koulutus" and items[8].kind == "other_matters"
    code, out, err = run(capsys, *base, "list", "--group", str(group), "--json")
    assert json.loads(out) == []


def test_failures_are_one_line_and_usage_errors_exit_2(capsys, tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    group, item, second = _tabled_item(path)
    base = ["--db", str(path), "backlog"]
    code, out, err = run(capsys, *base, "add-to", str(second), "--item", "9999")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, *base, "add-to", str(second), "--item", str(item))
    assert code == 0
    code, _out, err = run(capsys, *base, "add-to", str(second), "--item", str(item))
    assert code == 1 and "already" in err and "Traceback" not in err
    code, _out, err = run(capsys, *base, "list", "--group", "9999")
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _out, _err = run(capsys, *base, "park", "--group", str(group))
    assert code == 1  # no title
    code, _out, _err = run(capsys, *base, "add-to", str(second))
    assert code == 2  # --item or --parked is required
