"""Export feedback bundle: all workshops or the chosen ones, optionally only what changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.formatting import format_count, format_date, format_datetime
from kastedesk.i18n import _, ngettext
from kastedesk.services.bundles.exporter import (
    ExportSummary,
    default_bundle_name,
    export_bundle,
    last_export_at,
)
from kastedesk.services.bundles.format import SUFFIX, file_filter
from kastedesk.services.workshops import list_workshops
from kastedesk.storage.database import Database
from kastedesk.ui.bundles import worker
from kastedesk.ui.file_dialogs import FileKind, save_file_name


class ExportDialog(QDialog):
    help_topic = "bundles"  # the user guide's page (F1)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.summary: ExportSummary | None = None
        self._job: worker.Job | None = None
        self.all_button = QRadioButton()
        self.chosen_button = QRadioButton()
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.all_button)
        self.scope.addButton(self.chosen_button)
        self.all_button.setChecked(True)
        self.workshops = QListWidget()
        self.workshops.setAccessibleName(_("Workshops to export"))
        self.workshops.setEnabled(False)
        self.chosen_button.toggled.connect(self.workshops.setEnabled)
        self.since_last = QCheckBox()
        self.last_export = last_export_at(db)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.all_button,
            self.chosen_button,
            self.workshops,
            self.since_last,
            self.message,
            self.progress,
            self.buttons,
        ):
            layout.addWidget(widget)
        for row in list_workshops(db):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole + 1, row)
            self.workshops.addItem(item)
        self.resize(520, 460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export feedback bundle"))
        self.all_button.setText(_("&All workshops"))
        self.chosen_button.setText(_("&Chosen workshops:"))
        if self.last_export is None:
            self.since_last.setText(_("Only what changed since the last export (none yet)"))
        else:
            self.since_last.setText(
                _("Only what changed since the last export ({when})").format(
                    when=format_datetime(self.last_export)
                )
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Export…"))
        for n in range(self.workshops.count()):
            item = self.workshops.item(n)
            row = item.data(Qt.ItemDataRole.UserRole + 1)
            count = ngettext("{n} response", "{n} responses", row.responses).format(
                n=format_count(row.responses)
            )
            date = format_date(row.date) if row.date else "–"
            item.setText(f"{date}  {row.title} ({count})")

    def chosen_ids(self) -> list[int] | None:
        if self.all_button.isChecked():
            return None
        return [
            self.workshops.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.workshops.count())
            if self.workshops.item(n).checkState() == Qt.CheckState.Checked
        ]

    def choose_file(self) -> None:
        ids = self.chosen_ids()
        if ids == []:
            self.message.setText(_("Choose at least one workshop."))
            return
        chosen, _filter = save_file_name(
            self, FileKind.BUNDLES, _("Export feedback bundle"), default_bundle_name(self.db),
            file_filter(),
        )  # fmt: skip
        if chosen is not None:
            path = str(chosen)
            if not path.endswith(SUFFIX):
                path += SUFFIX
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the bundle in a worker; the dialog closes with a summary when done."""
        ids, since = self.chosen_ids(), self.since_last.isChecked()
        self.buttons.setEnabled(False)
        self.progress.show()
        self.message.setText(_("Writing {path}…").format(path=path))
        self._job = worker.start(
            lambda: export_bundle(self.db, path, ids, since), self._done, self._failed
        )

    def reject(self) -> None:
        """Escape and the window's close button wait while the bundle is written: a closed
        dialog is deleted (kastedesk/ui/modal.py), and the user would never hear how the
        export ended."""
        if self.buttons.isEnabled():
            super().reject()

    def _done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.progress.hide()
        self.accept()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.buttons.setEnabled(True)
        self.message.setText(message)
