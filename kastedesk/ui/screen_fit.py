"""Every window and dialog fits the screen's available area.

A 1920×1080 screen at 150 % scaling leaves about 1280×672 for windows once the
taskbar is taken off; a dialog taller than that hides its OK and Cancel
buttons below the screen's edge. The ScreenFitter makes every top-level
window, whenever it is shown, no larger than the available area of its screen
and moves it fully onto that screen; a dialog grows when
a message shown in it (an error under a field) wraps onto more lines
(``grow_to_fit``, called by the error lines of kastedesk.ui.form_errors). Dialogs whose content
can be long (forms, previews) hold it in a scroll area, so they can shrink.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QLayout, QMainWindow, QWidget

from kastedesk.ui.one_per_app import one_per_app

# Qt's namespace (QtCore.Qt) is read where used, not at import: PySide6 makes all of its
# hundred enums on first use, about 20 ms the window does not need before it shows.
_FITTED = "kastedesk_fitted"  # True: fitted since shown; False: hidden since; None: new


def available_geometry(widget: QWidget) -> QRect:
    """The part of *widget*'s screen that windows may use (without the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fills_most_of_screen(widget: QWidget, share: float = 0.85) -> bool:
    """Whether *widget* takes more than *share* of its screen's available width or height:
    a laptop's screen (1366×768, or 1920×1080 at 125 % or 150 %), where a window left
    at its first size wastes a strip of the little room there is."""
    area = available_geometry(widget)
    return widget.width() > share * area.width() or widget.height() > share * area.height()


def fit_to_screen(widget: QWidget) -> None:
    """Shrink *widget* (a window) to the available area and move it onto it."""
    area = available_geometry(widget)
    frame, inner = widget.frameGeometry(), widget.geometry()
    border_w = max(0, frame.width() - inner.width())
    border_h = max(0, frame.height() - inner.height())
    width = min(widget.width(), area.width() - border_w)
    height = min(widget.height(), area.height() - border_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.left(), area.left()), area.left() + area.width() - frame.width())
    y = min(max(frame.top(), area.top()), area.top() + area.height() - frame.height())
    if (x, y) != (frame.left(), frame.top()):
        widget.move(max(x, area.left()), max(y, area.top()))


def relayout(window: QWidget, parts: Iterable[QWidget]) -> None:
    """Lay out again now the layouts holding *parts* in *window*, the innermost first.

    A form inside a widget inside the window keeps the heights it computed
    before a message changed until its own layout runs again; measuring the
    window before that would see the old heights. Only the layouts between each
    part and the window are redone (each PySide6 call that returns nothing is
    kept few: see the note in form_errors).
    """
    layouts: list[QLayout] = []
    for part in parts:
        widget: QWidget | None = part.parentWidget()
        while widget is not None:
            # The widget's own layout (activating it redoes the layouts nested in it).
            for layout in widget.findChildren(
                QLayout, "", QtCore.Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if layout not in layouts:
                    layouts.append(layout)
            if widget is window:
                break
            widget = widget.parentWidget()
    for layout in layouts:
        layout.invalidate()
        layout.activate()


def grow_to_fit(window: QWidget, parts: Iterable[QWidget] = ()) -> None:
    """Taller (never narrower, never past the screen) when wrapped text needs the room.

    A top-level layout keeps a window at least its minimum size, but that size
    ignores how tall word-wrapped labels become at the window's width; an error
    message would be cut off. Windows that would pass the screen's edge hold
    their long content in a scroll area. *parts*: what changed (laid out again first).
    """
    layout = window.layout()
    if layout is None:
        return
    parts = list(parts)
    relayout(window, parts)
    needed = window.minimumSizeHint().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(window.width()))
    if needed <= window.height():
        return
    border = max(0, window.frameGeometry().height() - window.geometry().height())
    room = available_geometry(window).height() - border
    height = min(needed, room)
    if height > window.height():
        window.resize(window.width(), height)
        fit_to_screen(window)
        relayout(window, parts)


def fits(widget: QWidget) -> bool:
    """True when *widget* lies within its screen's available area."""
    return available_geometry(widget).contains(widget.frameGeometry())


def window_widget(window: QWindow | None) -> QWidget | None:
    """The window or dialog shown in *window* (None for a popup, a tooltip or no widget)."""
    if window is None:
        return None
    for widget in QApplication.topLevelWidgets():
        if widget.windowHandle() == window:
            if isinstance(widget, QMainWindow | QDialog):
                # Not asking for its type: the first use of Qt's namespace makes all of
                # its enums (about 20 ms), and the main window is activated at its first
                # paint.
                return widget
            kinds = (QtCore.Qt.WindowType.Window, QtCore.Qt.WindowType.Dialog)
            return widget if widget.windowType() in kinds else None
    return None


class ActivationWatcher(QObject):
    """Calls :meth:`window_activated` with each window or dialog as it becomes the
    active window (and at once with the one active now).

    For what every window of the program gets. Not an event filter on the
    application: Qt would call Python for every event of the program, and building
    a window took about twice as long."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusWindowChanged.connect(self._focus_window_changed)
        self._focus_window_changed(app.focusWindow())

    def _focus_window_changed(self, window: QWindow | None) -> None:
        widget = window_widget(window)
        if widget is not None:
            self.window_activated(widget)

    def window_activated(self, widget: QWidget) -> None:
        raise NotImplementedError


class ScreenFitter(ActivationWatcher):
    """Fits each top-level window to the screen as it is shown.

    A window is fitted when it becomes the active window after being shown (before
    its first paint); a filter on that window alone, which sees only its own few
    events, notes when it is hidden and shown again, to fit it again."""

    def window_activated(self, widget: QWidget) -> None:
        if widget.property(_FITTED):
            return
        if widget.property(_FITTED) is None:  # the first time: watch it being hidden
            widget.installEventFilter(self)
        widget.setProperty(_FITTED, True)
        fit_to_screen(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # isinstance, not event.type(): the event's class is chosen in C++, a type() is a
        # Python enum made for each event.
        if not (isinstance(watched, QWidget) and watched.isWindow()):
            return False
        if isinstance(event, QHideEvent):
            watched.setProperty(_FITTED, False)
        elif isinstance(event, QShowEvent) and watched.property(_FITTED) is False:
            # Shown again: fitted once placed (a dialog centres itself after this event).
            QTimer.singleShot(0, watched, lambda: self._fit_again(watched))
        return False

    @staticmethod
    def _fit_again(window: QWidget) -> None:
        if window.isVisible() and not window.property(_FITTED):
            window.setProperty(_FITTED, True)
            fit_to_screen(window)


def install(app: QApplication) -> ScreenFitter:
    """Fit every window of *app* from now on (once per application)."""
    return one_per_app(app, ScreenFitter)
