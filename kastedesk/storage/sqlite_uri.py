"""SQLite ``file:`` URIs built from paths, with every special character percent-encoded.

Never build a ``file:`` URI by hand: a ``#`` in the path ends it (SQLite then
opens, and creates, another and empty database), ``?`` starts the parameters and
``%xx`` is decoded. The path is made absolute with ``absolute()``, not
``resolve()``, which would turn a Windows mapped drive into its UNC name.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

SQLITE_URI_MODES = ("ro", "rw", "rwc", "memory")


def sqlite_uri(path: str | os.PathLike[str], mode: str | None = "ro") -> str:
    """The URI for ``sqlite3.connect(uri, uri=True)`` that opens exactly *path*.

    POSIX paths give ``file:/abs/path``; Windows paths give ``file:///C:/dir/x``
    and, for a UNC share, ``file:////server/share/x``. A :class:`PureWindowsPath`
    is formatted the Windows way on any system (for tests); it must be absolute.
    *mode* is SQLite's ``mode`` parameter (``ro``, ``rw``, ``rwc``) or None.
    """
    if mode is not None and mode not in SQLITE_URI_MODES:
        raise ValueError(f"unknown SQLite open mode: {mode!r}")
    if os.name == "nt":
        text = _windows_path(Path(path))
    elif isinstance(path, PureWindowsPath):
        text = _windows_path(path)
    else:
        text = _posix_path(Path(path).absolute())
    query = f"?mode={mode}" if mode else ""
    return f"file:{text}{query}"


def _posix_path(path: Path) -> str:
    encoded = quote(path.as_posix(), safe="/")
    # "file://x" would name a host; a path that starts with "//" gets an empty authority.
    return f"//{encoded}" if encoded.startswith("//") else encoded


def _windows_path(path: PurePath) -> str:
    if isinstance(path, Path):
        path = path.absolute()
    if not path.is_absolute():
        raise ValueError(f"a Windows path must be absolute: {path}")
    posix = path.as_posix()  # C:/dir/x.sqlite, or //server/share/x.sqlite
    if posix.startswith("//"):
        return "//" + quote(posix, safe="/")
    drive, rest = posix[:2], posix[2:]
    return "///" + drive + quote(rest, safe="/")
