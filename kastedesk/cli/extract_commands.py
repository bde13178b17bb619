"""``extract``: an extract of the minutes (pöytäkirjanote · protokollsutdrag) of § items."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.document_commands import report_missing
from kastedesk.cli.errors import CommandError
from kastedesk.domain.extracts import parse_sections
from kastedesk.formatting import parse_date
from kastedesk.i18n import _

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    p = commands.root.add_parser(
        "extract",
        help=_("write an extract of the minutes of § items (.docx, or .pdf with LibreOffice)"),
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--items", required=True, metavar="7,8", help=_("the § items, e.g. 7,8 or 7-9"))
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument(
        "--lang", metavar="fi|sv|fi+sv", help=_("document language(s); default: the meeting's")
    )
    p.add_argument(
        "--template", type=Path, metavar="T.docx", help=_("the organisation's Word template")
    )
    p.add_argument(
        "--date", metavar="D.M.YYYY", help=_("the date of the certification; default: today")
    )
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help=_("write even when § items lack text in a document language"),
    )
    p.set_defaults(func=cmd_extract)


def _sections(text: str) -> tuple[int, ...]:
    try:
        return parse_sections(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(
            _("{text} is not a date; write it as 23.9.2014.").format(text=text)
        ) from None


def cmd_extract(args: argparse.Namespace) -> int:
    from kastedesk.documents.template import TemplateError  # python-docx: when writing
    from kastedesk.services import meeting_documents as docs
    from kastedesk.services.meeting_extracts import write_extract
    from kastedesk.services.pdf_export import PdfUnavailable

    sections = _sections(args.items)
    certified_on = _date(args.date)
    languages = docs.parse_languages(args.lang)
    if args.out.suffix.lower() not in (".docx", ".pdf"):
        raise CommandError(_("The file name must end in .docx or .pdf."))
    with database_from_args(args) as db:
        try:
            write_extract(
                db,
                args.meeting,
                sections,
                args.out,
                languages,
                args.template,
                certified_on,
                args.allow_missing,
            )
        except docs.MissingLanguageError as exc:
            raise report_missing(exc) from exc
        except (TemplateError, PdfUnavailable) as exc:
            raise CommandError(str(exc)) from exc
    print(_("Written: {path}").format(path=args.out))
    return 0
