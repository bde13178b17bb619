"""``agenda``, ``minutes``, ``invite`` and ``agenda-mail``: a meeting's documents."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.db_commands import database_from_args
from kastedesk.cli.errors import CommandError
from kastedesk.i18n import _

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups
    from kastedesk.services.meeting_documents import MissingLanguageError

# The documents' code (python-docx, icalendar) is imported when a document is written:
# every other command starts without it.


def register(commands: CommandGroups) -> None:
    root = commands.root
    for kind, help_text in (  # the command is named after its document's kind
        ("agenda", _("write a meeting's agenda (.docx, or .pdf with LibreOffice)")),
        ("minutes", _("write a meeting's minutes (.docx, or .pdf with LibreOffice)")),
    ):
        p = root.add_parser(kind, help=help_text)
        p.add_argument("meeting", type=int, metavar="MEETING_ID")
        p.add_argument(
            "-o", "--out", type=Path, required=True, metavar=_("OUT"), help=_("file to write")
        )
        p.add_argument(
            "--lang", metavar="fi|sv|fi+sv", help=_("document language(s); default: the meeting's")
        )
        p.add_argument(
            "--template", type=Path, metavar="T.docx", help=_("the organisation's Word template")
        )
        _allow_missing_argument(p)
        p.set_defaults(func=cmd_document, kind=kind)

    p = root.add_parser("invite", help=_("write a meeting's calendar invitation (.ics)"))
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument("--deputies", action="store_true", help=_("invite the personal deputies too"))
    p.set_defaults(func=cmd_invite)

    p = root.add_parser(
        "agenda-mail", help=_("write the agenda e-mail draft (.eml) and mark the agenda sent")
    )
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar=_("OUT"), help=_("file to write")
    )
    p.add_argument(
        "--lang", metavar="fi|sv|fi+sv", help=_("document language(s); default: the meeting's")
    )
    p.add_argument(
        "--template", type=Path, metavar="T.docx", help=_("the organisation's Word template")
    )
    p.add_argument("--deputies", action="store_true", help=_("send to the personal deputies too"))
    _allow_missing_argument(p)
    p.set_defaults(func=cmd_agenda_mail)


def _allow_missing_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help=_("write even when § items lack text in a document language"),
    )


def report_missing(exc: MissingLanguageError) -> CommandError:
    """The items lacking text, one a line on stderr; the error says what to do."""
    from kastedesk.services import meeting_documents as docs

    for missing in exc.missing:
        print(f"  {docs.describe_missing(missing)}", file=sys.stderr)
    return CommandError(
        _(
            "{count} § items lack text in a document language (listed above); "
            "fill them in, or write anyway with --allow-missing."
        ).format(count=len({m.section for m in exc.missing}))
    )


def cmd_document(args: argparse.Namespace) -> int:
    from kastedesk.documents.template import TemplateError
    from kastedesk.services import meeting_documents as docs
    from kastedesk.services import minutes_review
    from kastedesk.services.pdf_export import PdfUnavailable, convert_to_pdf

    languages = docs.parse_languages(args.lang)
    suffix = args.out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise CommandError(_("The file name must end in .docx or .pdf."))
    allow = args.allow_missing
    with database_from_args(args) as db:
        # Minutes of a meeting not held yet: said on stderr, and written anyway.
        warning = ""
        if args.kind == docs.MINUTES:
            warning = minutes_review.early_warning(db, args.meeting)
        if warning:
            print(_("Warning: {text}").format(text=warning), file=sys.stderr)
        try:
            if suffix == ".docx":
                docs.write_document(
                    db, args.meeting, args.kind, args.out, languages, args.template, allow
                )
            else:
                with tempfile.TemporaryDirectory(prefix="kastedesk-") as work:
                    docx = Path(work, args.out.with_suffix(".docx").name)
                    docs.write_document(
                        db, args.meeting, args.kind, docx, languages, args.template, allow
                    )
                    convert_to_pdf(docx, args.out)
        except docs.MissingLanguageError as exc:
            raise report_missing(exc) from exc
        except (TemplateError, PdfUnavailable) as exc:
            raise CommandError(str(exc)) from exc
    print(_("Written: {path}").format(path=args.out))
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from kastedesk.services import meeting_mail

    with database_from_args(args) as db:
        meeting_mail.write_invitation(db, args.meeting, args.out, args.deputies)
    print(_("Written: {path}").format(path=args.out))
    return 0


def cmd_agenda_mail(args: argparse.Namespace) -> int:
    from kastedesk.documents.template import TemplateError
    from kastedesk.services import meeting_documents as docs
    from kastedesk.services import meeting_mail

    languages = docs.parse_languages(args.lang)
    with database_from_args(args) as db:
        try:
            meeting_mail.write_agenda_mail(
                db,
                args.meeting,
                args.out,
                languages,
                args.template,
                args.deputies,
                allow_missing=args.allow_missing,
            )
        except docs.MissingLanguageError as exc:
            raise report_missing(exc) from exc
        except TemplateError as exc:
            raise CommandError(str(exc)) from exc
    print(_("Written: {path}").format(path=args.out))
    return 0
