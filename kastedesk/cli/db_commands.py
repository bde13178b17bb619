"""``init``, ``check``, ``backup``, ``backups``, ``restore`` and ``copy-from``: the database."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.cli.errors import CommandError
from kastedesk.cli.output import print_json, print_table
from kastedesk.formatting import format_count, format_datetime, format_size
from kastedesk.i18n import _
from kastedesk.storage.backup import backup_sqlite
from kastedesk.storage.backup_store import (
    BackedUp,
    BackupEntry,
    database_folder,
    list_backups,
    reason_label,
    restore_backup,
)
from kastedesk.storage.database import Database, describe, is_postgresql, resolve_url, sqlite_path
from kastedesk.storage.migrate import check_database, open_database

if TYPE_CHECKING:
    from kastedesk.cli.main import CommandGroups

# kastedesk.storage.server_copy (every table's model) is imported by the commands that
# copy whole databases: the others start without it (each command is its own process).


@contextmanager
def database_from_args(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by ``--db`` (or the default), migrated, closed afterwards."""
    db = open_database(resolve_url(args.db))
    try:
        yield db
    finally:
        db.dispose()


def register(commands: CommandGroups) -> None:
    subparsers = commands.root
    p = subparsers.add_parser("init", help=_("create the database or bring its schema up to date"))
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser("check", help=_("check the database's integrity and schema"))
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("backup", help=_("write a consistent copy of the database"))
    p.add_argument("out", metavar=_("OUT"), type=Path, help=_("file to write"))
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser(
        "backups", help=_("list the automatic backups of the database, newest first")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_backups)

    p = subparsers.add_parser(
        "restore",
        help=_("replace the database with a backup; the current one is kept as a backup first"),
    )
    p.add_argument("backup", metavar=_("BACKUP"), type=Path, help=_("backup file to restore"))
    p.add_argument(
        "--replace",
        action="store_true",
        help=_("needed for a server database: replace everything in it, for everyone"),
    )
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser(
        "copy-from",
        help=_("copy a whole database (file or server) into this new, empty one"),
    )
    p.add_argument("source", metavar=_("SOURCE"), help=_("database file or URL to copy from"))
    p.add_argument(
        "--replace",
        action="store_true",
        help=_("delete what the target holds first (in the same transaction)"),
    )
    p.set_defaults(func=cmd_copy_from)


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
        if source is not None:
            target = backup_sqlite(source, args.out)
        elif db.engine.dialect.name == "postgresql":
            from kastedesk.storage.server_copy import backup_server  # every table's model

            target = args.out.expanduser().absolute()
            backup_server(db, target)
        else:
            raise CommandError(_("Backups can be made of SQLite files and PostgreSQL databases."))
    print(_("Backup written: {path}").format(path=target))
    return 0


def _backed_up(args: argparse.Namespace) -> BackedUp:
    """The database file, or the server database's URL (its backups are SQLite files)."""
    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None:
        return path
    if is_postgresql(url):
        return url
    raise CommandError(_("Backups can be made of SQLite files and PostgreSQL databases."))


def _label(database: BackedUp) -> str:
    return str(database) if isinstance(database, Path) else describe(database)


def _entry_json(entry: BackupEntry) -> dict[str, object]:
    counts = entry.counts
    return {
        "path": str(entry.path),
        "time": entry.taken_at.isoformat(),
        "reason": entry.reason.value,
        "size": entry.size,
        "people": counts.people if counts else None,
        "meetings": counts.meetings if counts else None,
        "responses": counts.responses if counts else None,
    }


def cmd_backups(args: argparse.Namespace) -> int:
    path = _backed_up(args)
    entries = list_backups(path)
    if args.json:
        print_json(
            {
                "database": _label(path),
                "folder": str(database_folder(path)),
                "backups": [_entry_json(e) for e in entries],
            }
        )
        return 0
    if not entries:
        print(
            _("No backups of {database} in {folder}.").format(
                database=_label(path), folder=database_folder(path)
            )
        )
        return 0
    unreadable = _("unreadable")
    print_table(
        [_("Time"), _("Reason"), _("Size"), _("People"), _("Meetings"), _("Responses"), _("File")],
        [
            [
                format_datetime(e.taken_at),
                reason_label(e.reason),
                format_size(e.size),
                format_count(e.counts.people) if e.counts else unreadable,
                format_count(e.counts.meetings) if e.counts else "",
                format_count(e.counts.responses) if e.counts else "",
                str(e.path),
            ]
            for e in entries
        ],
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _backed_up(args)
    if not isinstance(path, Path):
        return _restore_server(args)
    report = restore_backup(path, args.backup)
    if report.kept_aside is not None:
        print(
            _("The database as it was is kept as a backup: {path}").format(
                path=report.kept_aside.path
            )
        )
    counts = report.counts
    print(
        _(
            "Restored {database} from {backup}: {people} people, {meetings} meetings, "
            "{responses} responses."
        ).format(
            database=path,
            backup=report.backup,
            people=format_count(counts.people if counts else 0),
            meetings=format_count(counts.meetings if counts else 0),
            responses=format_count(counts.responses if counts else 0),
        )
    )
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    """``restore`` into a server database: only with ``--replace`` (others may be working)."""
    label = describe(resolve_url(args.db))
    if not args.replace:
        raise CommandError(
            _(
                "Restoring replaces everything in the server database {database}, for everyone "
                "using it; run the command again with --replace to do it."
            ).format(database=label)
        )
    from kastedesk.storage.server_copy import restore_server

    with database_from_args(args) as db:
        report = restore_server(db, args.backup)
    if report.kept_aside is not None:
        print(
            _("The database as it was is kept as a backup: {path}").format(path=report.kept_aside)
        )
    print(
        _(
            "Restored {database} from {backup}: {people} people, {meetings} meetings, "
            "{responses} responses."
        ).format(
            database=label,
            backup=report.backup,
            people=report.people,
            meetings=report.meetings,
            responses=report.responses,
        )
    )
    return 0


def cmd_copy_from(args: argparse.Namespace) -> int:
    from kastedesk.storage.server_copy import copy_from

    with database_from_args(args) as db:
        report = copy_from(db, args.source, replace=args.replace)
        label = db.label
    print(
        _("Copied {rows} rows in {tables} tables into {database}.").format(
            rows=report.total, tables=len(report.counts), database=label
        )
    )
    return 0
