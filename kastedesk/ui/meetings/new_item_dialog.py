"""A new agenda item starts with its real title: no placeholder is ever stored or printed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from kastedesk.i18n import _
from kastedesk.services import meetings as svc
from kastedesk.ui.dialog_base import FormDialog


class NewItemDialog(FormDialog):
    """Titles in the meeting's languages; *save* adds the item and returns its id."""

    help_topic = "agenda"  # the user guide's page (F1)

    def __init__(
        self,
        languages: tuple[str, ...],
        save: Callable[[object], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("New agenda item"))
        self.title_fi = QLineEdit()
        self.title_sv = QLineEdit()
        for line in (self.title_fi, self.title_sv):
            line.setMinimumWidth(420)
        shown = [lang for lang in ("fi", "sv") if lang in languages] or ["fi"]
        if "sv" not in shown:
            shown.append("sv")  # optional in a Finnish-only group, but at hand
        labels = {"fi": lambda: _("Title in Finnish"), "sv": lambda: _("Title in Swedish")}
        for lang in shown:
            self.form.add_field(f"title_{lang}", labels[lang], getattr(self, f"title_{lang}"))
        getattr(self, f"title_{shown[0]}").setFocus()

    def collect(self) -> svc.ItemFields:
        return svc.ItemFields(title_fi=self.title_fi.text(), title_sv=self.title_sv.text())
