"""Entry point: ``kastedesk`` opens the GUI, ``kastedesk <command>`` runs one job.

Exit status everywhere: 0 success, 1 failure (one line on stderr, no
traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from kastedesk import __version__, i18n
from kastedesk.atomic_files import remove_stale_temporaries
from kastedesk.cli import (
    argparse_i18n,
    backlog_commands,
    bundle_commands,
    cost_commands,
    db_commands,
    document_commands,
    evaluation_commands,
    extract_commands,
    feedback_commands,
    meeting_commands,
    meeting_edit_commands,
    minutes_review_commands,
    person_commands,
    registry_commands,
    self_check_commands,
)
from kastedesk.cli.console import configure_streams, ensure_streams, is_closed_pipe, silence_stdout
from kastedesk.cli.errors import CommandError
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.failures import database_failure_text, failure_message

# Each module adds its subcommands with ``register(commands)``.
COMMAND_MODULES = (
    db_commands,
    registry_commands,
    person_commands,
    meeting_commands,
    meeting_edit_commands,
    backlog_commands,
    minutes_review_commands,
    document_commands,
    extract_commands,
    feedback_commands,
    bundle_commands,
    cost_commands,
    evaluation_commands,
    self_check_commands,
)
if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]

# Files the window opens when given in place of a command (Explorer's "Open with").
OPENABLE_SUFFIXES = (".kastebundle",)


@dataclass
class CommandGroups:
    """Where modules add commands: at the top level, or under ``kastedesk list``."""

    root: Subcommands
    _list: Subcommands | None = None

    def list_kinds(self) -> Subcommands:
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
    """The parser in the interface language: its help texts are translated as it is built."""
    return _parser_in(i18n.current_language())


@functools.cache  # about 20 ms to build; a process that runs several commands builds it once
def _parser_in(_language: str) -> argparse.ArgumentParser:
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
    parser.add_argument(
        "--self-check",
        action="store_true",
        help=_("run the self-check (as the self-check command) instead of opening the window"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    groups = CommandGroups(root=subparsers)
    for module in COMMAND_MODULES:
        module.register(groups)
    return parser


def split_file_argument(argv: Sequence[str]) -> tuple[list[str], Path | None]:
    """Take out a file to open (``KasteDesk.exe "%1"``) standing where a command would.

    Only the first positional argument counts, so a command's own file
    arguments are never mistaken for one.
    """
    args = list(argv)
    skip_value = False
    for index, arg in enumerate(args):
        if skip_value:
            skip_value = False
            continue
        if arg == "--db":
            skip_value = True
            continue
        if arg.startswith("-"):
            continue
        if arg.lower().endswith(OPENABLE_SUFFIXES):
            return args[:index] + args[index + 1 :], Path(arg)
        break
    return args, None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, open_path = split_file_argument(argv)
    ensure_streams(attach=bool(argv) and open_path is None)
    configure_streams()
    i18n.set_language(cli_language())
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    remove_stale_temporaries()  # left by writes killed half-way (see atomic_files)
    if args.self_check and args.command is None:
        args.func = self_check_commands.cmd_self_check
    elif args.command is None:
        from kastedesk.ui.app import run_gui  # Qt only for the window

        exit_code: int = run_gui(args.db, open_path)  # the window is outside mypy
        return exit_code
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
    except (SQLAlchemyError, sqlite3.Error) as exc:
        # Busy, full, read-only or damaged: one sentence, never the statement or its data.
        print(f"kastedesk: {database_failure_text(exc)}", file=sys.stderr)
        return 1
    except OSError as exc:
        if is_closed_pipe(exc):
            # The reader stopped early (`kastedesk list members | head`, or
            # `| Select-Object -First 5`): not an error.
            silence_stdout()
            return 0
        print(f"kastedesk: {failure_message(exc) or exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
