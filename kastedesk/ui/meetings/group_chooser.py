"""A combo box of the project's groups ("TeHa – Ohjausryhmä")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from kastedesk.i18n import current_language
from kastedesk.services.registry import GroupRow


class GroupChooser(QComboBox):
    group_changed = Signal(object)  # group id or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[GroupRow] = []
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(lambda _i: self.group_changed.emit(self.group_id()))

    def set_groups(self, groups: list[GroupRow], choose: int | None = None) -> None:
        """Fill the list, keeping the chosen group when it is still there (or choosing
        *choose*); group_changed is sent once, if the choice changed."""
        keep = self.group_id()
        wanted = choose if choose is not None else keep
        self.blockSignals(True)
        self._groups = list(groups)
        self.clear()
        for group in self._groups:
            self.addItem(self._label(group), group.id)
        index = self.findData(wanted) if wanted is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if groups else -1))
        self.blockSignals(False)
        if self.group_id() != keep:
            self.group_changed.emit(self.group_id())

    def _label(self, group: GroupRow) -> str:
        name = group.name(current_language())
        return f"{group.project} – {name}" if group.project else name

    def group_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def select_group(self, group_id: int) -> None:
        index = self.findData(group_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def retranslate(self) -> None:
        for index, group in enumerate(self._groups):
            self.setItemText(index, self._label(group))
