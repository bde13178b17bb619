"""Which automatic backups to keep: one a day for two weeks, event backups for a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

DAILY_DAYS = 14
EVENT_DAYS = 7


class BackupReason(StrEnum):
    """Why a backup was taken; the value is part of the backup's file name."""

    OPEN = "open"  # the window opened the database (at most once a day)
    IMPORT = "before-import"  # before a member import
    BUNDLE_IMPORT = "before-bundle-import"
    MIGRATION = "before-migration"
    RESTORE = "before-restore"  # the database as it was before a restore replaced it
    MANUAL = "manual"


# Backups taken just before something replaced or changed many rows at once.
EVENT_REASONS = frozenset(
    {
        BackupReason.IMPORT,
        BackupReason.BUNDLE_IMPORT,
        BackupReason.MIGRATION,
        BackupReason.RESTORE,
    }
)


@dataclass(frozen=True)
class BackupStamp:
    key: Hashable
    taken_at: dt.datetime  # local time, naive
    reason: BackupReason


def backups_to_keep(backups: Iterable[BackupStamp], now: dt.datetime) -> set[Hashable]:
    """The keys of the backups to keep at local time *now*.

    Kept: the newest backup of each of the last 14 days (today included),
    every backup taken before an import, bundle import, migration or restore in
    the last 7 days, and always the newest backup of all.
    """
    stamps = sorted(backups, key=lambda b: b.taken_at)
    if not stamps:
        return set()
    keep: set[Hashable] = {stamps[-1].key}
    first_day = now.date() - dt.timedelta(days=DAILY_DAYS - 1)
    newest_of_day: dict[dt.date, BackupStamp] = {}
    for stamp in stamps:
        day = stamp.taken_at.date()
        if first_day <= day <= now.date():
            newest_of_day[day] = stamp
        if stamp.reason in EVENT_REASONS and now - stamp.taken_at <= dt.timedelta(days=EVENT_DAYS):
            keep.add(stamp.key)
    keep.update(stamp.key for stamp in newest_of_day.values())
    return keep
