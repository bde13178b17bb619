"""A splitter whose position is kept between sessions (QSettings, per splitter key)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget


class RememberedSplitter(QSplitter):
    """Starts at *default_sizes*, or where the user last left it (saved when dragged)."""

    def __init__(
        self,
        key: str,
        default_sizes: Sequence[int],
        orientation: Qt.Orientation = Qt.Orientation.Horizontal,
        settings: Callable[[], QSettings] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(orientation, parent)
        self._key = f"splitters/{key}"
        self._default = list(default_sizes)
        self._settings = settings
        self.splitterMoved.connect(self._remember)

    def _store(self) -> QSettings:
        return (self._settings or QSettings)()  # looked up now: tests give their own file

    def restore(self) -> None:
        """Call after the widgets are added."""
        stored = self._store().value(self._key)
        sizes = self._default
        if isinstance(stored, list) and len(stored) == len(self._default):
            try:
                sizes = [max(int(s), 0) for s in stored]
            except (TypeError, ValueError):
                sizes = self._default
        self.setSizes(sizes)

    def _remember(self) -> None:
        settings = self._store()
        settings.setValue(self._key, [str(s) for s in self.sizes()])
        settings.sync()
