"""Python's cycle collector runs in the window's thread only.

The collector runs in whichever thread passes its allocation threshold, and the
bundle work, the background backup and the import planning run in worker threads.
A collection there frees whatever cyclic garbage exists, closed dialogs and their
widgets included, and a widget deleted outside the GUI thread corrupts Qt's state:
the program crashes later, somewhere else (seen once in the tests, a segfault in the
window's next database read while a bundle was being planned).

So the automatic collector is off while the window runs, and a timer in the GUI
thread collects with the collector's own thresholds, as calibre and pyqtgraph do.
Reference counting still frees everything that is not a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from kastedesk.ui.one_per_app import one_per_app

INTERVAL_MS = 1000  # garbage in cycles waits at most this long


class MainThreadCollector(QObject):
    """Turns the automatic collector off and collects from a timer of this thread."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; what was freed."""
        return collect_due()


def collect_due() -> int:
    """What the automatic collector would have done by now: the youngest generation when
    it passed its threshold, an older one too when its count did (Python's own rule).

    As in CPython, the oldest generation waits until a quarter as many objects as it held
    after its last collection have been added to it: a full collection walks every
    object of the program, and running one each time its count passes would make a
    program that keeps many objects (a large meeting list, a test session) quadratic.
    """
    global _long_lived_total
    threshold = gc.get_threshold()
    counts = gc.get_count()
    generation = -1
    for level in range(3):
        if counts[level] <= threshold[level]:
            break
        generation = level
    if generation == 2 and _long_lived_pending() < _long_lived_total // 4:
        generation = 1
    if generation < 0:
        return 0
    freed = gc.collect(generation)
    if generation == 2:
        _long_lived_total = len(gc.get_objects(generation=2))
    return freed


_long_lived_total = 0  # objects in the oldest generation after its last collection


def _long_lived_pending() -> int:
    """Objects added to the oldest generation since its last collection."""
    return len(gc.get_objects(generation=2)) - _long_lived_total


def install(app: QObject) -> MainThreadCollector:
    """The application's collector (one, however often this is called)."""
    return one_per_app(app, MainThreadCollector)
