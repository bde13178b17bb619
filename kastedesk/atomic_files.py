"""Write files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kastedesk.i18n import _


class FileWriteError(OSError):
    """The target cannot be written; the message says why, in the user's language."""


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target*; on success it replaces *target*.

    A target that is open in another program (Word and Excel lock their files
    on Windows), read-only or in a folder we cannot write gets a
    :class:`FileWriteError` with a clear message, and the old file stays as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(
            _("Cannot write in the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _give_mode(tmp, target)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise FileWriteError(
                _(
                    "Cannot replace {path}: it may be open in another program or read-only. "
                    "Close it or save under another name."
                ).format(path=target)
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _give_mode(tmp: Path, target: Path) -> None:
    """The permissions a new file would get (mkstemp makes it private), or the old file's."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
