"""The day's automatic backup, taken beside the window instead of in it.

Copying a large file or a server database takes seconds; done on the window's
thread it froze the window just after it opened. One backup runs at a time (a
single worker), so the once-a-day check stays true; a restore and closing the
window wait for a running one, so no backup is ever cut off half-written.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.storage.errors import DatabaseError

if TYPE_CHECKING:  # the window is built before SQLAlchemy (and the worker's pool) is imported
    from concurrent.futures import Future, ThreadPoolExecutor

    from kastedesk.storage.database import Database

log = logging.getLogger(__name__)


class BackgroundBackup(QObject):
    """Runs :func:`~kastedesk.storage.backup_store.auto_backup` on a worker thread."""

    # The BackupEntry (None: nothing to do, e.g. today's is there) or the DatabaseError,
    # delivered on the window's thread.
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: ThreadPoolExecutor | None = None  # made at the first backup
        self._pending: Future[object] | None = None

    def start(self, db: Database, reason: BackupReason = BackupReason.OPEN) -> None:
        from kastedesk.storage.backup_store import auto_backup

        def work() -> object:
            result: object
            try:
                result = auto_backup(db, reason)
            except DatabaseError as exc:
                result = exc
            except Exception as exc:  # a bug must not pass silently on a thread
                log.exception("Automatic backup failed")
                result = DatabaseError(str(exc))
            # Emitted from the worker, before the job counts as done (so wait() sees it
            # delivered): Qt queues it to the thread this object lives in.
            self.finished.emit(result)
            return result

        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(1, thread_name_prefix="kastedesk-backup")
        self._pending = self._worker.submit(work)

    def running(self) -> bool:
        return self._pending is not None and not self._pending.done()

    def wait(self) -> None:
        """Until the running backup (if any) is written and its result delivered."""
        if self._pending is not None:
            self._pending.result()
            QCoreApplication.processEvents()  # the queued `finished`
            self._pending = None
