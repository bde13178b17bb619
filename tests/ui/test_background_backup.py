"""The day's backup is taken beside the window: it never freezes it, and is never cut off."""

from __future__ import annotations

import threading

import pytest

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.storage import backup_store
from kastedesk.storage.errors import DatabaseError


def test_the_backup_runs_off_the_window_thread_and_is_waited_for(
    window, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    ran_on: list[threading.Thread] = []

    def slow_backup(db, reason, **_kwargs):
        ran_on.append(threading.current_thread())
        assert reason is BackupReason.OPEN
        release.wait(10)
        return None

    monkeypatch.setattr(backup_store, "auto_backup", slow_backup)
    window.backup_on_open()  # returns at once although the backup has not finished
    assert not release.is_set()
    threading.Timer(0.2, release.set).start()
    window.wait_for_backup()
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert release.is_set()  # waiting meant waiting for the copy to be written


def test_a_failed_backup_is_said_in_the_status_bar(window, monkeypatch) -> None:
    def failing(db, reason, **_kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(backup_store, "auto_backup", failing)
    window.backup_on_open()
    window.wait_for_backup()
    assert "disk full" in window.statusBar().currentMessage()
