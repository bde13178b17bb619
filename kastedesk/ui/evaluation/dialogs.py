"""Dialogs of the Evaluation tab: goal, measure, round, reopening, comment, regions, evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.evaluation import ROUND_KIND_LABELS, RoundKind, text_error
from kastedesk.domain.regions import REGIONS
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import _
from kastedesk.services.evaluation import GoalFields, MeasureFields
from kastedesk.ui.date_field import DateField
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.form_errors import error_label


class _PlainText(QPlainTextEdit):
    """A multi-line field in a form: Tab moves on, Ctrl+Enter is left to the dialog."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setTabChangesFocus(True)
        self.setMinimumWidth(420)
        self.setMaximumHeight(90)


class GoalDialog(FormDialog):
    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(
        self, save: Callable[[GoalFields], object], fields: GoalFields | None, parent=None
    ):
        super().__init__(save, parent)
        fields = fields or GoalFields("")
        self.setWindowTitle(_("Goal"))
        self.text_fi = self.form.add_field(
            "text_fi", lambda: _("Goal (&Finnish)"), _PlainText(fields.text_fi)
        )
        self.text_sv = self.form.add_field(
            "text_sv", lambda: _("Goal (&Swedish)"), _PlainText(fields.text_sv)
        )
        self.theme_fi = self.form.add_field(
            "theme_fi", lambda: _("&Theme heading (Finnish)"), QLineEdit(fields.theme_fi)
        )
        self.theme_sv = self.form.add_field(
            "theme_sv", lambda: _("Theme &heading (Swedish)"), QLineEdit(fields.theme_sv)
        )

    def collect(self) -> GoalFields:
        return GoalFields(
            self.text_fi.toPlainText(),
            self.text_sv.toPlainText(),
            self.theme_fi.text(),
            self.theme_sv.text(),
        )


class MeasureDialog(FormDialog):
    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(
        self, save: Callable[[MeasureFields], object], fields: MeasureFields | None, parent=None
    ):
        super().__init__(save, parent)
        fields = fields or MeasureFields("")
        self.setWindowTitle(_("Concrete measure"))
        self.text_fi = self.form.add_field(
            "text_fi", lambda: _("Measure (&Finnish)"), _PlainText(fields.text_fi)
        )
        self.text_sv = self.form.add_field(
            "text_sv", lambda: _("Measure (&Swedish)"), _PlainText(fields.text_sv)
        )

    def collect(self) -> MeasureFields:
        return MeasureFields(self.text_fi.toPlainText(), self.text_sv.toPlainText())


RoundValues = tuple[RoundKind, str, dt.date | None]  # kind, name, date


class RoundDialog(FormDialog):
    """Kind, name and date of a round; returns (kind, name, date) to *save*."""

    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(
        self,
        save: Callable[[RoundValues], object],
        values: RoundValues | None = None,
        parent=None,
    ):
        super().__init__(save, parent)
        kind, name, date = values or (RoundKind.BASELINE, "", dt.date.today())
        self.setWindowTitle(_("Evaluation round"))
        self.kind = QComboBox()
        for k in RoundKind:
            self.kind.addItem(_(ROUND_KIND_LABELS[k]), k.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.form.add_field(
            "kind",
            lambda: _("&Kind"),
            self.kind,
            lambda: _(
                "When in the project the round is made: at the start, midway or at the end; "
                "or a self-assessment with a name of its own. Any two rounds can be compared."
            ),
        )
        self.name = self.form.add_field("name", lambda: _("&Name"), QLineEdit(name))
        self.date = self.form.add_field("date", lambda: _("&Date"), DateField(date))

    def collect(self) -> RoundValues:
        if not self.date.is_valid():
            raise ValidationError({"date": DateField.error()})
        return RoundKind(self.kind.currentData()), self.name.text(), self.date.date_or_none()


class TextDialog(QDialog):
    """One text: a cell's comment, a goal comment or the reason for reopening.

    Ctrl+Enter (or OK) saves, Escape cancels; *required* refuses an empty text.
    """

    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(self, title: str, label: str, text: str = "", required: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.editor = QPlainTextEdit(text)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumSize(460, 160)
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(self.editor)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setShortcut(Qt.Modifier.CTRL | Qt.Key.Key_Return)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText()

    def accept(self) -> None:
        problem = text_error(self.text(), required=self.required)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


class ChecklistDialog(QDialog):
    """Tick items of a list (regions taking part, workshops as evidence); order kept."""

    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(
        self,
        title: str,
        label: str,
        items: Sequence[tuple[object, str]],
        checked: Sequence[object],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        chosen = list(checked)
        ordered = [i for c in chosen for i in items if i[0] == c] + [
            i for i in items if i[0] not in chosen
        ]
        for key, text in ordered:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setMinimumSize(380, 320)
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def checked(self) -> list[object]:
        return [
            self.list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]


def region_items() -> list[tuple[object, str]]:
    lang = i18n.current_language()
    return [(r.code, r.name(lang)) for r in REGIONS]


def workshop_items(workshops) -> list[tuple[object, str]]:
    lang = i18n.current_language()
    return [
        (w.id, f"{format_date(w.date)}  {w.title} ({w.region_name(lang)}, {w.module})")
        for w in workshops
    ]
