"""``kastedesk self-check`` (also ``KasteDesk --self-check``): see kastedesk/self_check.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk import __version__, self_check
from kastedesk.atomic_files import FileWriteError
from kastedesk.cli.errors import CommandError
from kastedesk.i18n import _

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups


def register(commands: CommandGroups) -> None:
    p = commands.root.add_parser(
        "self-check",
        help=_("check that this copy of KasteDesk works (needs no display, changes no data)"),
    )
    add_report_option(p)
    p.set_defaults(func=cmd_self_check)


def add_report_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--report",
        metavar=_("FILE"),
        type=Path,
        help=_("where to write the report (default: self-check.txt in the log folder)"),
    )


def cmd_self_check(args: argparse.Namespace) -> int:
    self_check.ensure_display()
    print(f"KasteDesk {__version__}", flush=True)
    results = self_check.run_checks(
        on_result=lambda r: print(self_check.format_result(r), flush=True)
    )
    try:
        path = self_check.write_report(results, getattr(args, "report", None))
    except (FileWriteError, OSError) as exc:
        print(_("The report could not be written: {reason}").format(reason=exc))
    else:
        print(_("Report written: {path}").format(path=path))
    verdict = self_check.summary(results)
    if not all(r.ok for r in results):
        raise CommandError(verdict)
    print(verdict)
    return 0
