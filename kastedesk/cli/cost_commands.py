"""``costs report|import|summary|claim|add-partner|set-budget``: a project's money."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.costs import Line, format_period
from kastedesk.domain.money import format_cents, format_percent
from kastedesk.formatting import format_count, format_datetime
from kastedesk.i18n import _, current_language, document_language
from kastedesk.services import costs as svc

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(_("not a year: {year}").format(year=text))
    return int(text)


def register(commands: CommandGroups) -> None:
    costs = commands.root.add_parser("costs", help=_("a project's budget and realised costs"))
    sub = costs.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    p = sub.add_parser("report", help=_("the cost follow-up as .docx or .xlsx"))
    p.add_argument("project", type=int, metavar="PROJECT_ID", help=_("the project's id"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument("--year", type=_year, metavar=_("YEAR"), help=_("one year only"))
    p.add_argument("--lang", choices=("fi", "sv"), help=_("language of the report"))
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("import", help=_("realised costs from .xlsx or .csv"))
    p.add_argument("file", type=Path, metavar=_("FILE"), help=_("the spreadsheet"))
    p.add_argument("--project", type=int, required=True, metavar="ID", help=_("the project's id"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would be done only"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("summary", help=_("planned, realised and difference"))
    p.add_argument("project", type=int, metavar="PROJECT_ID", help=_("the project's id"))
    p.add_argument("--year", type=_year, metavar=_("YEAR"), help=_("one year only"))
    p.add_argument("--json", action="store_true", help=_("print JSON (amounts in cents)"))
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("claim", help=_("payment claim figures for a period"))
    p.add_argument("project", type=int, metavar="PROJECT_ID", help=_("the project's id"))
    p.add_argument("period", metavar=_("PERIOD"), help=_("e.g. 2026, 1-4/2026 or Q2/2026"))
    p.add_argument("--json", action="store_true", help=_("print JSON (amounts in cents)"))
    p.set_defaults(func=cmd_claim)

    p = sub.add_parser("add-partner", help=_("add an implementing partner to a project"))
    p.add_argument("project", type=int, metavar="PROJECT_ID", help=_("the project's id"))
    p.add_argument("name", metavar=_("NAME"), help=_("the partner's name"))
    p.set_defaults(func=cmd_add_partner)

    p = sub.add_parser("set-budget", help=_("set one budget amount"))
    p.add_argument("project", type=int, metavar="PROJECT_ID", help=_("the project's id"))
    p.add_argument("--partner", required=True, metavar=_("NAME"), help=_("partner name or id"))
    p.add_argument(
        "--category", required=True, metavar=_("NAME"), help=_("cost category name or id")
    )
    p.add_argument("--year", type=_year, required=True, metavar=_("YEAR"), help=_("the year"))
    p.add_argument("amount", metavar=_("AMOUNT"), help=_("e.g. 12 000,00"))
    p.set_defaults(func=cmd_set_budget)


def cmd_report(args: argparse.Namespace) -> int:
    from kastedesk.services.costs_report import REPORT_FORMATS, export_cost_report  # docx

    if args.out.suffix.lower() not in REPORT_FORMATS:
        raise CommandError(_("The report file must end in .docx or .xlsx."))
    lang = document_language(args.lang)
    with database_from_args(args) as db:
        report = export_cost_report(db, args.project, args.out, lang, args.year)
    total = report.follow.total
    print(
        _("Cost follow-up written to {path}: realised {realised} of {planned}.").format(
            path=args.out,
            realised=format_cents(total.realised),
            planned=format_cents(total.planned),
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kastedesk.services.costs_import import preview_import, read_cost_file, run_import

    table = read_cost_file(args.file)
    with database_from_args(args) as db:
        plan = preview_import(db, args.project, table, args.file.name)
        if plan.already_imported_on is not None:
            print(
                _("These rows were imported already on {date}: nothing added.").format(
                    date=format_datetime(plan.already_imported_on)
                )
            )
            return 0
        for row in plan.rejected:
            print(_("row {line}: {reason}").format(line=row.line, reason=row.reason))
        print(
            _("Rows: {accepted} to add ({total}), {rejected} rejected, {empty} empty.").format(
                accepted=len(plan.accepted),
                total=format_cents(plan.total_cents),
                rejected=len(plan.rejected),
                empty=plan.empty_rows,
            )
        )
        if args.dry_run:
            print(_("Nothing was changed (--dry-run)."))
            return 0
        if plan.rejected:
            raise CommandError(
                _("Nothing was imported: {count} rows are rejected.").format(
                    count=len(plan.rejected)
                )
            )
        plan = run_import(db, args.project, table, args.file.name)
    print(_("{count} realised costs added.").format(count=format_count(len(plan.accepted))))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        book = svc.load_book(db, args.project)
    if args.json:
        print_json(svc.summary_as_json(book, args.year))
        return 0
    lang = current_language()
    follow = book.follow_up(args.year)
    headers = [_("Cost category"), _("Planned"), _("Realised"), _("Difference"), "%", ""]

    def row(label: str, line: Line) -> tuple[str, ...]:
        return (
            label,
            format_cents(line.planned),
            format_cents(line.realised),
            format_cents(line.difference),
            format_percent(line.realised, line.planned),
            _("over budget") if line.over_budget else "",
        )

    rows = [row(c.name(lang), follow.by_category.get(c.id, Line())) for c in book.categories]
    rows.append(row(_("Total"), follow.total))
    print_table(headers, rows)
    print()
    headers[0] = _("Partner")
    print_table(headers, [row(p.name, follow.by_partner.get(p.id, Line())) for p in book.partners])
    return 0


def cmd_claim(args: argparse.Namespace) -> int:
    start, end = svc.read_period(args.period)
    with database_from_args(args) as db:
        book = svc.load_book(db, args.project)
    claim = book.claim(start, end)
    lang = current_language()
    if args.json:
        print_json(
            {
                "project_id": book.project_id,
                "start": start,
                "end": end,
                "categories": [
                    {"id": c.id, "name_fi": c.name_fi, "cents": claim.by_category.get(c.id, 0)}
                    for c in book.categories
                ],
                "total": claim.total,
                "funders": [
                    {"kind": f.kind.value, "name_fi": f.name_fi, "cents": claim.split.parts[n]}
                    for n, f in enumerate(book.funding)
                ],
                "unassigned": claim.split.unassigned,
                "left_out": claim.left_out,
            }
        )
        return 0
    print(_("Payment claim {period}").format(period=format_period(start, end)))
    rows = [(c.name(lang), format_cents(claim.by_category.get(c.id, 0))) for c in book.categories]
    rows.append((_("Total"), format_cents(claim.total)))
    rows += [(f.name(lang), format_cents(claim.split.parts[n])) for n, f in enumerate(book.funding)]
    print_table([_("Cost category"), _("Amount")], rows)
    if claim.left_out:
        print(
            _("{count} costs reach over the period's edges and are not counted.").format(
                count=claim.left_out
            )
        )
    return 0


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


_Row = TypeVar("_Row", bound=_Identified)


def _find(rows: Sequence[_Row], text: str, names: Callable[[_Row], Iterable[str | None]]) -> int:
    """The id of the row *text* names: by its id, or by one of its *names* (any case)."""
    if text.isdigit() and any(r.id == int(text) for r in rows):
        return int(text)
    wanted = text.casefold().strip()
    for r in rows:
        if any(n.casefold() == wanted for n in names(r) if n):
            return r.id
    raise CommandError(_("Not found in this project: {name}").format(name=text))


def cmd_add_partner(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        partner_id = svc.add_partner(db, args.project, args.name)
    print(_("Partner added: {name} (id {id})").format(name=args.name, id=partner_id))
    return 0


def cmd_set_budget(args: argparse.Namespace) -> int:
    cents = svc.read_amount(args.amount)
    with database_from_args(args) as db:
        book = svc.load_book(db, args.project)
        partner = _find(book.partners, args.partner, lambda p: (p.name,))
        category = _find(book.categories, args.category, lambda c: (c.name_fi, c.name_sv, c.code))
        svc.save_budget(db, args.project, {(partner, category, args.year): cents})
    print(_("Budget set: {amount}").format(amount=format_cents(cents)))
    return 0
