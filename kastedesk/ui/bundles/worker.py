"""Bundle work (reading, planning, importing) off the GUI thread, so the window never freezes."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from sqlalchemy.exc import SQLAlchemyError

from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.validation import ValidationError
from kastedesk.services.bundles import BundleError
from kastedesk.storage.failures import database_failure_text, failure_message

log = logging.getLogger(__name__)


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except BundleError as exc:
            self.signals.failed.emit(str(exc))
        except ValidationError as exc:
            self.signals.failed.emit(" ".join(exc.errors.values()))
        except FileWriteError as exc:
            self.signals.failed.emit(str(exc))
        except (SQLAlchemyError, sqlite3.Error) as exc:
            # Busy (the other import is writing), full, read-only: a sentence, not the SQL.
            log.info("bundle work failed", exc_info=True)
            self.signals.failed.emit(database_failure_text(exc))
        except OSError as exc:
            self.signals.failed.emit(failure_message(exc) or exc.strerror or str(exc))
        except Exception as exc:  # a worker thread has no one else to tell
            log.exception("bundle work failed")
            self.signals.failed.emit(str(exc))
        else:
            self.signals.finished.emit(result)


_T = TypeVar("_T")


def start(work: Callable[[], _T], done: Callable[[_T], None], failed) -> Job:
    job = Job(work)
    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job
