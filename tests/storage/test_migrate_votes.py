"""Migration 0015 (votes and disqualification): down and up again with data in place."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from kastedesk.domain.votes import VoteChoice, VoteInput
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meeting_votes as votes
from kastedesk.services.meeting_views import get_meeting, list_meetings
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import open_database
from tests.db_support import migrate_file

NEW_TABLES = {"item_disqualification", "item_vote", "vote_ballot"}
KEPT = ("meeting", "agenda_item", "attendance", "action_item", "person")


def _counts(path: Path) -> dict[str, int]:
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as c:
        tables = set(inspect(c).get_table_names())
        counts = {t: c.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in KEPT}
        counts |= {t: -1 for t in NEW_TABLES - tables}  # -1: the table is not there
        counts |= {
            t: c.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
            for t in NEW_TABLES & tables
        }
    engine.dispose()
    return counts


def _vote_on_an_unapproved_meeting(db) -> tuple[int, int]:
    meeting = next(m for m in list_meetings(db) if m.status.value != "approved")
    detail = get_meeting(db, meeting.id)
    item = detail.items[-1]
    voters = [a for a in detail.attendance if a.role is not None and a.role.value == "member"][:4]
    for row in voters:
        attendance.set_attendance(db, row.id, attendance.AttendanceFields(present=True))
    votes.set_disqualified(db, item.id, [voters[0].id])
    votes.save_vote(
        db,
        item.id,
        VoteInput(
            {lang: "Esittelijän ehdotus" for lang in ("fi", "sv")},
            {lang: "Muutosehdotus" for lang in ("fi", "sv")},
            by_name=True,
            ballots={voters[1].id: VoteChoice.YES, voters[2].id: VoteChoice.NO,
                     voters[3].id: VoteChoice.YES},
        ),
    )  # fmt: skip
    return meeting.id, item.id


def test_0015_goes_down_and_up_keeping_every_other_row(demo_data_file: Path) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    db = open_database(resolve_url(path))
    _vote_on_an_unapproved_meeting(db)
    db.dispose()
    with_votes = _counts(path)
    assert (with_votes["item_disqualification"], with_votes["item_vote"]) == (1, 1)
    assert with_votes["vote_ballot"] == 3

    migrate_file(path, "0014", downgrade=True)  # the revision before 0015
    down = _counts(path)
    assert {t: down[t] for t in NEW_TABLES} == {t: -1 for t in NEW_TABLES}
    assert {t: down[t] for t in KEPT} == {t: with_votes[t] for t in KEPT}

    db = open_database(resolve_url(path))  # upgrades to the head again
    try:
        up = _counts(path)
        assert {t: up[t] for t in NEW_TABLES} == dict.fromkeys(NEW_TABLES, 0)
        assert {t: up[t] for t in KEPT} == {t: with_votes[t] for t in KEPT}
        meeting_id, item_id = _vote_on_an_unapproved_meeting(db)  # the tables work
        item = next(i for i in get_meeting(db, meeting_id).items if i.id == item_id)
        assert item.vote is not None and (item.vote.yes, item.vote.no) == (2, 1)
        assert len(item.disqualified) == 1
    finally:
        db.dispose()
