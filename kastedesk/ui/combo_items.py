"""Greying out one choice of a drop-down list."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox


def set_choice_enabled(combo: QComboBox, index: int, enabled: bool) -> None:
    """Let the user pick the *index*-th choice of *combo*, or show it greyed out.

    A combo box keeps its choices in a QStandardItemModel unless given another model;
    such a model (none here) has no per-choice flags to set.
    """
    model = combo.model()
    item = model.item(index) if isinstance(model, QStandardItemModel) else None
    if item is not None:
        item.setEnabled(enabled)
