"""The two File menu actions, Export and Import feedback bundle…, and what they open.

Kept out of main_window.py: the window only calls ``install_bundle_actions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from kastedesk.i18n import _
from kastedesk.ui.modal import open_window_modal

if TYPE_CHECKING:  # the bundle code loads when a bundle action is first used, not at start
    from kastedesk.storage.database import Database
    from kastedesk.ui.bundles.export_dialog import ExportDialog
    from kastedesk.ui.bundles.import_dialog import ImportDialog
    from kastedesk.ui.main_window import MainWindow


class BundleActions(QObject):
    def __init__(self, window: MainWindow, menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.export_action = QAction(window)
        self.export_action.triggered.connect(self.export_bundle)
        self.import_action = QAction(window)
        self.import_action.triggered.connect(self.import_bundle)
        menu.insertActions(before, [self.export_action, self.import_action])
        menu.insertSeparator(before)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.export_action.setText(_("E&xport feedback bundle…"))
        self.export_action.setStatusTip(
            _("Write workshops, feedback forms and responses to a file for another laptop")
        )
        self.import_action.setText(_("&Import feedback bundle…"))
        self.import_action.setStatusTip(
            _("Merge a bundle from another laptop: preview first, nothing is overwritten")
        )

    @property
    def db(self) -> Database:
        return self.window.db

    def export_bundle(self) -> ExportDialog:
        from kastedesk.ui.bundles.export_dialog import ExportDialog

        dialog = ExportDialog(self.db, self.window)
        dialog.finished.connect(lambda _r: self._exported(dialog))
        open_window_modal(dialog)
        return dialog

    def _exported(self, dialog: ExportDialog) -> None:
        if dialog.summary is not None:
            from kastedesk.services.bundles.report import export_summary_text

            self.window.statusBar().showMessage(export_summary_text(dialog.summary), 10_000)

    def import_bundle(self, path: str | None = None) -> ImportDialog | None:
        from kastedesk.services.bundles.format import file_filter
        from kastedesk.ui.bundles.import_dialog import ImportDialog
        from kastedesk.ui.file_dialogs import FileKind, open_file_name

        if not path:
            chosen = open_file_name(
                self.window,
                FileKind.BUNDLES,
                _("Import feedback bundle"),
                file_filter() + ";;" + _("All files (*)"),
            )
            if chosen is None:
                return None
            path = str(chosen)
        dialog = ImportDialog(self.db, path, self.window)
        dialog.imported.connect(lambda _plan: self.window.reload_pages())
        dialog.show_conflicts.connect(self.window.show_bundle_conflicts)
        open_window_modal(dialog)
        return dialog


def install_bundle_actions(window: MainWindow, menu: QMenu, before: QAction) -> BundleActions:
    return BundleActions(window, menu, before)
