"""Identity columns for records that travel between installations (bundles).

Every workshop, form version and response carries a UUID made at creation,
the installation id that created it and UTC creation/update times, so records
typed on different laptops can be merged without renumbering or doubling.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import overload

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@overload
def as_utc(value: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(value: None) -> None: ...
@overload
def as_utc(value: dt.datetime | None) -> dt.datetime | None: ...
def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored UTC time with its zone: SQLite gives it back without one, PostgreSQL with."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


class SyncIdentity:
    """Mixin: ``uuid``, ``origin``, ``created_at``, ``updated_at``."""

    uuid: Mapped[str] = mapped_column(
        String(36), unique=True, default=new_uuid, insert_sentinel=True
    )
    origin: Mapped[str] = mapped_column(String(36), default="")  # installation id
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
