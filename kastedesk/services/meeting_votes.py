"""Conflicts of interest and votes of one agenda item (§).

The disqualified members of a § are guarded by the item's row version (the
set is saved as a whole and moves the item's version on); a vote has a row
version of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy.orm import Session

from kastedesk.domain.validation import ValidationError
from kastedesk.domain.votes import (
    VoteInput,
    Voter,
    counted,
    disqualification_errors,
    section_voters,
    vote_errors,
)
from kastedesk.i18n import _
from kastedesk.services.meeting_access import ensure_unlocked
from kastedesk.services.meeting_views import load_meeting_for_reading, meeting_detail
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.models.meetings import AgendaItem
from kastedesk.storage.models.votes import ItemDisqualification, ItemVote, VoteBallot
from kastedesk.storage.versions import check_version


def _item_and_voters(
    session: Session, item_id: int, disqualified: Collection[int] | None = None
) -> tuple[AgendaItem, list[Voter], tuple[str, ...]]:
    """The item (of an unlocked meeting), its meeting's attendance as the § sees it
    (with *disqualified*, else the stored disqualifications) and the document languages."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise ValidationError({"": _("The agenda item no longer exists.")})
    ensure_unlocked(item.meeting)
    meeting = load_meeting_for_reading(session, item.meeting_id)
    assert meeting is not None
    detail = meeting_detail(session, meeting)
    if disqualified is None:
        disqualified = {d.attendance_id for d in item.disqualifications}
    people = [(row.attendee, row.name) for row in detail.attendance]
    voters = section_voters(people, item.section, disqualified)
    return item, voters, meeting.languages.codes


def _touch(item: AgendaItem) -> None:
    """Move the item's row version on: its disqualified members changed."""
    item.updated_at = dt.datetime.now(dt.UTC)


def set_disqualified(
    db: Database,
    item_id: int,
    attendance_ids: Collection[int],
    expected_version: int | None = None,
) -> int:
    """Record exactly these attendance rows as disqualified from the §; the item's new version."""
    wanted = set(attendance_ids)
    with db.session() as session:
        item, voters, _languages = _item_and_voters(session, item_id, disqualified=())
        check_version(item, expected_version, f"{item.section} §")
        if problems := disqualification_errors(wanted, voters):
            raise ValidationError(problems)
        if item.vote is not None and item.vote.by_name:
            names = {v.key: v.name for v in voters}
            for ballot in item.vote.ballots:
                if ballot.attendance_id in wanted:
                    raise ValidationError(
                        {
                            "disqualified": _(
                                "{name} has a vote recorded in this item; "
                                "change the vote first."
                            ).format(name=names.get(ballot.attendance_id, "?"))
                        }
                    )
        have = {d.attendance_id: d for d in item.disqualifications}
        if set(have) == wanted:
            return item.row_version
        for key, row in have.items():
            if key not in wanted:
                item.disqualifications.remove(row)
        for key in sorted(wanted - set(have)):
            item.disqualifications.append(ItemDisqualification(attendance_id=key))
        _touch(item)
        session.flush()
        return item.row_version


def save_vote(
    db: Database, item_id: int, vote: VoteInput, expected_version: int | None = None
) -> int:
    """Record the §'s vote (a new one, or over the one at *expected_version*); its version.

    *expected_version* None: a new vote, or a deliberate overwrite.
    """
    with db.session() as session:
        item, voters, languages = _item_and_voters(session, item_id)
        stored = item.vote
        if stored is not None:
            check_version(stored, expected_version, _("The vote of § {section}").format(
                section=item.section
            ))
        elif expected_version is not None:
            raise RecordChangedError(
                _(
                    "The vote of § {section} was removed by someone else after you opened it."
                ).format(section=item.section),
                current_version=0,
            )
        if problems := vote_errors(vote, voters, languages):
            raise ValidationError(problems)
        if stored is None:
            stored = ItemVote()
            item.vote = stored
        stored.yes_motion_fi = (vote.yes_motion.get("fi") or "").strip()
        stored.yes_motion_sv = (vote.yes_motion.get("sv") or "").strip()
        stored.no_motion_fi = (vote.no_motion.get("fi") or "").strip()
        stored.no_motion_sv = (vote.no_motion.get("sv") or "").strip()
        stored.by_name = vote.by_name
        if vote.by_name:
            yes, no, abstain = counted(vote.ballots)
            have = {b.attendance_id: b for b in stored.ballots}
            for key, ballot in have.items():
                if key not in vote.ballots:
                    stored.ballots.remove(ballot)
            for key, choice in vote.ballots.items():
                if key in have:
                    have[key].choice = choice
                else:
                    stored.ballots.append(VoteBallot(attendance_id=key, choice=choice))
        else:
            yes, no, abstain = vote.yes, vote.no, vote.abstain
            stored.ballots.clear()
        stored.yes_count, stored.no_count, stored.abstain_count = yes, no, abstain
        stored.tie_winner = vote.tie_winner if yes == no else None
        session.flush()
        return stored.row_version


def remove_vote(db: Database, item_id: int, expected_version: int | None = None) -> None:
    """The § had no vote after all."""
    with db.session() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise ValidationError({"": _("The agenda item no longer exists.")})
        ensure_unlocked(item.meeting)
        if item.vote is None:
            return
        check_version(
            item.vote, expected_version, _("The vote of § {section}").format(section=item.section)
        )
        item.vote = None
