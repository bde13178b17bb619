"""Consistent copies of SQLite databases through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from kastedesk.i18n import _
from kastedesk.storage.errors import DatabaseError


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy *source* to *target*, safely while other connections write to it.

    The copy is made under a temporary name beside *target* and then moved into
    place, so a failure never leaves a half-written file at *target*.
    """
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise DatabaseError(_("The backup cannot overwrite the database itself."))
    if not target.parent.is_dir():
        raise DatabaseError(_("Folder {folder} does not exist.").format(folder=target.parent))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".kastedesk-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write to {folder}: {reason}").format(
                folder=target.parent, reason=exc.strerror
            )
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise DatabaseError(
            _("The backup to {path} failed: {reason}").format(path=target, reason=exc)
        ) from exc
    return target
