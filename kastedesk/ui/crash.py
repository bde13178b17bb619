"""Unexpected errors: logged to the rotating file and shown in the UI language."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from kastedesk.i18n import _
from kastedesk.logging_setup import log_file
from kastedesk.ui.modal import run_modal

log = logging.getLogger("kastedesk.crash")
_showing = False


def show_unexpected_error(exc: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox  # its enums cost start-up time (screen_fit)

    global _showing
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        if (message := _known_failure(exc)) is not None:
            # Busy, full, read-only or damaged: the machine, not a bug; no traceback.
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(_("Could not finish"))
            box.setText(message)
            run_modal(box)
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Unexpected error"))
        box.setText(
            _(
                "Something went wrong: {error}\n\n"
                "Your saved data is safe. The details were written to {log}."
            ).format(error=_error_text(exc), log=log_file())
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
        run_modal(box)
    finally:
        _showing = False


def _known_failure(exc: BaseException) -> str | None:
    from kastedesk.storage.failures import failure_message  # loaded when something failed

    return failure_message(exc)


def _error_text(exc: BaseException) -> object:
    """What the box names: a database error without its statement and parameters."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from kastedesk.storage.failures import database_failure_text

    if isinstance(exc, SQLAlchemyError | sqlite3.Error):
        return database_failure_text(exc)
    return exc or type(exc).__name__


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    log.error("Unexpected error", exc_info=(exc_type, exc, tb))
    show_unexpected_error(exc)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    info = (args.exc_type, args.exc_value, args.exc_traceback)
    log.error("Unexpected error in a thread", exc_info=info)  # type: ignore[arg-type]  # value may be None


def install() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
