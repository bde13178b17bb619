from __future__ import annotations

import datetime as dt

from kastedesk.domain.backup_retention import BackupReason, BackupStamp, backups_to_keep

NOW = dt.datetime(2026, 11, 29, 15, 0)


def stamp(key: str, days_ago: float, reason: BackupReason = BackupReason.OPEN) -> BackupStamp:
    return BackupStamp(key, NOW - dt.timedelta(days=days_ago), reason)


def test_nothing_to_keep_of_nothing() -> None:
    assert backups_to_keep([], NOW) == set()


def test_one_a_day_for_fourteen_days() -> None:
    daily = [stamp(f"d{n}", n) for n in range(30)]
    assert backups_to_keep(daily, NOW) == {f"d{n}" for n in range(14)}


def test_the_newest_of_a_day_is_kept() -> None:
    morning = BackupStamp("morning", dt.datetime(2026, 11, 25, 8, 0), BackupReason.OPEN)
    evening = BackupStamp("evening", dt.datetime(2026, 11, 25, 20, 0), BackupReason.MANUAL)
    newest = stamp("today", 0)
    assert backups_to_keep([morning, evening, newest], NOW) == {"evening", "today"}


def test_event_backups_kept_for_seven_days() -> None:
    backups = [
        stamp("today", 0),
        stamp("import-1", 1.1, BackupReason.IMPORT),
        stamp("import-1b", 1.2, BackupReason.BUNDLE_IMPORT),
        stamp("restore-6", 6.9, BackupReason.RESTORE),
        stamp("migration-5", 5, BackupReason.MIGRATION),
        stamp("import-8", 8, BackupReason.IMPORT),
        stamp("open-1", 1.0),
        stamp("open-1-early", 1.3),
    ]
    kept = backups_to_keep(backups, NOW)
    # import-8 is the only (so newest) backup of its day: kept as that day's backup
    assert kept == {
        "today",
        "import-1",
        "import-1b",
        "restore-6",
        "migration-5",
        "import-8",
        "open-1",
    }


def test_an_old_event_backup_goes_when_its_day_has_a_newer_one() -> None:
    backups = [
        stamp("today", 0),
        stamp("import-9", 9.2, BackupReason.IMPORT),
        stamp("open-9", 9.0),
    ]
    assert backups_to_keep(backups, NOW) == {"today", "open-9"}


def test_the_newest_backup_stays_even_when_old() -> None:
    backups = [stamp("old", 40), stamp("older", 41)]
    assert backups_to_keep(backups, NOW) == {"old"}


def test_day_boundaries_are_local_calendar_days() -> None:
    just_inside = BackupStamp("in", dt.datetime(2026, 11, 16, 0, 1), BackupReason.OPEN)
    just_outside = BackupStamp("out", dt.datetime(2026, 11, 15, 23, 59), BackupReason.OPEN)
    assert backups_to_keep([just_inside, just_outside, stamp("now", 0)], NOW) == {"in", "now"}
