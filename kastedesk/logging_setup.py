"""A rotating log file in the user's log folder; nothing leaves the machine."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from kastedesk.paths import user_log_dir

LOG_NAME = "kastedesk.log"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the program's log records to the rotating file; idempotent."""
    path = log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
