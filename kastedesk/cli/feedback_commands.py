"""``list workshops`` and ``feedback summary|export|report|blank``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.periods import Period, parse_period
from kastedesk.domain.regions import find_region
from kastedesk.formatting import format_count, format_date, format_mean, format_percent
from kastedesk.i18n import _, current_language, document_language
from kastedesk.services.feedback_export import FORMATS, export_responses
from kastedesk.services.feedback_results import (
    ResultFilter,
    compare_periods,
    over_participants_text,
    period_results_json,
    summarize,
    summary_as_json,
)
from kastedesk.services.workshops import WorkshopFilter, list_workshops

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from kastedesk.cli.main import CommandGroups
    from kastedesk.services.feedback_report import ChartRenderer

# Blank forms (python-docx) and the response import (the bundle records) are imported
# by their commands: every other command starts without them.


def _region(text: str) -> str:
    region = find_region(text)
    if region is None:
        raise argparse.ArgumentTypeError(_("unknown region: {region}").format(region=text))
    return region.code


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workshop", type=int, metavar="ID", help=_("one workshop"))
    p.add_argument("--project", type=int, metavar="ID", help=_("the workshops of one project"))
    p.add_argument(
        "--region", type=_region, metavar=_("REGION"), help=_("region code or name, e.g. 15")
    )
    p.add_argument("--module", metavar=_("CODE"), help=_("module code, e.g. A"))


def _filter(args: argparse.Namespace) -> ResultFilter:
    return ResultFilter(
        workshop_id=args.workshop,
        project_id=args.project,
        region=args.region,
        module=args.module,
    )


def register(commands: CommandGroups) -> None:
    p = commands.list_kinds().add_parser("workshops", help=_("workshops with their feedback"))
    p.add_argument("--project", type=int, metavar="ID", help=_("the workshops of one project"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list_workshops)

    feedback = commands.root.add_parser("feedback", help=_("workshop feedback results"))
    sub = feedback.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = sub.add_parser("summary", help=_("responses and statistics per question"))
    _add_filters(p)
    p.add_argument(
        "--period",
        action="append",
        type=_period,
        metavar=_("FROM..TO"),
        help=_(
            "results of a period by the workshop's date; repeat to compare periods side by side"
        ),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("export", help=_("raw responses as .xlsx or .csv"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    _add_filters(p)
    p.add_argument("--lang", choices=("fi", "sv"), help=_("language of the headings"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help=_("results report as .docx"))
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    _add_filters(p)
    p.add_argument("--lang", choices=("fi", "sv"), help=_("language of the report"))
    p.add_argument("--no-charts", action="store_true", help=_("tables only, without charts"))
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "import", help=_("responses from a spreadsheet (.xlsx or .csv) into a workshop")
    )
    p.add_argument("file", type=Path, metavar=_("FILE"))
    p.add_argument("--workshop", type=int, required=True, metavar="ID", help=_("the workshop"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would be imported"))
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar=_("N=HEADER"),
        help=_("read question N from the column HEADER (remembered for the form)"),
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("blank", help=_("blank feedback forms to print, as .docx or .pdf"))
    p.add_argument("workshop", type=int, metavar="WORKSHOP_ID")
    p.add_argument(
        "-o", "--out", required=True, type=Path, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument(
        "--lang",
        choices=("fi", "sv", "fi+sv"),
        help=_("language of the form; default: the workshop's"),
    )
    p.add_argument(
        "--copies", type=int, default=1, metavar="N", help=_("copies, each on its own page")
    )
    p.set_defaults(func=cmd_blank)


def cmd_list_workshops(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        rows = list_workshops(db, WorkshopFilter(project_id=args.project))
    if args.json:
        print_json(
            [
                {
                    "id": w.id,
                    "project_id": w.project_id,
                    "title": w.title,
                    "module": w.module or None,
                    "region": w.region,
                    "municipality": w.municipality,
                    "date": w.date,
                    "status": w.status.value,
                    "attended": w.attended,
                    "responses": w.responses,
                }
                for w in rows
            ]
        )
        return 0
    lang = current_language()
    print_table(
        [_("Id"), _("Date"), _("Title"), _("Module"), _("Region"), _("Attended"), _("Responses")],
        [
            (
                w.id,
                format_date(w.date),
                w.title,
                w.module,
                w.region_name(lang),
                "" if w.attended is None else format_count(w.attended),
                format_count(w.responses),
            )
            for w in rows
        ],
    )
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    if args.period:
        return _period_summary(args)
    lang = current_language()
    with database_from_args(args) as db:
        summary = summarize(db, _filter(args))
    if args.json:
        print_json(summary_as_json(summary, "sv" if lang == "sv" else "fi"))
        return 0
    print(_("Responses: {count}").format(count=format_count(summary.responses)))
    if summary.over_participants:
        print(over_participants_text(summary))
    for number, q in enumerate(summary.questions, start=1):
        text = q.question.text(lang)
        if q.mean is not None:
            mean = format_mean(q.mean, lang)
            print(
                _("{number}. {question}: mean {mean}").format(
                    number=number, question=text, mean=mean
                )
            )
        else:
            print(f"{number}. {text}")
        for value, count in q.distribution():
            print(f"    {q.question.value_label(value, lang)}: {format_count(count)}")
        for comment in q.comment_lines(lang):
            print(f"    – {comment}")
    return 0


def _period_summary(args: argparse.Namespace) -> int:
    """Two or more periods side by side: per question n, mean and the distribution."""
    lang = current_language()
    with database_from_args(args) as db:
        results = compare_periods(db, _filter(args), args.period)
    if args.json:
        print_json(period_results_json(results, "sv" if lang == "sv" else "fi"))
        return 0
    summaries = results.summaries
    headers = ["", *(p.label(lang) for p in results.periods)]
    rows: list[list[object]] = [[_("Responses"), *(format_count(s.responses) for s in summaries)]]
    keys = list(dict.fromkeys(q.key for s in summaries for q in s.questions))
    for number, key in enumerate(keys, start=1):
        found = [s.question(key) for s in summaries]
        first = next(q for q in found if q is not None)
        rows.append([f"{number}. {first.question.text(lang)}", *[""] * len(found)])
        rows.append(["  n", *(format_count(q.answered if q else 0) for q in found)])
        if first.kind is QuestionKind.SCALE:
            means = [format_mean(q.mean, lang) if q and q.mean is not None else "" for q in found]
            rows.append([f"  {_('Mean')}", *means])
        for value in first.question.values():
            cells = []
            for q in found:
                count = q.counts.get(value, 0) if q else 0
                total = q.answered if q else 0
                cells.append(f"{format_count(count)} ({format_percent(count, total, lang)})")
            rows.append([f"  {first.question.value_label(value, lang)}", *cells])
    print_table(headers, rows)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in FORMATS:
        raise CommandError(_("The export file must end in .xlsx or .csv."))
    with database_from_args(args) as db:
        count = export_responses(db, args.out, _filter(args), document_language(args.lang))
    print(_("{count} responses written to {path}").format(count=format_count(count), path=args.out))
    return 0


def qt_chart_renderer() -> tuple[QCoreApplication, ChartRenderer]:
    """Draw charts with Qt without a window (QT_QPA_PLATFORM=offscreen when unset)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kastedesk.ui.feedback.charts import render_png

    app = QApplication.instance() or QApplication(["kastedesk"])
    return app, render_png


