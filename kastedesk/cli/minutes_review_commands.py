"""``minutes-review``: checkers, sending for checking, each checker's answer, approval, reopening.

The same steps as the Minutes tab's "Minutes checking" box, through the same
service; a step out of turn or a bad date exits 1 with the reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.minutes_review import CheckerState, MinutesReview, review_summary
from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import _
from kastedesk.services import meetings as svc
from kastedesk.services import minutes_review as review
from kastedesk.services.meeting_checkers import rota_suggestion
from kastedesk.services.meeting_views import get_meeting

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups
    from kastedesk.storage.database import Database


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it as 23.9.2014.").format(text=text)
        ) from None


def register(commands: CommandGroups) -> None:
    root = commands.root.add_parser(
        "minutes-review", help=_("check and approve a meeting's minutes (see: minutes-review -h)")
    )
    steps = root.add_subparsers(dest="step", metavar=_("STEP"), required=True)

    p = steps.add_parser("show", help=_("where the checking of the minutes stands"))
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_show)

    p = steps.add_parser("checkers", help=_("choose the two minutes checkers"))
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--rota", action="store_true", help=_("the next two members present in turn")
    )
    who.add_argument(
        "--people", type=int, nargs=2, metavar=("PERSON_ID", "PERSON_ID"),
        help=_("the two checkers"),
    )  # fmt: skip
    p.set_defaults(func=cmd_checkers)

    p = steps.add_parser("send", help=_("mark the minutes sent to the checkers"))
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--date", type=_date, metavar="D.M.YYYY", help=_("default: today"))
    p.set_defaults(func=cmd_send)

    p = steps.add_parser(
        "check", help=_("record that a checker checked the minutes, or their comment")
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--checker", type=int, required=True, metavar="PERSON_ID")
    p.add_argument(
        "--date", type=_date, metavar="D.M.YYYY",
        help=_("the day they checked (default: today, unless only a comment is given)"),
    )  # fmt: skip
    p.add_argument("--comment", default="", metavar=_("TEXT"), help=_("the checker's comment"))
    p.set_defaults(func=cmd_check)

    p = steps.add_parser(
        "approve", help=_("approve the checked minutes on the date given; locks the meeting")
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--date", type=_date, required=True, metavar="D.M.YYYY")
    p.set_defaults(func=cmd_approve)

    p = steps.add_parser(
        "reopen", help=_("back to a draft; approved minutes need a reason (kept in the history)")
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--reason", default="", metavar=_("TEXT"))
    p.set_defaults(func=cmd_reopen)


def review_json(state: MinutesReview) -> dict[str, object]:
    """The minutes' checking as plain values (also in ``list meetings --json``)."""
    return {
        "state": state.state.value,
        "sent_on": state.sent_on,
        "approved_on": state.approved_on,
        "checkers": [
            {
                "person_id": c.person_id,
                "state": c.state.value,
                "checked_on": c.checked_on,
                "comment": c.comment,
            }
            for c in state.checkers
            if c.person_id is not None
        ],
    }


def _print_state(db: Database, meeting_id: int) -> None:
    print(review_summary(review.get_review(db, meeting_id)))


def cmd_show(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        state = review.get_review(db, args.meeting)
        names = {p.id: p.name for p in get_meeting(db, args.meeting).people}
    if args.json:
        print_json(review_json(state))
        return 0
    print(review_summary(state))
    labels = {
        CheckerState.WAITING: _("waiting"),
        CheckerState.COMMENTED: _("commented"),
        CheckerState.CHECKED: _("checked"),
    }
    rows = [
        (c.person_id, names.get(c.person_id, ""), labels[c.state], format_date(c.checked_on),
         c.comment)
        for c in state.checkers
        if c.person_id is not None
    ]  # fmt: skip
    if rows:
        print_table([_("Id"), _("Checker"), _("State"), _("Checked"), _("Comment")], rows)
    return 0


def cmd_checkers(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        if args.rota:
            first, second = rota_suggestion(db, args.meeting)
            if first is None or second is None:
                raise CommandError(
                    _("Mark who is present first: checkers are chosen from them.")
                )
        else:
            first, second = args.people
        svc.set_checkers(db, args.meeting, first, second)
        names = {p.id: p.name for p in get_meeting(db, args.meeting).people}
    chosen = ", ".join(names.get(p, str(p)) for p in (first, second))
    print(_("Minutes checkers: {names}").format(names=chosen))
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        review.send_for_checking(db, args.meeting, args.date or dt.date.today())
        _print_state(db, args.meeting)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    on = args.date
    if on is None and not args.comment.strip():
        on = dt.date.today()
    with database_from_args(args) as db:
        review.record_check(db, args.meeting, args.checker, on, args.comment)
        _print_state(db, args.meeting)
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        review.approve(db, args.meeting, args.date)
        _print_state(db, args.meeting)
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        review.reopen(db, args.meeting, args.reason)
        _print_state(db, args.meeting)
    return 0
