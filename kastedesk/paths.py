"""Where KasteDesk finds its own files and keeps the user's.

The program's read-only files (``resources/`` and the compiled catalogs) are
inside the package when installed or frozen, and at the top of the repository
when run from a source checkout. The user's files go to the platform's folders
(platformdirs); ``KASTEDESK_DATA_DIR`` and ``KASTEDESK_LOG_DIR`` override them,
for portable use and for tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from kastedesk import APP_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def _bundle_dir() -> Path:
    """The package folder of a PyInstaller bundle, else of the installed package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) / "kastedesk" if frozen_root else PACKAGE_DIR


def resources_dir() -> Path:
    inside = _bundle_dir() / "resources"
    return inside if inside.is_dir() else SOURCE_ROOT / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def locale_dir() -> Path:
    """Folder holding ``<lang>/LC_MESSAGES/kastedesk.mo``."""
    inside = _bundle_dir() / "locale"
    return inside if inside.is_dir() else SOURCE_ROOT / "translations"


def user_data_dir() -> Path:
    override = os.environ.get("KASTEDESK_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    override = os.environ.get("KASTEDESK_LOG_DIR")
    path = Path(override) if override else user_log_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "kastedesk.sqlite"


def demo_database_path() -> Path:
    """The demo data's own file: looking around never touches the user's database."""
    return user_data_dir() / "kastedesk-demo.sqlite"
