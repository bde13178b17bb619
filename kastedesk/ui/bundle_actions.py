"""What the window does with a ``.kastebundle`` it is given at start (``ui.open_files``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kastedesk.ui.main_window import MainWindow


def import_bundle_file(window: MainWindow, path: Path) -> None:
    """The same as File → Import feedback bundle… for *path*: a preview, then the import."""
    window.bundles.import_bundle(str(path))
