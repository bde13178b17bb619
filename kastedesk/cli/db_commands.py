"""``init``, ``check`` and ``backup``: the database itself."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kastedesk.cli.errors import CommandError
from kastedesk.i18n import _
from kastedesk.storage.backup import backup_sqlite
from kastedesk.storage.database import Database, resolve_url, sqlite_path
from kastedesk.storage.migrate import check_database, open_database


@contextmanager
def database_from_args(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by ``--db`` (or the default), migrated, closed afterwards."""
    db = open_database(resolve_url(args.db))
    try:
        yield db
    finally:
        db.dispose()


def register(commands) -> None:
    subparsers = commands.root
    p = subparsers.add_parser("init", help=_("create the database or bring its schema up to date"))
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser("check", help=_("check the database's integrity and schema"))
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("backup", help=_("write a consistent copy of the database"))
    p.add_argument("out", metavar=_("OUT"), type=Path, help=_("file to write"))
    p.set_defaults(func=cmd_backup)


def cmd_init(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        print(_("Database ready: {database}").format(database=db.label))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        report = check_database(db)
    if not report.ok:
        # Every problem on its own line on stdout; the one-line summary on stderr.
        details = [line.strip() for p in report.problems for line in p.splitlines()]
        details = [line for line in details if line]
        for line in details:
            print(line)
        if len(details) == 1:
            raise CommandError(details[0])
        raise CommandError(
            _("The database has {count} problems, the first: {problem}").format(
                count=len(details), problem=details[0]
            )
        )
    print(
        _("Database is sound: {database} (schema {revision})").format(
            database=db.label, revision=report.revision
        )
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with database_from_args(args) as db:
        source = sqlite_path(db.url)
        if source is None:
            raise CommandError(_("Backups can be made of SQLite database files only."))
        target = backup_sqlite(source, args.out)
    print(_("Backup written: {path}").format(path=target))
    return 0
