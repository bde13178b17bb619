"""``meeting item disqualify`` and ``meeting item vote``: a §'s conflicts of interest and vote."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.domain.votes import VoteChoice, VoteInput
from kastedesk.i18n import _
from kastedesk.services import meeting_votes as votes
from kastedesk.services.meeting_views import ItemRow, MeetingDetail, get_meeting
from kastedesk.storage.database import Database

if TYPE_CHECKING:
    from kastedesk.cli.main import Subcommands


def register_item_actions(item_actions: Subcommands) -> None:
    """Added under ``kastedesk meeting item``."""
    p = item_actions.add_parser(
        "disqualify",
        help=_("record who declared a conflict of interest and left while the § was dealt with"),
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--item", type=int, required=True, metavar="§", help=_("the § number"))
    p.add_argument(
        "--person", type=int, action="append", default=[], metavar=_("ID"),
        help=_("a person on the meeting's attendance list (repeatable)"),
    )  # fmt: skip
    p.add_argument(
        "--remove", action="store_true", help=_("take these people off the list instead")
    )
    p.set_defaults(func=cmd_disqualify)

    p = item_actions.add_parser("vote", help=_("record the vote of a §"))
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--item", type=int, required=True, metavar="§", help=_("the § number"))
    p.add_argument(
        "--yes-fi", default="", metavar=_("TEXT"), help=_("what a yes vote stands for, in Finnish")
    )
    p.add_argument(
        "--yes-sv", default="", metavar=_("TEXT"), help=_("what a yes vote stands for, in Swedish")
    )
    p.add_argument(
        "--no-fi", default="", metavar=_("TEXT"), help=_("what a no vote stands for, in Finnish")
    )
    p.add_argument(
        "--no-sv", default="", metavar=_("TEXT"), help=_("what a no vote stands for, in Swedish")
    )
    p.add_argument(
        "--counts",
        type=int,
        nargs="+",
        metavar="N",
        help=_("the result as counts: yes no [blank]"),
    )
    p.add_argument(
        "--ballot",
        action="append",
        default=[],
        metavar="PERSON_ID=yes|no|abstain",
        help=_("one voter's vote, for a vote by name (repeatable)"),
    )
    p.add_argument("--tie", choices=["yes", "no"], help=_("on a tie, the side the chair voted for"))
    p.add_argument("--remove", action="store_true", help=_("remove the §'s vote"))
    p.set_defaults(func=cmd_vote)  # fmt: skip


def _meeting_and_item(db: Database, meeting_id: int, section: int) -> tuple[MeetingDetail, ItemRow]:
    try:
        detail = get_meeting(db, meeting_id)
    except LookupError:
        raise CommandError(_("There is no meeting with id {id}.").format(id=meeting_id)) from None
    item = next((i for i in detail.items if i.section == section), None)
    if item is None:
        raise CommandError(
            _("There is no § {section}: the agenda has {count} items.").format(
                section=section, count=len(detail.items)
            )
        )
    return detail, item


def _row_of(detail: MeetingDetail, person_id: int) -> int:
    row = next((a for a in detail.attendance if a.person_id == person_id), None)
    if row is None:
        raise CommandError(
            _("Person {id} is not on this meeting's attendance list.").format(id=person_id)
        )
    return row.id


def cmd_disqualify(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        detail, item = _meeting_and_item(db, args.meeting, args.item)
        named = {_row_of(detail, person) for person in args.person}
        chosen = set(item.disqualified)
        chosen = chosen - named if args.remove else chosen | named
        votes.set_disqualified(db, item.id, sorted(chosen), item.row_version)
    names = {a.id: a.name for a in detail.attendance}
    print(", ".join(names[key] for key in sorted(chosen, key=lambda k: names[k])) or "–")
    return 0


def _ballot(detail: MeetingDetail, text: str) -> tuple[int, VoteChoice]:
    person, _sep, choice = text.partition("=")
    try:
        return _row_of(detail, int(person)), VoteChoice(choice.strip().lower())
    except ValueError:
        raise CommandError(
            _("{text}: write a ballot as PERSON_ID=yes, =no or =abstain.").format(text=text)
        ) from None


def cmd_vote(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        detail, item = _meeting_and_item(db, args.meeting, args.item)
        expected = item.vote.row_version if item.vote else None
        if args.remove:
            votes.remove_vote(db, item.id, expected)
            return 0
        if bool(args.counts) == bool(args.ballot):
            raise CommandError(_("Give the result either with --counts or with --ballot."))
        counts = [*(args.counts or []), 0, 0, 0]
        if args.counts and len(args.counts) > 3:
            raise CommandError(_("--counts takes yes, no and blank votes: at most three numbers."))
        vote = VoteInput(
            yes_motion={"fi": args.yes_fi, "sv": args.yes_sv},
            no_motion={"fi": args.no_fi, "sv": args.no_sv},
            by_name=bool(args.ballot),
            yes=counts[0],
            no=counts[1],
            abstain=counts[2],
            ballots=dict(_ballot(detail, text) for text in args.ballot),
            tie_winner=VoteChoice(args.tie) if args.tie else None,
        )
        votes.save_vote(db, item.id, vote, expected)
        saved = next(i for i in get_meeting(db, args.meeting).items if i.id == item.id).vote
    assert saved is not None
    print(
        _("Vote: {yes} yes, {no} no, {abstain} blank").format(
            yes=saved.yes, no=saved.no, abstain=saved.abstain
        )
    )
    return 0
