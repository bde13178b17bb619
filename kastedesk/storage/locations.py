"""Where a database file lives, and what that means for SQLite.

SQLite's WAL mode needs shared memory that network file systems cannot give
(sqlite.org/wal.html), and locks over SMB have corrupted databases; a folder
synchronised by OneDrive may upload a file half-written. A file on a network
drive therefore uses the rollback journal, and the user is told once that a
shared office should use the server database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import PurePath, PureWindowsPath

from kastedesk.i18n import _

DRIVE_REMOTE = 4  # GetDriveTypeW


def _windows_drive_type(root: str) -> int:
    import ctypes

    # ctypes.windll exists on Windows only; the caller asks on Windows only.
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def is_network_path(
    path: str | os.PathLike[str],
    *,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True for a UNC path (``\\\\server\\share\\…``) or a drive Windows calls remote.

    *windows* and *drive_type* let tests ask the Windows question on any system.
    """
    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    if not windows:
        return False
    win = PureWindowsPath(text)
    if win.drive.startswith(("\\\\", "//")):
        return True
    if len(win.drive) == 2 and win.drive[1] == ":":
        probe = drive_type or _windows_drive_type
        try:
            return probe(win.drive + "\\") == DRIVE_REMOTE
        except OSError:
            return False
    return False


def is_cloud_synced(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> bool:
    """True inside a OneDrive folder (personal or a work account's)."""
    env = os.environ if environ is None else environ
    text = os.path.normcase(os.fspath(path))
    for key in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        root = env.get(key)
        if root and text.startswith(os.path.normcase(root.rstrip("\\/")) + os.sep):
            return True
    return any(part.lower().startswith("onedrive") for part in PurePath(text).parts[:-1])


def location_warnings(path: str | os.PathLike[str], *, network: bool | None = None) -> list[str]:
    """What the user should know about keeping a database at *path*."""
    warnings: list[str] = []
    if is_network_path(path) if network is None else network:
        warnings.append(
            _(
                "The database {path} is on a network drive. KasteDesk uses it in a safer, "
                "slower mode; when several people work at once, a project office should use "
                "a server database instead."
            ).format(path=path)
        )
    if is_cloud_synced(path):
        warnings.append(
            _(
                "The database {path} is in a OneDrive folder. OneDrive may copy it while it "
                "is being written; keep the database in a local folder and its backups in "
                "OneDrive instead."
            ).format(path=path)
        )
    return warnings
