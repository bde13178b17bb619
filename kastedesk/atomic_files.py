"""Write files so that a failure never leaves a half-written one behind.

A file is written under a hidden temporary name beside its target, flushed to
disk, and only then put in the target's place. Windows lets antivirus scanners,
OneDrive and the search indexer hold a fresh file for a moment, so the replace
is retried briefly before the user is told the file is in use. A write that is
killed half-way leaves its temporary file behind: each one is noted in the
user's data folder while it exists, and :func:`remove_stale_temporaries` (run
at every start) deletes those whose process is gone.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kastedesk.i18n import _
from kastedesk.paths import user_data_dir

log = logging.getLogger(__name__)

# Windows: ERROR_ACCESS_DENIED and ERROR_SHARING_VIOLATION, what a scanner's brief
# hold on a file looks like to os.replace. Elsewhere the same shows as EACCES.
_BUSY_WINERRORS = (5, 32)
# Pauses between attempts: about half a second in all before giving up.
REPLACE_PAUSES = (0.05, 0.1, 0.15, 0.2)
PENDING_FOLDER = "writing"  # in the user's data folder: one note per unfinished write
TEMP_SUFFIX = ".tmp"
# A note older than this is stale even when its process id has been reused.
STALE_AFTER_SECONDS = 24 * 3600


class FileWriteError(OSError):
    """The target cannot be written; the message says why, in the user's language."""


def _pause(seconds: float) -> None:
    time.sleep(seconds)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target*; on success it replaces *target*.

    A target that is open in another program (Word and Excel lock their files
    on Windows), read-only or in a folder we cannot write gets a
    :class:`FileWriteError` with a clear message, and the old file stays as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    _refuse_read_only(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise FileWriteError(
            _("Cannot write in the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    os.close(fd)
    tmp = Path(name)
    note = _note_pending(tmp)
    try:
        yield tmp
        _give_mode(tmp, target)
        _flush_to_disk(tmp)
        _replace(tmp, target)
        _flush_folder(folder)
    finally:
        tmp.unlink(missing_ok=True)
        if note is not None:
            note.unlink(missing_ok=True)


def _refuse_read_only(target: Path) -> None:
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise FileWriteError(
            _(
                "{path} is read-only. Save under another name, or clear the file's "
                "read-only setting first."
            ).format(path=target)
        )


def is_busy(exc: OSError) -> bool:
    """Access denied or a sharing violation: on Windows often a scanner's brief hold."""
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in _BUSY_WINERRORS
    return isinstance(exc, PermissionError) and exc.errno in (errno.EACCES, errno.EPERM)


def _replace(tmp: Path, target: Path) -> None:
    """``os.replace``, tried again a few times while the target is briefly held."""
    for pause in (*REPLACE_PAUSES, None):
        try:
            os.replace(tmp, target)
            return
        except OSError as exc:
            if not is_busy(exc):
                raise
            if pause is None:
                raise FileWriteError(
                    _(
                        "Cannot replace {path}: it may be open in another program or "
                        "read-only. Close it or save under another name."
                    ).format(path=target)
                ) from exc
            log.info("%s is busy (%s); trying again", target, exc)
            _pause(pause)


def _flush_to_disk(path: Path) -> None:
    """The finished file's bytes are on disk before it takes the old file's place."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _flush_folder(folder: Path) -> None:
    """The rename itself is durable (POSIX; Windows has no directory handles for this)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(fd)


def _give_mode(tmp: Path, target: Path) -> None:
    """The permissions a new file would get (mkstemp makes it private), or the old file's."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


# --- temporary files of killed writes -----------------------------------------------------


def _pending_folder() -> Path:
    return user_data_dir() / PENDING_FOLDER


def _note_pending(tmp: Path) -> Path | None:
    """Note *tmp* with this process's id; None when the data folder cannot be written."""
    try:
        folder = _pending_folder()
        folder.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".txt", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(str(tmp.absolute()))
    except OSError as exc:
        log.warning("Cannot note the temporary file %s: %s", tmp, exc)
        return None
    return Path(name)


def remove_stale_temporaries() -> list[Path]:
    """Delete temporary files left by writes whose process is gone; returns them."""
    try:
        notes = sorted(_pending_folder().glob("*.txt"))
    except OSError:
        return []
    removed: list[Path] = []
    now = time.time()
    for note in notes:
        try:
            pid = int(note.name.split("-", 1)[0])
            age = now - note.stat().st_mtime
            if age < STALE_AFTER_SECONDS and (pid == os.getpid() or process_exists(pid)):
                continue
            tmp = Path(note.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        # Only ever a file this module names: hidden, ending in .tmp.
        if tmp.name.startswith(".") and tmp.name.endswith(TEMP_SUFFIX) and tmp.is_file():
            try:
                tmp.unlink()
                removed.append(tmp)
                log.info("Removed %s, left by an interrupted write", tmp)
            except OSError as exc:
                log.warning("Cannot remove %s: %s", tmp, exc)
                continue
        note.unlink(missing_ok=True)
    return removed


def process_exists(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
