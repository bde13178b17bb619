"""Standard streams for the windowed program.

The frozen KasteDesk.exe is a Windows GUI program: started from a console it
gets no ``sys.stdout`` or ``sys.stderr`` (they are ``None``). For a command such
as ``KasteDesk.exe --self-check`` it borrows the console it was started from,
if any; otherwise output is discarded, so that printing never crashes. The
self-check also writes its report to a file for exactly this case.
"""

from __future__ import annotations

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
