"""``meeting new`` and ``meeting item add``: plan a meeting and its own items from a script."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from kastedesk.cli import vote_commands
from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.formatting import parse_date, parse_time
from kastedesk.i18n import _
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.services.registry import list_groups

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    meeting = commands.root.add_parser("meeting", help=_("plan a meeting and its items"))
    actions = meeting.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    p = actions.add_parser(
        "new", help=_("create the group's next numbered meeting with its standard items")
    )
    p.add_argument("--group", type=int, required=True, metavar=_("ID"), help=_("the group"))
    p.add_argument("--date", required=True, metavar="D.M.YYYY", help=_("the meeting's date"))
    p.add_argument("--start", required=True, metavar="H.MM", help=_("starting time"))
    p.add_argument("--end", metavar="H.MM", help=_("closing time"))
    p.add_argument("--place", default="", metavar=_("TEXT"), help=_("where the meeting is held"))
    p.set_defaults(func=cmd_meeting_new)

    p = actions.add_parser("item", help=_("the meeting's own agenda items"))
    item_actions = p.add_subparsers(dest="item_action", metavar=_("ACTION"), required=True)
    p = item_actions.add_parser(
        "add", help=_('add an own item before "other matters"; prints its § number')
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--title-fi", required=True, metavar=_("TEXT"), help=_("title in Finnish"))
    p.add_argument("--title-sv", default="", metavar=_("TEXT"), help=_("title in Swedish"))
    p.add_argument("--proposal-fi", default="", metavar=_("TEXT"), help=_("proposal in Finnish"))
    p.add_argument("--proposal-sv", default="", metavar=_("TEXT"), help=_("proposal in Swedish"))
    p.set_defaults(func=cmd_item_add)
    vote_commands.register_item_actions(item_actions)  # disqualify, vote


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(
            _("{text} is not a date; write it as 23.9.2014.").format(text=text)
        ) from None


def _time(text: str | None) -> dt.time | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError:
        raise CommandError(
            _("{text} is not a time; write it as 12.30.").format(text=text)
        ) from None


def cmd_meeting_new(args: argparse.Namespace) -> int:
    fields = svc.MeetingFields(
        date=_date(args.date), start=_time(args.start), end=_time(args.end), place=args.place
    )
    with database_from_args(args) as db:
        if args.group not in {g.id for g in list_groups(db)}:
            raise CommandError(_("No group with id {id}.").format(id=args.group))
        meeting_id = svc.create_meeting(db, args.group, fields)
    print(meeting_id)
    return 0


def cmd_item_add(args: argparse.Namespace) -> int:
    fields = svc.ItemFields(
        title_fi=args.title_fi,
        title_sv=args.title_sv,
        proposal=args.proposal_fi,
        proposal_sv=args.proposal_sv,
    )
    with database_from_args(args) as db:
        try:
            get_meeting(db, args.meeting)
        except LookupError:
            raise CommandError(
                _("There is no meeting with id {id}.").format(id=args.meeting)
            ) from None
        item_id = svc.add_item(db, args.meeting, fields)
        section = next(i.section for i in get_meeting(db, args.meeting).items if i.id == item_id)
    print(section)
    return 0
