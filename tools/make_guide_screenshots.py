"""Screenshots for the user guide, taken from the real program (``make docs``).

Offscreen, on demo data in a temporary database, in Finnish and in Swedish: the
main window on every tab (1366×768, the smallest screen the program is made
for) and the dialogs the guide shows. Written as PNG under
``resources/guide/img/<lang>/``, scaled down and stored with a small palette so
the whole set stays small. Run it again whenever the screens change; the guide
names its pictures, and ``tests/ui/test_guide.py`` checks that every one exists.

Usage: ``python tools/make_guide_screenshots.py [--out DIR] [--lang fi] [--scale 1.5]``
(``--scale`` sets QT_SCALE_FACTOR, for checking that nothing is cut off at 150 %;
``--high-contrast`` uses a palette like Windows' "High contrast black" and
``--font-size 14`` a larger system font, for checking what those users see).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    from kastedesk.storage.database import Database
    from kastedesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1366, 768)
WIDTH = 1024  # pictures in the guide are scaled to this width at most
AUTHOR = "Aino Lehto"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "guide" / "img")
    parser.add_argument("--lang", action="append", choices=["fi", "sv", "en"])
    parser.add_argument("--scale", type=float, help="QT_SCALE_FACTOR; keeps full size")
    parser.add_argument(
        "--high-contrast", action="store_true", help="a high-contrast palette (white on black)"
    )
    parser.add_argument("--font-size", type=float, help="the system font size, in points")
    args = parser.parse_args(argv)
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    with tempfile.TemporaryDirectory(prefix="kastedesk-guide-") as temp:
        if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
            os.environ["QT_QPA_PLATFORM"] = offscreen_screen(Path(temp))
        os.environ["KASTEDESK_DATA_DIR"] = str(Path(temp) / "data")
        os.environ["KASTEDESK_LOG_DIR"] = str(Path(temp) / "log")
        sys.path.insert(0, str(ROOT))
        looks = Looks(args.high_contrast, args.font_size)
        shrink = not (args.scale or args.high_contrast or args.font_size)
        written = take_all(Path(temp), args.out, args.lang or ["fi", "sv"], shrink, looks)
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} screenshots, {total / 1e6:.2f} MB, in {args.out}")
    return 0


def offscreen_screen(folder: Path) -> str:
    """The offscreen platform with one 1366×768 screen (its default is 800×800)."""
    config = folder / "screen.json"
    width, height = SCREEN
    screen = {"name": "guide", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}))
    return f"offscreen:configfile={config}"


@dataclass(frozen=True)
class Looks:
    """What the system's accessibility settings would change: the palette, the font size."""

    high_contrast: bool = False
    font_size: float | None = None


def apply_looks(app: QApplication, looks: Looks) -> None:
    """As Qt applies Windows' high-contrast theme and font size: the app's palette and font."""
    from kastedesk.ui import theme

    if looks.high_contrast:
        app.setProperty(theme.HIGH_CONTRAST_PROPERTY, True)
        app.setPalette(theme.high_contrast_palette())
    if looks.font_size:
        font = app.font()
        font.setPointSizeF(looks.font_size)
        app.setFont(font)


