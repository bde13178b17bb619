"""``backlog list``, ``backlog add-to`` and ``backlog park``: a group's waiting items."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.backlog import BACKLOG_REASON_LABELS
from kastedesk.formatting import format_date
from kastedesk.i18n import _
from kastedesk.services import backlog

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    parser = commands.root.add_parser(
        "backlog", help=_("a group's tabled, postponed and parked items waiting for a meeting")
    )
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    p = actions.add_parser("list", help=_("the items waiting for a meeting, oldest first"))
    p.add_argument("--group", type=int, required=True, metavar=_("ID"), help=_("the group"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list)

    p = actions.add_parser(
        "add-to",
        help=_('put a waiting item on the meeting\'s agenda before "other matters"; '
               "prints its § number"),
    )  # fmt: skip
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--item", type=int, metavar="ITEM_ID", help=_("a tabled or postponed agenda item")
    )
    which.add_argument("--parked", type=int, metavar=_("ID"), help=_("a parked item"))
    p.set_defaults(func=cmd_add_to)

    p = actions.add_parser("park", help=_("keep a new item for a later meeting; prints its id"))
    p.add_argument("--group", type=int, required=True, metavar=_("ID"), help=_("the group"))
    p.add_argument("--title-fi", default="", metavar=_("TEXT"), help=_("title in Finnish"))
    p.add_argument("--title-sv", default="", metavar=_("TEXT"), help=_("title in Swedish"))
    p.add_argument("--proposal-fi", default="", metavar=_("TEXT"), help=_("proposal in Finnish"))
    p.add_argument("--proposal-sv", default="", metavar=_("TEXT"), help=_("proposal in Swedish"))
    p.set_defaults(func=cmd_park)


def cmd_list(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        entries = backlog.group_backlog(db, args.group)
    if args.json:
        print_json(
            [
                {
                    "kind": e.key[0],
                    "id": e.id,
                    "reason": e.reason,
                    "title_fi": e.title_fi,
                    "title_sv": e.title_sv,
                    "meeting_id": e.meeting_id,
                    "handled_on": e.handled_on,
                    "section": e.section,
                    "reference_fi": e.reference("fi"),
                    "reference_sv": e.reference("sv"),
                }
                for e in entries
            ]
        )
        return 0
    print_table(
        [_("Kind"), _("Id"), _("Why"), _("Handled"), _("Title")],
        [
            (
                e.key[0],
                e.id,
                _(BACKLOG_REASON_LABELS[e.reason]),
                f"{format_date(e.handled_on)} § {e.section}" if e.handled_on else "",
                e.title_fi or e.title_sv,
            )
            for e in entries
        ],
    )
    return 0


def cmd_add_to(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        taken = backlog.add_to_agenda(db, args.meeting, item_id=args.item, parked_id=args.parked)
    print(taken.section)
    return 0


def cmd_park(args: argparse.Namespace) -> int:
    fields = backlog.ParkedFields(
        title_fi=args.title_fi,
        title_sv=args.title_sv,
        proposal=args.proposal_fi,
        proposal_sv=args.proposal_sv,
    )
    with database_from_args(args) as db:
        parked = backlog.park_item(db, args.group, fields)
    print(parked)
    return 0
