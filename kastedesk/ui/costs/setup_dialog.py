"""Cost categories (fi and sv names) and the funding plan of a project, edited together."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.costs import FundingKind
from kastedesk.domain.money import format_basis_points, format_cents
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.costs import (
    CategoryEdit,
    CategoryRow,
    FundingData,
    FundingRow,
    read_funding_value,
)
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.form_errors import error_label

KIND_LABELS: dict[FundingKind, Callable[[], str]] = {
    FundingKind.STATE_GRANT: lambda: _("State grant"),
    FundingKind.OWN: lambda: _("Own share"),
    FundingKind.OTHER: lambda: _("Other funder"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class SetupDialog(QDialog):
    help_topic = "costs"  # the user guide's page (F1)

    def __init__(
        self,
        categories: Sequence[CategoryRow],
        funding: Sequence[FundingRow],
        save: Callable[[list[CategoryEdit], list[FundingData]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(_("Cost categories and funding plan"))
        self.categories = QTableWidget(0, 2)
        self.categories.setAccessibleName(_("Cost categories"))
        self.categories.setObjectName("setup_categories")
        self.categories.setHorizontalHeaderLabels([_("In Finnish"), _("In Swedish")])
        self.categories.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.categories.verticalHeader().hide()
        for category in categories:
            self._add_category_row(
                category.name_fi, category.name_sv, (category.id, category.version)
            )
        self.funding = QTableWidget(0, 4)
        self.funding.setAccessibleName(_("Funding"))
        self.funding.setObjectName("setup_funding")
        self.funding.setHorizontalHeaderLabels(
            [_("Kind"), _("In Finnish"), _("In Swedish"), _("Share or amount")]
        )
        self.funding.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.funding.verticalHeader().hide()
        for line in funding:
            value = (
                format_basis_points(line.share_bp)
                if line.share_bp is not None
                else format_cents(line.amount or 0, sign=False)
            )
            self._add_funding_row(line.kind, line.name_fi, line.name_sv, value)
        add_category = QPushButton(_("&Add category"))
        add_category.clicked.connect(lambda: self._add_category_row("", "", None, edit=True))
        remove_category = QPushButton(_("&Remove category"))
        remove_category.clicked.connect(lambda: self._remove(self.categories))
        add_funder = QPushButton(_("Add &funder"))
        add_funder.clicked.connect(self._new_funder)
        remove_funder = QPushButton(_("Remo&ve funder"))
        remove_funder.clicked.connect(lambda: self._remove(self.funding))
        hint = QLabel(
            _("A share is written with %, e.g. 75 %; a fixed amount in euros, e.g. 12 000,00.")
        )
        hint.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Cost categories")))
        layout.addWidget(self.categories, 3)
        layout.addLayout(_buttons(add_category, remove_category))
        layout.addWidget(QLabel(_("Funding plan")))
        layout.addWidget(self.funding, 2)
        layout.addLayout(_buttons(add_funder, remove_funder))
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 600)

    def _add_category_row(self, fi: str, sv: str, key, edit: bool = False) -> None:
        row = self.categories.rowCount()
        self.categories.insertRow(row)
        first = QTableWidgetItem(fi)
        first.setData(ID_ROLE, key)
        self.categories.setItem(row, 0, first)
        self.categories.setItem(row, 1, QTableWidgetItem(sv))
        if edit:
            self.categories.setCurrentCell(row, 0)
            self.categories.editItem(first)

    def _add_funding_row(self, kind: FundingKind, fi: str, sv: str, value: str) -> None:
        row = self.funding.rowCount()
        self.funding.insertRow(row)
        combo = QComboBox()
        for item_kind, label in KIND_LABELS.items():
            combo.addItem(label(), item_kind.value)
        combo.setCurrentIndex(max(combo.findData(kind.value), 0))
        self.funding.setCellWidget(row, 0, combo)
        for column, text in ((1, fi), (2, sv), (3, value)):
            self.funding.setItem(row, column, QTableWidgetItem(text))

    def _new_funder(self) -> None:
        self._add_funding_row(FundingKind.OTHER, "", "", "")
        self.funding.setCurrentCell(self.funding.rowCount() - 1, 1)

    @staticmethod
    def _remove(table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    def collect(self) -> tuple[list[CategoryEdit], list[FundingData]]:
        categories = []
        for row in range(self.categories.rowCount()):
            first = self.categories.item(row, 0)
            key = first.data(ID_ROLE) if first else None
            category_id, version = key if key else (None, None)
            categories.append(
                CategoryEdit(
                    category_id,
                    self._text(self.categories, row, 0),
                    self._text(self.categories, row, 1),
                    version,
                )
            )
        funding = []
        for row in range(self.funding.rowCount()):
            combo = self.funding.cellWidget(row, 0)
            assert isinstance(combo, QComboBox)
            share, amount = read_funding_value(self._text(self.funding, row, 3), "value")
            funding.append(
                FundingData(
                    FundingKind(combo.currentData()),
                    self._text(self.funding, row, 1),
                    self._text(self.funding, row, 2),
                    share,
                    amount,
                )
            )
        return categories, funding

    def accept(self) -> None:
        try:
            categories, funding = self.collect()
            self._save(categories, funding)
        except ValidationError as exc:
            self.error.setText(" ".join(exc.errors.values()))
            self.error.show()
            return
        except RecordChangedError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
