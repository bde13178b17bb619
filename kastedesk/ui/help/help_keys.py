"""F1 and Ctrl+F1 in every window, kept apart from the guide's window.

The keys are given once the main window has shown, in the event loop's first round,
where the window's first paint also happens. The guide's window and the shortcuts
list are imported when one of the keys is first pressed: their modules make a dozen
widget classes and Qt's namespace of enums (about 40 ms), which the first paint
waited for while they were imported here.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from kastedesk.ui.help.keys import SHORTCUTS_KEY
from kastedesk.ui.one_per_app import one_per_app
from kastedesk.ui.screen_fit import ActivationWatcher

HAS_HELP_KEYS = "kastedesk_help_keys"  # a window given F1 and Ctrl+F1 already
IS_GUIDE = "kastedesk_guide_window"  # the guide's own window: F1 there would open itself


class HelpKeys(ActivationWatcher):
    """F1 (the platform's help key) in any window opens the guide at its page;
    Ctrl+F1 in a dialog lists that dialog's keyboard shortcuts (the main window
    has Help → User guide and Help → Keyboard shortcuts on the same keys).

    Each window gets the two keys as its own shortcuts when it first becomes the
    active window."""

    def window_activated(self, widget: QWidget) -> None:
        if widget.property(HAS_HELP_KEYS):
            return
        widget.setProperty(HAS_HELP_KEYS, True)
        if isinstance(widget, QDialog):
            listing = QShortcut(SHORTCUTS_KEY, widget)
            listing.activated.connect(partial(_list_shortcuts, widget))
        if not (isinstance(widget, QMainWindow) or widget.property(IS_GUIDE)):
            guide = QShortcut(QKeySequence.StandardKey.HelpContents, widget)
            guide.activated.connect(partial(_guide_for, widget))


def _list_shortcuts(dialog: QDialog) -> None:
    """Ctrl+F1 in *dialog*: the list of its keys."""
    from kastedesk.ui.help.shortcuts import show_dialog_shortcuts

    show_dialog_shortcuts(dialog)


def _guide_for(window: QWidget) -> None:
    """F1 in *window*: the page of the field that has the focus there."""
    from kastedesk.ui.help.help_window import show_guide

    focus = QApplication.focusWidget()
    show_guide(focus if focus is not None and focus.window() is window else window)


def install_help_keys(app: QApplication) -> HelpKeys:
    """Give F1 and Ctrl+F1 to every window of *app* from now on (once); returns the keeper."""
    return one_per_app(app, HelpKeys)
