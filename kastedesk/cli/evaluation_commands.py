"""``evaluation list|export|import``: the evaluation matrix's rounds from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.regions import region_name
from kastedesk.formatting import format_count, format_date
from kastedesk.i18n import _, current_language, document_language

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups

# The evaluation services (and through them python-docx and the bundle records) are
# imported by these commands only: every other command starts without them.


def register(commands: CommandGroups) -> None:
    evaluation = commands.root.add_parser(
        "evaluation", help=_("the evaluation matrix: rounds, Word and Excel tables")
    )
    sub = evaluation.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = sub.add_parser("list", help=_("evaluation rounds with how many cells are rated"))
    p.add_argument("--project", type=int, metavar="ID", help=_("the rounds of one project"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("export", help=_("a round (or two compared) as .docx or .xlsx"))
    p.add_argument("round", type=int, metavar="ROUND_ID", help=_("the round to export"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument("--lang", choices=("fi", "sv"), help=_("language of the table"))
    p.add_argument(
        "--compare", type=int, metavar="ROUND_ID", help=_("compare with this round of the project")
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=_("ratings from an .xlsx written by evaluation export"))
    p.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx to read"))
    p.add_argument(
        "--round", type=int, required=True, metavar="ROUND_ID", help=_("the round to fill")
    )
    p.add_argument("--dry-run", action="store_true", help=_("only show what would happen"))
    p.set_defaults(func=cmd_import)


def cmd_list(args: argparse.Namespace) -> int:
    from kastedesk.services.evaluation import list_rounds

    with database_from_args(args) as db:
        rounds = list_rounds(db, args.project)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "project_id": r.project_id,
                    "project": r.project_name,
                    "kind": r.kind.value,
                    "name": r.name,
                    "date": r.date,
                    "locked": r.locked,
                    "rated": r.cells_rated,
                }
                for r in rounds
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Project"), _("Round"), _("Date"), _("Locked"), _("Rated")],
        [
            (
                r.id,
                r.project_name,
                r.label().removesuffix(" " + format_date(r.date)) if r.date else r.label(),
                format_date(r.date),
                _("yes") if r.locked else _("no"),
                format_count(r.cells_rated),
            )
            for r in rounds
        ],
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kastedesk.services.evaluation_export import FORMATS, export_round

    if args.out.suffix.lower() not in FORMATS:
        raise CommandError(_("Give a file name ending in .docx or .xlsx."))
    with database_from_args(args) as db:
        path = export_round(db, args.round, args.out, document_language(args.lang), args.compare)
    print(_("Written: {path}").format(path=path))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kastedesk.services.evaluation_import import EvaluationImportError, import_evaluation

    with database_from_args(args) as db:
        try:
            preview = import_evaluation(db, args.file, args.round, dry_run=args.dry_run)
        except EvaluationImportError as exc:
            raise CommandError(str(exc)) from exc
    if args.dry_run:
        print(_("Dry run: nothing was changed. The import would do this:"))
    print(
        _("Cells changed: {changed}, unchanged: {unchanged}").format(
            changed=len(preview.changes), unchanged=preview.unchanged
        )
    )
    for change in preview.changes:
        before = "–" if change.before.rating is None else str(change.before.rating)
        after = "–" if change.after.rating is None else str(change.after.rating)
        region = region_name(change.region, current_language())
        print(f"  {change.row}: {change.measure[:50]} ({region}) {before} → {after}")
    return 0
