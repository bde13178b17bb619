"""Standard streams: UTF-8 into files and pipes, and a console for the windowed program.

Redirected or piped (``kastedesk list members --json > jäsenet.json``), Python
on Windows would write the ANSI code page (cp1252), which turns names that code
page lacks into errors and makes JSON that other programs misread. Output that
does not go to a console is therefore always UTF-8; a console keeps its own
encoding, and a character it cannot show is printed as an escape, never a crash.

The frozen KasteDesk.exe is a Windows GUI program: started from a console it
gets no ``sys.stdout`` or ``sys.stderr`` (they are ``None``). For a command such
as ``KasteDesk.exe --self-check`` it borrows the console it was started from,
if any; otherwise output is discarded, so that printing never crashes. The
self-check also writes its report to a file for exactly this case.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO


def _parent_console() -> TextIO | None:
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    if not kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        return None
    codepage = kernel32.GetConsoleOutputCP() or 65001
    return open("CONOUT$", "w", encoding=f"cp{codepage}", errors="replace")


def ensure_streams(attach: bool) -> None:
    """Give ``None`` streams a console (when *attach*) or a sink; real streams stay."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    target = (_parent_console() if attach else None) or open(  # noqa: SIM115
        os.devnull, "w", encoding="utf-8"
    )
    if sys.stdout is None:
        sys.stdout = target
    if sys.stderr is None:
        sys.stderr = target


def _is_console(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def configure_streams() -> None:
    """UTF-8 to files and pipes; a console keeps its encoding but never fails on a name."""
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        if _is_console(stream):
            if (stream.encoding or "").lower() not in ("utf-8", "utf8"):
                stream.reconfigure(errors="backslashreplace")
        elif (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.flush()
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def is_closed_pipe(exc: OSError) -> bool:
    """The reader of our output went away: EPIPE, or EINVAL on Windows.

    Windows reports writing into a closed pipe as "[Errno 22] Invalid argument".
    An EINVAL that names a file (a bad file name) is a real error and not this.
    """
    if isinstance(exc, BrokenPipeError):
        return True
    return (
        exc.errno == errno.EINVAL
        and exc.filename is None
        and exc.filename2 is None
        and sys.stdout is not None
        and not _is_console(sys.stdout)
    )


def silence_stdout() -> None:
    """Whatever is still buffered for the closed pipe goes nowhere, also at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, ValueError, OSError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