def take_all(
    temp: Path, out: Path, langs: list[str], shrink: bool, looks: Looks | None = None
) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kastedesk import i18n
    from kastedesk.services.demo import load_demo
    from kastedesk.storage.database import resolve_url
    from kastedesk.storage.migrate import open_database
    from kastedesk.ui.app import create_application
    from kastedesk.ui.main_window import AUTHOR_SETTING, MainWindow
    from kastedesk.ui.qt_translations import QtTranslations

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else create_application([sys.argv[0]])
    apply_looks(app, looks or Looks())
    db = open_database(resolve_url(temp / "demo.sqlite"))
    db.set_author(AUTHOR)  # the history shows a person, not the login of whoever ran this
    load_demo(db, dt.date(2026, 9, 1))
    settings = QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(AUTHOR_SETTING, AUTHOR)
    window = MainWindow(db, settings, QtTranslations(app))
    window.ask_about_drafts = lambda _text: None  # type: ignore[method-assign,assignment]
    # The whole screen, as a maximised window (at QT_SCALE_FACTOR 1.5: 911×512 logical).
    window.resize(app.primaryScreen().availableGeometry().size())
    window.show()
    window.load_all_pages()
    written: list[Path] = []
    previous = i18n.current_language()
    try:
        for lang in langs:
            window.set_language(lang)
            # The status bar would show the temporary folder: show the usual file name.
            window._db_label.setText(
                i18n._("Database: {database}").format(database="kastedesk.sqlite")
            )
            folder = out / lang
            folder.mkdir(parents=True, exist_ok=True)
            for name, widget in shots(window, db):
                settle(app)
                path = folder / f"{name}.png"
                save(widget.grab().toImage(), path, shrink)
                written.append(path)
                if widget is not window:
                    widget.close()
                    widget.deleteLater()
    finally:
        window.close()
        window.deleteLater()
        db.dispose()
        window.set_language(previous)
        QApplication.processEvents()
    return written


def settle(app: QApplication) -> None:
    for _round in range(3):
        app.processEvents()


def shots(window: MainWindow, db: Database) -> Iterator[tuple[str, QWidget]]:
    """(name, widget) pairs, each set up just before it is taken."""
    from kastedesk.services.workshops import list_workshops
    from kastedesk.ui.bundles.export_dialog import ExportDialog
    from kastedesk.ui.feedback.entry import FeedbackEntryDialog
    from kastedesk.ui.meetings.details_form import NewMeetingDialog
    from kastedesk.ui.members.member_dialog import MemberDialog
    from kastedesk.ui.restore_dialog import RestoreDialog
    from kastedesk.ui.server_dialog import ServerDialog
    from kastedesk.ui.workshops.editor import WorkshopDialog

    def tab(key: str) -> Any:  # the page's own class
        page = window.page(key)
        window.tabs.setCurrentWidget(page)
        return page

    tab("members")
    yield "members", window
    meetings = tab("meetings")
    if meetings.model.rowCount():
        meetings.table.selectRow(0)
    for index, name in enumerate(["meetings", "agenda", "attendance", "minutes"]):
        meetings.editor.tabs.setCurrentIndex(index)
        yield name, window
    tab("workshops")
    yield "workshops", window
    feedback = tab("feedback")
    for index, name in enumerate(["feedback", "forms", "exchange"]):
        feedback.inner.setCurrentIndex(index)
        yield name, window
    tab("evaluation")
    yield "evaluation", window
    tab("costs")
    yield "costs", window

    workshop_id = list_workshops(db)[0].id
    dialogs: list[tuple[str, Callable[[], QWidget]]] = [
        ("dialog-new-meeting", lambda: NewMeetingDialog(db, 1, "fi+sv", dt.date(2026, 9, 15))),
        ("dialog-member", lambda: MemberDialog(None, [], lambda _d: 1, [])),
        ("dialog-workshop", lambda: WorkshopDialog(db, workshop_id, 1)),
        ("dialog-entry", lambda: FeedbackEntryDialog(db, workshop_id)),
        ("dialog-bundle-export", lambda: ExportDialog(db)),
        ("dialog-restore", lambda: RestoreDialog(Path(str(db.url.database)))),
        ("dialog-server", lambda: ServerDialog(lambda _r: 1)),
        ("help", lambda: window.show_guide("meetings")),
        ("shortcuts", window.show_shortcuts),
    ]
    for name, make in dialogs:
        dialog = make()
        dialog.show()
        yield name, dialog


def save(image: QImage, path: Path, shrink: bool) -> None:
    """Scale to the guide's width and keep 256 colours: a screen shot needs no more."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if shrink and image.width() > WIDTH:
        image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    if shrink:
        image = image.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        )
    if not image.save(str(path), None, 0):
        raise OSError(f"could not write {path}")


if __name__ == "__main__":
    raise SystemExit(main())
