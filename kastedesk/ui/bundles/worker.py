"""Bundle work (reading, planning, importing) off the GUI thread, so the window never freezes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.validation import ValidationError
from kastedesk.services.bundles import BundleError

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
        except OSError as exc:
            self.signals.failed.emit(exc.strerror or str(exc))
        except Exception as exc:  # a worker thread has no one else to tell
            log.exception("bundle work failed")
            self.signals.failed.emit(str(exc))
        else:
            self.signals.finished.emit(result)


def start(work: Callable[[], object], done: Callable[[object], None], failed) -> Job:
    job = Job(work)
    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job
