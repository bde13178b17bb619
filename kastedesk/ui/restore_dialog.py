"""File → Restore from backup…: the database's automatic backups, and where they are kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.formatting import format_count, format_datetime, format_size
from kastedesk.i18n import _
from kastedesk.storage.backup_store import (
    BackedUp,
    BackupEntry,
    backups_root,
    database_folder,
    default_backups_root,
    list_backups,
    reason_label,
)
from kastedesk.storage.database import describe
from kastedesk.ui.file_dialogs import folder_name
from kastedesk.ui.row_table_model import (
    ROW_ROLE,
    Column,
    RowTableModel,
    count_column,
    one_line_rows,
)
from kastedesk.user_settings import BACKUP_FOLDER, write_setting


def _count(entry: BackupEntry, what: str) -> int | None:
    return getattr(entry.counts, what) if entry.counts else None


BACKUP_COLUMNS: list[Column[BackupEntry]] = [
    Column(lambda: _("Time"), lambda e: e.local_time, sort_key=lambda e: e.taken_at),
    Column(lambda: _("Reason"), lambda e: reason_label(e.reason)),
    Column(lambda: _("Size"), lambda e: format_size(e.size), lambda e: e.size, True),
    count_column(lambda: _("People"), lambda e: _count(e, "people")),
    count_column(lambda: _("Meetings"), lambda e: _count(e, "meetings")),
    count_column(lambda: _("Responses"), lambda e: _count(e, "responses")),
]


def confirmation_text(database: BackedUp, entry: BackupEntry) -> str:
    counts = entry.counts
    what = {
        "time": format_datetime(entry.taken_at),
        **{
            name: format_count(getattr(counts, name)) if counts else "?"
            for name in ("people", "meetings", "responses")
        },
    }
    if not isinstance(database, Path):  # a server database: others lose their work too
        return _(
            "Replace everything in the server database {database}, for everyone using it, "
            "with the backup of {time} ({people} people, {meetings} meetings, "
            "{responses} responses)?\n\n"
            "Changes saved after that time are lost for everyone. The database as it is now "
            "is kept as a backup first, so this can be undone by restoring that one."
        ).format(database=describe(database), **what)
    return _(
        "Replace the database {database} with the backup of {time} "
        "({people} people, {meetings} meetings, {responses} responses)?\n\n"
        "The database as it is now is kept as a backup first, so this can be undone "
        "by restoring that one."
    ).format(database=database, **what)


class RestoreDialog(QDialog):
    """Lists the backups of *database* (a file, or a server database's URL); accepting
    leaves the chosen one in ``chosen``."""

    help_topic = "backups"  # the user guide's page (F1)

    def __init__(self, database: BackedUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.chosen: BackupEntry | None = None
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model: RowTableModel[BackupEntry] = RowTableModel(BACKUP_COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        one_line_rows(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.empty_label = QLabel()
        self.change_folder_button = QPushButton()
        self.change_folder_button.clicked.connect(self.change_folder)
        self.default_folder_button = QPushButton()
        self.default_folder_button.clicked.connect(self.use_default_folder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.change_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.default_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.reload()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(760, 420)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        self.restore_button.setText(_("&Restore…"))
        self.change_folder_button.setText(_("&Change folder…"))
        self.default_folder_button.setText(_("&Default folder"))
        self.empty_label.setText(_("No backups of this database yet."))

    def reload(self) -> None:
        entries = list_backups(self.database)
        self.model.set_rows(entries)
        self.empty_label.setVisible(not entries)
        self.folder_label.setText(
            _(
                "Backups are taken automatically: once a day when the database is opened, "
                "and before every import, update and restore. Kept in {folder}"
            ).format(folder=database_folder(self.database))
        )
        if entries:
            self.table.selectRow(0)
        self.default_folder_button.setEnabled(backups_root() != default_backups_root())
        self._update_buttons()

    def selected(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def change_folder(self) -> None:
        folder = folder_name(self, _("Folder for backups"), backups_root())
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        """Keep backups in *folder* from now on (None: the default); for every database."""
        write_setting(BACKUP_FOLDER, str(folder) if folder else None)
        self.reload()

    def use_default_folder(self) -> None:
        self.set_folder(None)

    def accept(self) -> None:
        self.chosen = self.selected()
        if self.chosen is not None:
            super().accept()
