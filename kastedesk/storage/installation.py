"""This installation's id: a random UUID made on first need, kept in kastedesk_meta.

Records made here carry it as their ``origin`` so merged databases can tell
which laptop typed what. A copied database file keeps the id of the original.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kastedesk.storage.models.meta import Meta

INSTALLATION_KEY = "installation_id"


def installation_id(session: Session) -> str:
    """The id, made and stored (in the caller's transaction) the first time it is asked.

    Kept in the session's ``info`` once read: the session forgets rows nothing holds, so
    each call would read it again and first flush what is pending (a demo or an import
    adding hundreds of responses flushed them one at a time).
    """
    known = known_installation_id(session)
    if known is not None:
        return known
    row = Meta(key=INSTALLATION_KEY, value=str(uuid.uuid4()))
    session.add(row)
    session.flush()
    session.info[INSTALLATION_KEY] = row.value
    return row.value


def known_installation_id(session: Session) -> str | None:
    """The id if one was made already (for reading: nothing is written)."""
    known = session.info.get(INSTALLATION_KEY)
    if isinstance(known, str):
        return known
    row = session.get(Meta, INSTALLATION_KEY)
    if row is None:
        return None
    session.info[INSTALLATION_KEY] = row.value
    return row.value
