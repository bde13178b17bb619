"""Settings the command line needs too, in ``settings.json`` in the user's data folder.

The window keeps its own look and feel in QSettings; what both the window and
the ``kastedesk`` command must agree on (where backups go) lives here, readable
without Qt. A missing or unreadable file means the defaults.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from kastedesk.atomic_files import atomic_path
from kastedesk.paths import user_data_dir

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
BACKUP_FOLDER = "backup_folder"


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE


def read_settings() -> dict[str, Any]:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def write_setting(key: str, value: Any) -> None:
    """Set *key* (None removes it) and write the file atomically."""
    data = read_settings()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    with atomic_path(settings_path()) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
