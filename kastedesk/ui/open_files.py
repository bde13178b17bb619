"""Files handed to the program at start (Explorer opens a ``.kastebundle`` with KasteDesk).

The window opens a given feedback bundle with
``kastedesk.ui.bundle_actions.import_bundle_file(window, path)``, the same action
as File → Import feedback bundle…, which asks before importing. A build without
that module says so instead of failing.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from types import ModuleType

from PySide6 import QtWidgets
from PySide6.QtWidgets import QWidget

from kastedesk.i18n import _

BUNDLE_ACTIONS = "kastedesk.ui.bundle_actions"
log = logging.getLogger(__name__)


def bundle_actions() -> ModuleType | None:
    try:
        return importlib.import_module(BUNDLE_ACTIONS)
    except ModuleNotFoundError as exc:
        if exc.name != BUNDLE_ACTIONS:
            raise
        return None


def open_file(window: QWidget, path: Path) -> bool:
    """Offer to import *path*; False (after telling the user) when that cannot be done."""
    if not path.is_file():
        QtWidgets.QMessageBox.warning(
            window, _("Open file"), _("The file {path} does not exist.").format(path=path)
        )
        return False
    actions = bundle_actions()
    if actions is None:
        log.warning("Cannot import %s: no bundle import in this build", path)
        QtWidgets.QMessageBox.information(
            window,
            _("Open file"),
            _("This version of KasteDesk cannot import feedback bundles: {path}").format(path=path),
        )
        return False
    actions.import_bundle_file(window, path)
    return True