def cmd_report(args: argparse.Namespace) -> int:
    from kastedesk.services.feedback_report import export_report

    if args.out.suffix.lower() != ".docx":
        raise CommandError(_("The report file must end in .docx."))
    render = None
    if not args.no_charts:
        _app, render = qt_chart_renderer()
    lang = document_language(args.lang)
    with database_from_args(args) as db:
        data = export_report(db, args.out, _filter(args), lang, render=render)
    print(
        _("Report of {count} responses written to {path}").format(
            count=format_count(data.summary.responses), path=args.out
        )
    )
    return 0


def cmd_blank(args: argparse.Namespace) -> int:
    from kastedesk.services.blank_forms import write_blank_forms
    from kastedesk.services.pdf_export import PdfUnavailable

    languages = tuple(args.lang.split("+")) if args.lang else None
    with database_from_args(args) as db:
        try:
            write_blank_forms(db, args.workshop, args.out, languages, args.copies)
        except PdfUnavailable as exc:
            raise CommandError(str(exc)) from exc
    print(_("Written: {path}").format(path=args.out))
    return 0


def _column_mapping(
    choices: list[str], headers: list[str], questions: int, start: list[int | None]
) -> list[int | None]:
    mapping = list(start)
    for choice in choices:
        number, equals, header = choice.partition("=")
        if not equals or not number.strip().isdigit():
            raise CommandError(_("Write a column choice as N=HEADER, e.g. 3=Arvosana."))
        position = int(number) - 1
        if not 0 <= position < questions:
            raise CommandError(_("The form has no question {number}.").format(number=number))
        wanted = header.strip().casefold()
        found = [n for n, h in enumerate(headers) if h.strip().casefold() == wanted]
        if not wanted:
            mapping[position] = None
        elif not found:
            raise CommandError(_("The file has no column “{header}”.").format(header=header))
        else:
            mapping[position] = found[0]
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from kastedesk.services.response_import import (
        import_responses,
        plan_lines,
        plan_response_import,
        read_responses_file,
    )

    table = read_responses_file(args.file)
    with database_from_args(args) as db:
        plan = plan_response_import(db, args.workshop, table)
        mapping = plan.mapping
        if args.column:
            mapping = _column_mapping(args.column, table.headers, len(mapping), mapping)
            plan = plan_response_import(db, args.workshop, table, mapping)
        if plan.mapped == 0:
            raise CommandError(
                _("No column matches a question of the form; choose them with --column N=HEADER.")
            )
        if not args.dry_run:
            plan = import_responses(db, args.workshop, table, mapping)
    if args.dry_run:
        print(_("Dry run: nothing was changed. The import would do this:"))
    for line in plan_lines(plan):
        print(line)
    return 0
