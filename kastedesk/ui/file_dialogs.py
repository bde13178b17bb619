"""Open and save dialogs that start in folders users can find.

Every file dialog of the program goes through here. A dialog starts in the
folder last used for that kind of file (remembered in QSettings under
``folders/<kind>``), else in the user's Documents folder (Qt's
``DocumentsLocation``, which follows a Documents folder redirected to
OneDrive), never in the hidden program data folder under ``%LOCALAPPDATA%``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

from kastedesk.paths import user_data_dir


class FileKind(StrEnum):
    """Kinds of files whose last folder is remembered separately."""

    BUNDLES = "bundles"
    DOCUMENTS = "documents"  # agendas, minutes, invitations, reports
    EXPORTS = "exports"  # spreadsheets of people and responses
    IMPORTS = "imports"  # spreadsheets to read people from
    BACKUPS = "backups"
    DATABASES = "databases"
    TEMPLATES = "templates"
    ATTACHMENTS = "attachments"


def documents_folder() -> Path:
    """The user's Documents folder (where OneDrive may have moved it), else home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(location) if location else Path.home()
    return path if path.is_dir() else Path.home()


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _in_program_data(folder: Path) -> bool:
    try:
        return folder.absolute().is_relative_to(user_data_dir().absolute())
    except OSError:
        return False


def start_folder(kind: FileKind, settings: QSettings | None = None) -> Path:
    """The folder last used for *kind*, if it still exists, else Documents."""
    saved = _settings(settings).value(f"folders/{kind}")
    if isinstance(saved, str) and saved:
        folder = Path(saved)
        if folder.is_dir() and not _in_program_data(folder):
            return folder
    return documents_folder()


def remember_folder(kind: FileKind, path: Path, settings: QSettings | None = None) -> None:
    """The next dialog for *kind* starts where *path* is."""
    _settings(settings).setValue(f"folders/{kind}", str(Path(path).parent))


def save_file_name(
    parent: QWidget | None,
    kind: FileKind,
    title: str,
    file_name: str | Path,
    file_filter: str = "",
    settings: QSettings | None = None,
) -> tuple[Path | None, str]:
    """Ask where to save *file_name*; (path or None when cancelled, the chosen filter).

    A bare name starts in :func:`start_folder`; a full path (one the user already
    typed into a form) is suggested as it is.
    """
    given = Path(file_name)
    suggested = given if given.is_absolute() else start_folder(kind, settings) / given
    name, chosen = QtWidgets.QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None, chosen
    path = Path(name)
    remember_folder(kind, path, settings)
    return path, chosen


def open_file_name(
    parent: QWidget | None,
    kind: FileKind,
    title: str,
    file_filter: str = "",
    settings: QSettings | None = None,
) -> Path | None:
    """Ask for an existing file of *kind*; None when cancelled."""
    name, _chosen = QtWidgets.QFileDialog.getOpenFileName(
        parent, title, str(start_folder(kind, settings)), file_filter
    )
    if not name:
        return None
    path = Path(name)
    remember_folder(kind, path, settings)
    return path


def folder_name(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Ask for a folder, starting in *start*; None when cancelled."""
    name = QtWidgets.QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None
