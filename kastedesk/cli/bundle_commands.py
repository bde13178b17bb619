"""``bundle export`` and ``bundle import``: feedback between offline laptops."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.formatting import format_count
from kastedesk.i18n import _

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups

# The bundle code is imported by these two commands only: the others start without it.


def register(commands: CommandGroups) -> None:
    bundle = commands.root.add_parser(
        "bundle", help=_("exchange workshops and feedback with other laptops")
    )
    sub = bundle.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = sub.add_parser("export", help=_("write workshops, forms and responses to a bundle file"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument(
        "--workshop",
        type=int,
        action="append",
        metavar="ID",
        help=_("only this workshop (repeat for more); default: all"),
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help=_("only what changed since this database's last export"),
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=_("merge a bundle file into the database"))
    p.add_argument("file", type=Path, metavar=_("FILE"), help=_("the bundle to import"))
    p.add_argument("--dry-run", action="store_true", help=_("only show what would happen"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    from kastedesk.services.bundles.exporter import export_bundle
    from kastedesk.services.bundles.report import export_summary_text

    with database_from_args(args) as db:
        summary = export_bundle(db, args.out, args.workshop, args.since_last)
    print(export_summary_text(summary))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kastedesk.services.bundles import BundleError, import_bundle
    from kastedesk.services.bundles.report import (
        over_participants_lines,
        report_headers,
        report_json,
        report_rows,
        summary_lines,
    )

    with database_from_args(args) as db:
        try:
            plan = import_bundle(db, args.file, dry_run=args.dry_run)
        except BundleError as exc:
            raise CommandError(str(exc)) from exc
    if args.json:
        print_json({**report_json(plan), "dry_run": args.dry_run})
        return 0
    if args.dry_run:
        print(_("Dry run: nothing was changed. The import would do this:"))
    print_table(
        report_headers(),
        [
            (r.label, *map(format_count, (r.workshops, r.forms, r.responses, r.evaluation)))
            for r in report_rows(plan)
        ],
    )
    for line in summary_lines(plan):
        print(line)
    over = over_participants_lines(plan)
    if over:
        print(_("More responses than participants after the import:"))
        for line in over:
            print(line)
    if plan.conflicts and not args.dry_run:
        print(_("Conflicts are kept for you to choose: Feedback tab → Conflicts in the window."))
    return 0
