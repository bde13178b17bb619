"""Keeping an editor's unsaved typing on disk, a moment after each change."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kastedesk.storage.database import Database
from kastedesk.storage.drafts import DraftStore, drafts_folder

DRAFT_DELAY_MS = 800
log = logging.getLogger(__name__)


def draft_store(db: Database) -> DraftStore:
    return DraftStore(drafts_folder(db.label))


class DraftKeeper(QObject):
    """Call :meth:`touched` on every edit; the draft follows when typing pauses.

    *snapshot* returns ``(key, label, fields)`` for the record being edited, or
    None when there is nothing unsaved (the draft is then removed). The drafts are
    kept beside *db*, the database the editor was built for.
    """

    def __init__(
        self,
        db: Database,
        snapshot: Callable[[], tuple[str, str, dict[str, Any]] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._snapshot = snapshot
        self._key: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.keep_now)

    def touched(self) -> None:
        self.timer.start()

    def keep_pending(self) -> None:
        """Keep typing whose pause has not come yet (its editor is about to go)."""
        if self.timer.isActive():
            self.timer.stop()
            self.keep_now()

    def _store(self) -> DraftStore:
        return draft_store(self._db)

    def keep_now(self) -> None:
        snapshot = self._snapshot()
        if snapshot is None and self._key is None:
            return  # nothing typed, nothing kept: no need to open the store
        store = self._store()
        try:
            if snapshot is None:
                if self._key is not None:
                    store.discard(self._key)
                return
            key, label, fields = snapshot
            if self._key is not None and self._key != key:
                store.discard(self._key)
            self._key = key
            store.save(key, label, fields)
        except OSError:  # a draft is a convenience: never stop the user's work for it
            log.exception("Could not keep a draft")

    def discard(self) -> None:
        """The edit was saved or deliberately dropped."""
        self.timer.stop()
        if self._key is not None:
            store = self._store()
            try:
                store.discard(self._key)
            except OSError:
                log.exception("Could not remove a draft")
        self._key = None
