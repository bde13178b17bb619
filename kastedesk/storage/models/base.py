"""The declarative base shared by every model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so Alembic's batch migrations on SQLite can alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


AUTHOR_MAX = 100


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Versioned:
    """A record a person edits: ``row_version`` grows with every saved change.

    A save states the version the user started from; a different stored version
    means someone else saved in between (see ``kastedesk.storage.versions``), and
    the ORM's ``version_id_col`` guards the UPDATE itself on every engine.
    """

    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.row_version}


class Authored:
    """Who made and last changed a record: the database user, or the name chosen in the window.

    :mod:`kastedesk.storage.authors` fills them on every flush. Feedback
    responses have no author: they stay anonymous.
    """

    created_by: Mapped[str] = mapped_column(
        String(AUTHOR_MAX), nullable=False, default="", server_default=""
    )
    updated_by: Mapped[str] = mapped_column(
        String(AUTHOR_MAX), nullable=False, default="", server_default=""
    )


class Stamped:
    """When a record was made and last changed (UTC); None for rows older than schema 0012.

    Records that travel in bundles have these times from ``SyncIdentity`` instead.
    """

    created_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, default=_utc_now
    )
    updated_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, default=_utc_now, onupdate=_utc_now
    )
