"""``list meetings`` and ``due``: meetings and their deadlines for scripts and people."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from kastedesk import i18n
from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.minutes_review_commands import review_json
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.deadlines import DUE_SOON_DAYS, DueKind
from kastedesk.domain.meetings import MEETING_STATUS_LABELS
from kastedesk.domain.minutes_review import review_summary
from kastedesk.formatting import format_date, format_time_range
from kastedesk.i18n import _
from kastedesk.services.meeting_views import due_soon, list_meetings
from kastedesk.services.registry import list_groups

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("a whole number of days, 0 or more"))
    return value


def register(commands: CommandGroups) -> None:
    p = commands.list_kinds().add_parser("meetings", help=_("meetings, by date"))
    p.add_argument("--group", type=int, metavar=_("ID"), help=_("only this group's meetings"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list_meetings)

    p = commands.root.add_parser("due", help=_("agendas and attachments due soon, overdue first"))
    p.add_argument(
        "--days",
        type=_days,
        default=DUE_SOON_DAYS,
        metavar=_("N"),
        help=_("look this many days ahead (default: {days})").format(days=DUE_SOON_DAYS),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_due)


def cmd_list_meetings(args: argparse.Namespace) -> int:
    lang = i18n.current_language()
    with database_from_args(args) as db:
        if args.group is not None and args.group not in {g.id for g in list_groups(db)}:
            raise CommandError(_("No group with id {id}.").format(id=args.group))
        rows = list_meetings(db, args.group)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "group_id": r.group_id,
                    "number": r.number,
                    "title": r.title(lang),
                    "date": r.date,
                    "start": r.start,
                    "end": r.end,
                    "place": r.place,
                    "status": r.status.value,
                    "minutes": review_json(r.review),
                    "agenda_due": r.agenda_due,
                    "attachments_due": r.attachments_due,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Date"), _("Time"), _("Title"), _("Status"), _("Agenda due"), _("Minutes")],
        [
            (
                r.id,
                format_date(r.date),
                format_time_range(r.start, r.end),
                r.title(lang),
                _(MEETING_STATUS_LABELS[r.status]),
                format_date(r.agenda_due),
                review_summary(r.review),
            )
            for r in rows
        ],
    )
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with database_from_args(args) as db:
        items = due_soon(db, today, args.days)
        titles = {r.id: r.title(i18n.current_language()) for r in list_meetings(db)}
    if args.json:
        print_json(
            [
                {
                    "meeting_id": i.meeting_id,
                    "group_id": i.group_id,
                    "title": titles.get(i.meeting_id, i.title),
                    "date": i.meeting_date,
                    "kind": i.kind.value,
                    "due": i.due,
                    "overdue": i.overdue,
                }
                for i in items
            ]
        )
        return 0
    if not items:
        print(_("Nothing due within {days} days.").format(days=args.days))
        return 0
    kinds = {DueKind.AGENDA: _("agenda"), DueKind.ATTACHMENTS: _("attachments")}
    print_table(
        [_("Due"), _("What"), _("Meeting"), _("Date"), ""],
        [
            (
                format_date(i.due),
                kinds[i.kind],
                titles.get(i.meeting_id, i.title),
                format_date(i.meeting_date),
                _("overdue") if i.overdue else "",
            )
            for i in items
        ],
    )
    return 0
