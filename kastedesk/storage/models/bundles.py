"""What this database knows about bundle exchange with other installations.

``sync_version``: per record UUID, every version (content hash, see
domain/bundle_merge.py) that passed through a bundle here, and whether this
database has exported it; ``sync_current``: per record UUID, the version it had
here when it last went through a bundle, and its revision (see
``revised_version``); ``bundle_conflict``: incoming versions kept for the
user to choose from; ``sync_installation``: names of the installations whose
bundles were imported, for showing where a response came from.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from kastedesk.storage.models.base import Base


class SyncVersion(Base):
    __tablename__ = "sync_version"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    exported: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncCurrent(Base):
    """A record's version when it last went through a bundle here, and its revision.

    An edit back to a version that already travelled is told from that old version by a
    new revision (domain/bundle_merge.py); only such records have a revision above 0, and
    the partial index lists just them.
    """

    __tablename__ = "sync_current"
    __table_args__ = (
        Index("ix_sync_current_revised", "uuid", sqlite_where=text("revision > 0"),
              postgresql_where=text("revision > 0")),
    )  # fmt: skip

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BundleConflict(Base):
    """An incoming version of a record that differs from the one kept here."""

    __tablename__ = "bundle_conflict"
    __table_args__ = (UniqueConstraint("uuid", "version", name="uq_bundle_conflict_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # workshop, form, response
    uuid: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the incoming record as in the bundle
    source: Mapped[str] = mapped_column(String(36))  # installation that made the bundle
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SyncInstallation(Base):
    __tablename__ = "sync_installation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    last_import_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
