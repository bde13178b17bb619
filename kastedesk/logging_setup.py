"""A rotating log file in the user's log folder; nothing leaves the machine.

Several KasteDesk processes may write the same log (the window and a command,
or the window and the installer's check). On Windows a file another process
has open cannot be renamed, so rotation can fail: the log then simply grows a
little past its limit and rotation is tried again later, never an error on
stderr and never a lost record. A process whose log file was rotated by
another one notices and goes on in the new file.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from kastedesk.paths import user_log_dir

LOG_NAME = "kastedesk.log"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
# After a failed rotation, wait this long before trying again (the other process holds on).
RETRY_ROTATION_SECONDS = 60.0


class SharedRotatingFileHandler(logging.FileHandler):
    """A size-rotated log file that several processes can share, also on Windows.

    Built on FileHandler rather than logging.handlers.RotatingFileHandler: that module
    (sockets, pickle, queues) would be imported before the window shows."""

    def __init__(
        self, filename: Path, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT
    ) -> None:
        super().__init__(filename, encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backup_count
        self._retry_after = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.shouldRollover(record):
                self.doRollover()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        self._follow_rotation()
        if time.monotonic() < self._retry_after or self.maxBytes <= 0:
            return False
        if self.stream is None:
            self.stream = self._open()
        message = f"{self.format(record)}\n"
        self.stream.seek(0, 2)  # the end: another process may have written meanwhile
        return self.stream.tell() + len(message) >= self.maxBytes

    def _follow_rotation(self) -> None:
        """Another process renamed our file away: reopen under the log's name.

        The whole folder may be gone too (cleaned up by its user): it is made again.
        """
        if self.stream is None:
            return
        try:
            ours = os.fstat(self.stream.fileno())
            current = os.stat(self.baseFilename)
        except OSError:
            current = None
        if current is None or (ours.st_dev, ours.st_ino) != (current.st_dev, current.st_ino):
            self.stream.close()
            self.stream = None  # a failed open is tried again
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            self.stream = self._open()

    def doRollover(self) -> None:
        """Rename the full log aside first; only when that worked, shift the old ones."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        aside = f"{self.baseFilename}.{os.getpid()}.rotating"
        try:
            os.replace(self.baseFilename, aside)
        except FileNotFoundError:
            aside = ""
        except OSError:
            # Held open by another process (Windows): keep writing, try again later.
            self._retry_after = time.monotonic() + RETRY_ROTATION_SECONDS
            self.stream = self._open()
            return
        try:
            for index in range(self.backupCount - 1, 0, -1):
                older = f"{self.baseFilename}.{index}"
                if os.path.exists(older):
                    os.replace(older, f"{self.baseFilename}.{index + 1}")
            if aside:
                os.replace(aside, f"{self.baseFilename}.1")
        except OSError:
            self._retry_after = time.monotonic() + RETRY_ROTATION_SECONDS
        self.stream = self._open()


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the program's log records to the rotating file; idempotent."""
    path = log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = SharedRotatingFileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
