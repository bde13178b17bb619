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
    """The id, made and stored (in the caller's transaction) the first time it is asked."""
    row = session.get(Meta, INSTALLATION_KEY)
    if row is None:
        row = Meta(key=INSTALLATION_KEY, value=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return row.value
