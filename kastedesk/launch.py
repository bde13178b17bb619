"""The program's entry point: the window starts without loading the command line.

``kastedesk`` and ``kastedesk --db X`` only open the window, so the command
modules (documents, bundles, feedback export …) are not imported for them:
that saves a good part of the start-up. Anything else goes to
:func:`kastedesk.cli.main.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def window_database(argv: Sequence[str]) -> tuple[str | None] | None:
    """``(db)`` when *argv* asks for the window only (``--db X`` at most), else None."""
    db: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            value = next(args, None)
            if value is None or value.startswith("-"):
                return None
            db = value
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            db = arg[len("--db=") :]
        else:
            return None
    return (db,)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    window = window_database(args)
    # Typed here: the command line and the window are outside mypy (Any to it).
    exit_code: int
    if window is None:
        from kastedesk.cli.main import main as command_line

        exit_code = command_line(args)
        return exit_code
    from kastedesk.cli.console import ensure_streams

    ensure_streams(attach=False)
    from kastedesk.ui.app import run_gui

    exit_code = run_gui(window[0])
    return exit_code
