"""Edit a project's list of modules / themes (code, Finnish and Swedish name)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.workshops import ModuleRow, list_modules, save_modules
from kastedesk.storage.database import Database
from kastedesk.ui.form_errors import error_label

ID_ROLE = Qt.ItemDataRole.UserRole


class ModulesDialog(QDialog):
    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.project_id = project_id
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(_("Modules"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 260)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row(None, "", "", ""))
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_row)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for module in list_modules(db, project_id):
            self.add_row(module.id, module.code, module.name_fi, module.name_sv)
        self.resize(640, 360)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Modules of the project"))
        self.table.setHorizontalHeaderLabels([_("Code"), _("Name (Finnish)"), _("Name (Swedish)")])
        self.add_button.setText(_("&Add module"))
        self.remove_button.setText(_("&Remove module"))

    def add_row(self, module_id: int | None, code: str, name_fi: str, name_sv: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((code, name_fi, name_sv)):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, module_id)
            self.table.setItem(row, column, item)
        self.table.setCurrentCell(row, 0)

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def modules(self) -> list[ModuleRow]:
        rows = []
        for row in range(self.table.rowCount()):
            texts = [(self.table.item(row, c) or QTableWidgetItem("")).text() for c in range(3)]
            first = self.table.item(row, 0)
            rows.append(ModuleRow(first.data(ID_ROLE) if first else None, *texts))
        return rows

    def accept(self) -> None:
        try:
            save_modules(self.db, self.project_id, self.modules())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
