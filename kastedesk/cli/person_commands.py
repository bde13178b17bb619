"""``person export`` and ``person erase``: one person's personal data (GDPR)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.atomic_files import FileWriteError
from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.i18n import _
from kastedesk.services.personal_data import (
    erase_person,
    erasure_report_lines,
    write_person_export,
)

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    person = commands.root.add_parser(
        "person", help=_("one person's personal data: export or erase it")
    )
    sub = person.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = sub.add_parser("export", help=_("write everything stored about a person to a JSON file"))
    p.add_argument("person_id", type=int, metavar=_("PERSON_ID"), help=_("the person's id"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "erase",
        help=_("remove a person's contact details and name (approved minutes keep theirs)"),
    )
    p.add_argument("person_id", type=int, metavar=_("PERSON_ID"), help=_("the person's id"))
    p.set_defaults(func=cmd_erase)


def cmd_export(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        try:
            write_person_export(db, args.person_id, args.out)
        except FileWriteError as exc:
            raise CommandError(str(exc)) from exc
    print(
        _("Personal data of person {id} written to {path}").format(id=args.person_id, path=args.out)
    )
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        report = erase_person(db, args.person_id)
    for line in erasure_report_lines(report):
        print(line)
    return 0
