"""Where the responses came from: counts per workshop and installation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from kastedesk.i18n import _
from kastedesk.storage.database import Database
from kastedesk.storage.installation import known_installation_id
from kastedesk.storage.models.bundles import SyncInstallation
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.storage.models.workshops import Workshop


@dataclass(frozen=True)
class OriginRow:
    workshop_id: int
    workshop: str
    date: dt.date | None
    installation: str  # a name, "this computer" or the start of the id
    origin: str
    responses: int
    first_saved: dt.datetime | None
    last_saved: dt.datetime | None


def installation_label(origin: str, here: str | None, names: dict[str, str]) -> str:
    if origin == here:
        return _("this computer")
    if not origin:
        return _("unknown")
    return names.get(origin) or _("installation {id}").format(id=origin[:8])


def responses_by_origin(db: Database) -> list[OriginRow]:
    """Live responses per (workshop, installation that typed them in)."""
    with db.read() as session:  # without an id yet, nothing was typed in here
        here = known_installation_id(session)
        names = dict(session.execute(select(SyncInstallation.id, SyncInstallation.name)).all())
        rows = session.execute(
            select(
                Workshop.id,
                Workshop.title,
                Workshop.date,
                FeedbackResponse.origin,
                func.count(),
                func.min(FeedbackResponse.created_at),
                func.max(FeedbackResponse.created_at),
            )
            .join(Workshop, Workshop.id == FeedbackResponse.workshop_id)
            .where(FeedbackResponse.deleted_at.is_(None))
            .group_by(Workshop.id, FeedbackResponse.origin)
            .order_by(Workshop.date, Workshop.title, FeedbackResponse.origin)
        ).all()
    return [
        OriginRow(wid, title, date, installation_label(origin, here, names), origin, n, lo, hi)
        for wid, title, date, origin, n, lo, hi in rows
    ]
