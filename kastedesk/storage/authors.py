"""Who did what: every flush writes the author's name into the records it saves.

The author is the name the window was told (File → Your name…), else the
database user on a server, else the computer's login name. ``Database`` puts it
in each write session's ``info``; this hook, registered for every ORM session,
stamps new records (``created_by`` and ``updated_by``), changed ones
(``updated_by``) and new entries of a meeting's history (``by``). Feedback
responses are anonymous and carry no author.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from kastedesk.storage.models.base import AUTHOR_MAX, Authored
from kastedesk.storage.models.meetings import MeetingEvent

AUTHOR_KEY = "kastedesk_author"


def clean_author(name: str) -> str:
    """One line, no control characters, at most ``AUTHOR_MAX`` characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in name)
    return " ".join(text.split())[:AUTHOR_MAX]


def default_author(url: URL) -> str:
    """The database user on a server, else this computer's login name."""
    if url.get_backend_name() != "sqlite":
        user = url.username or os.environ.get("PGUSER")
        if user:
            return clean_author(user)
    try:
        return clean_author(getpass.getuser())
    except (OSError, KeyError):  # no login name (a service account without one)
        return ""


@event.listens_for(Session, "before_flush")
def _stamp_authors(session: Session, _context: object, _instances: object) -> None:
    author = session.info.get(AUTHOR_KEY)
    if not author:
        return
    for obj in session.new:
        if isinstance(obj, Authored):
            obj.created_by = obj.created_by or author
            obj.updated_by = author
        elif isinstance(obj, MeetingEvent) and not obj.by:
            obj.by = author
    for obj in session.dirty:
        if isinstance(obj, Authored) and session.is_modified(obj, include_collections=False):
            obj.updated_by = author


def insert_rows(session: Session, model: type[Authored], rows: Sequence[Mapping[str, Any]]) -> None:
    """Write new *rows* of *model* with one statement, stamped as a flush stamps records.

    The ORM writes each new object with an INSERT of its own, because it wants the new
    id back and SQLite cannot tell which id went to which row of a batch. Rows that
    nobody needs as objects in the same transaction (a meeting's attendance list, as
    long as the group) go in together instead; the caller expires any collection of
    the parent that would otherwise miss them.
    """
    if not rows:
        return
    author = session.info.get(AUTHOR_KEY) or ""
    session.execute(
        insert(model),
        [
            {**row, "created_by": row.get("created_by") or author, "updated_by": author}
            for row in rows
        ],
    )
