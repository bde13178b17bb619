"""``list projects|groups|members``, ``members import|export`` and ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.regions import region_name
from kastedesk.domain.registry import GROUP_KIND_LABELS, ROLE_LABELS
from kastedesk.formatting import format_count, format_date
from kastedesk.i18n import _, current_language
from kastedesk.services import demo, member_export, member_import, registry
from kastedesk.services.table_files import TableFileError, read_table

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    kinds = commands.list_kinds()
    p = kinds.add_parser("projects", help=_("projects"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list_projects)

    p = kinds.add_parser("groups", help=_("groups of all projects"))
    p.add_argument("--project", type=int, metavar="ID", help=_("only this project's groups"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list_groups)

    p = kinds.add_parser("members", help=_("memberships with their people"))
    p.add_argument("--group", type=int, metavar="ID", help=_("only this group's members"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list_members)

    members = commands.root.add_parser("members", help=_("import or export a group's people"))
    actions = members.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = actions.add_parser("import", help=_("add people to a group from .xlsx or .csv"))
    p.add_argument("file", type=Path, metavar=_("FILE"))
    p.add_argument("--group", type=int, metavar="ID", required=True, help=_("the group"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would happen; change nothing")
    )
    p.set_defaults(func=cmd_members_import)
    p = actions.add_parser("export", help=_("write a group's people to .xlsx or .csv"))
    p.add_argument("--group", type=int, metavar="ID", required=True, help=_("the group"))
    p.add_argument("out", type=Path, metavar=_("OUT"), help=_("file to write (.xlsx or .csv)"))
    p.add_argument("--active", action="store_true", help=_("leave out ended memberships"))
    p.set_defaults(func=cmd_members_export)

    p = commands.root.add_parser("demo", help=_("fill an empty database with fictional demo data"))
    p.set_defaults(func=cmd_demo)


def cmd_list_projects(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        projects = registry.list_projects(db)
    if args.json:
        print_json([vars(p) for p in projects])
    else:
        lang = current_language()
        print_table(
            [_("Id"), _("Short name"), _("Name"), _("Start date"), _("End date")],
            [
                (p.id, p.short_name, p.name(lang), *map(format_date, (p.start_date, p.end_date)))
                for p in projects
            ],
        )
    return 0


def cmd_list_groups(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        groups = registry.list_groups(db, args.project)
    if args.json:
        print_json(
            [
                {
                    "id": g.id,
                    "project_id": g.project_id,
                    "project": g.project,
                    "name_fi": g.name_fi,
                    "name_sv": g.name_sv,
                    "kind": g.kind,
                    "quorum_rule": g.quorum_rule,
                    "quorum_min": g.quorum_min,
                    "languages": g.languages,
                    "minutes_style": g.minutes_style,
                }
                for g in groups
            ]
        )
    else:
        lang = current_language()
        print_table(
            [_("Id"), _("Project"), _("Group"), _("Kind")],
            [
                (g.id, g.project, g.name(lang), _(GROUP_KIND_LABELS[g.kind]))
                for g in groups
            ],
        )
    return 0


def cmd_list_members(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        if args.group is not None:
            registry.get_group(db, args.group)
        rows = registry.member_rows(db, args.group)
    if args.json:
        print_json(
            [
                {
                    "id": r.membership_id,
                    "person_id": r.person_id,
                    "group_id": r.group_id,
                    "first_name": r.first_name,
                    "last_name": r.last_name,
                    "role": r.role.value,
                    "deputy_of": r.deputy_of_id,
                    "title": r.title,
                    "organisation": r.organisation,
                    "municipality": r.municipality,
                    "region": r.region,
                    "email": r.email,
                    "phone": r.phone,
                    "language": r.language,
                    "start_date": r.start_date,
                    "end_date": r.end_date,
                }
                for r in rows
            ]
        )
    else:
        lang = current_language()
        print_table(
            [_("Id"), _("Group"), _("Name"), _("Role"), _("Organisation"), _("Region"), _("Email")],
            [
                (r.membership_id, r.group_id, f"{r.last_name} {r.first_name}",
                 _(ROLE_LABELS[r.role]), r.organisation, region_name(r.region, lang), r.email)
                for r in rows
            ],
        )  # fmt: skip
    return 0


def cmd_members_import(args: argparse.Namespace) -> int:
    try:
        table = read_table(args.file)
    except TableFileError as exc:
        raise CommandError(str(exc)) from exc
    mapping = member_import.guess_mapping(table.headers)
    with database_from_args(args) as db:
        if args.dry_run:
            plan = member_import.preview_import(db, args.group, table, mapping)
        else:
            plan = member_import.run_import(db, args.group, table, mapping)
    for line in member_import.report_lines(plan):
        print(line)
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
    return 0


def cmd_members_export(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError(_("The file name must end in .xlsx or .csv."))
    with database_from_args(args) as db:
        registry.get_group(db, args.group)
        count = member_export.export_members(
            db, args.group, args.out, current_language(), include_ended=not args.active
        )
    print(_("Wrote {count} people to {path}").format(count=format_count(count), path=args.out))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        demo.load_demo(db)
        label = db.label
    print(_("Demo data loaded into {database}").format(database=label))
    return 0
