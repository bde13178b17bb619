"""Small combo boxes for the Workshops and Feedback tabs: project, region, module, date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from kastedesk import i18n
from kastedesk.domain.regions import REGIONS
from kastedesk.i18n import _
from kastedesk.services.registry import ProjectRow
from kastedesk.services.workshops import ModuleRow
from kastedesk.ui.combo_fit import grow_to_items, tip_choice
from kastedesk.ui.date_field import DateField


class ProjectChooser(QComboBox):
    """The projects of the registry, optionally with "All projects" first."""

    project_changed = Signal(object)  # int | None

    def __init__(self, allow_all: bool = True) -> None:
        super().__init__()
        self._allow_all = allow_all
        self._projects: list[ProjectRow] = []
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentIndexChanged.connect(lambda _i: self.project_changed.emit(self.project_id()))
        tip_choice(self)  # a long name is cut short where the bar is narrow

    def set_projects(self, projects: Sequence[ProjectRow]) -> None:
        keep = self.project_id()
        self._projects = list(projects)
        self.blockSignals(True)
        self.clear()
        if self._allow_all:
            self.addItem("", None)
        for project in self._projects:
            self.addItem("", project.id)
        self.retranslate()
        index = self.findData(keep) if keep is not None else -1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.project_changed.emit(self.project_id())

    def project_id(self) -> int | None:
        chosen: int | None = self.currentData()
        return chosen

    def set_project_id(self, project_id: int | None) -> None:
        index = self.findData(project_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        offset = 1 if self._allow_all else 0
        if self._allow_all:
            self.setItemText(0, _("All projects"))
        for n, project in enumerate(self._projects):
            self.setItemText(n + offset, project.label(lang))
        grow_to_items(self)  # the whole name where the bar has room


class RegionCombo(QComboBox):
    """The 19 regions with an empty first choice ("All regions" or "—")."""

    def __init__(self, empty_text=None) -> None:
        super().__init__()
        self._empty_text = empty_text or (lambda: _("All regions"))
        self.addItem("", None)
        for region in REGIONS:
            self.addItem("", region.code)
        self.retranslate()

    def region(self) -> str | None:
        chosen: str | None = self.currentData()
        return chosen

    def set_region(self, code: str | None) -> None:
        self.setCurrentIndex(max(self.findData(code), 0))

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setItemText(0, self._empty_text())
        for n, region in enumerate(REGIONS, start=1):
            self.setItemText(n, region.name(lang))


class ModuleCombo(QComboBox):
    """A project's modules with an empty first choice; data is the module code or id."""

    def __init__(self, empty_text=None, data: str = "code") -> None:
        super().__init__()
        self._empty_text = empty_text or (lambda: _("All modules"))
        self._data = data
        self._modules: list[ModuleRow] = []
        self.set_modules([])

    def set_modules(self, modules: Sequence[ModuleRow]) -> None:
        keep = self.currentData()
        self._modules = list(modules)
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for module in self._modules:
            self.addItem("", module.code if self._data == "code" else module.id)
        self.retranslate()
        self.setCurrentIndex(max(self.findData(keep), 0) if keep is not None else 0)
        self.blockSignals(False)

    def value(self) -> Any:
        """The chosen module's code (str) or id (int), as the list was made to hold; None
        for all modules."""
        return self.currentData()

    def set_value(self, value) -> None:
        self.setCurrentIndex(max(self.findData(value), 0) if value is not None else 0)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setItemText(0, self._empty_text())
        for n, module in enumerate(self._modules, start=1):
            self.setItemText(n, module.label(lang))


class DateEdit(DateField):
    """A narrow date field for the filter rows."""

    def __init__(self) -> None:
        super().__init__()
        self.setMaximumWidth(110)

    def retranslate(self) -> None:
        self.retranslate_ui()
