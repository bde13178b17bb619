"""Entry point: ``kastedesk`` opens the GUI, ``kastedesk <command>`` runs one job.

Exit status everywhere: 0 success, 1 failure (one line on stderr, no
traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from kastedesk import __version__, i18n
from kastedesk.cli import (
    argparse_i18n,
    bundle_commands,
    db_commands,
    feedback_commands,
    meeting_commands,
    registry_commands,
)
from kastedesk.cli.errors import CommandError
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.errors import DatabaseError

# Each module adds its subcommands with ``register(commands)``.
COMMAND_MODULES = (
    db_commands,
    feedback_commands,
    meeting_commands,
    registry_commands,
    bundle_commands,
)


@dataclass
class CommandGroups:
    """Where modules add commands: at the top level, or under ``kastedesk list``."""

    root: argparse._SubParsersAction
    _list: argparse._SubParsersAction | None = None

    def list_kinds(self) -> argparse._SubParsersAction:
        """``kastedesk list WHAT``; made when the first module lists something."""
        if self._list is None:
            parser = self.root.add_parser("list", help=_("list records (see: list --help)"))
            self._list = parser.add_subparsers(dest="kind", metavar=_("WHAT"), required=True)
        return self._list


log = logging.getLogger(__name__)


def cli_language() -> str:
    lang = os.environ.get("KASTEDESK_LANG", "")
    return lang if lang in i18n.LANGUAGES else i18n.system_language()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kastedesk",
        description=_(
            "KasteDesk: steering-group meetings and workshop feedback. "
            "Without a command, the window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"KasteDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar=_("PATH_OR_URL"),
        help=_("database file or SQLAlchemy URL (default: $KASTEDESK_DB, else the user's file)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    groups = CommandGroups(root=subparsers)
    for module in COMMAND_MODULES:
        module.register(groups)
    return parser


def _make_output_safe() -> None:
    """A Windows console may not encode every name; never crash on printing one."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() != "utf-8":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _make_output_safe()
    i18n.set_language(cli_language())
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from kastedesk.ui.app import run_gui  # Qt only for the window

        return run_gui(args.db)
    try:
        return int(args.func(args) or 0)
    except (CommandError, DatabaseError) as exc:
        print(f"kastedesk: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"kastedesk: {' '.join(exc.errors.values())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"kastedesk: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
