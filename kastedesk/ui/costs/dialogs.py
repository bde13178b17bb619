"""Dialogs of the Costs tab: a realised cost, the import preview, onto an agenda item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.money import format_cents
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count, format_datetime
from kastedesk.i18n import _
from kastedesk.services.costs import CategoryRow, EntryData, EntryRow, PartnerRow, entry_from_text
from kastedesk.services.costs_import import CostImportPlan, PlannedCost
from kastedesk.services.costs_report import ItemChoice
from kastedesk.ui import theme
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.form_errors import error_label
from kastedesk.ui.row_table_model import Column, RowTableModel, fit_columns


class EntryDialog(FormDialog):
    """Type in or correct one realised cost."""

    help_topic = "costs"  # the user guide's page (F1)

    def __init__(
        self,
        partners: Sequence[PartnerRow],
        categories: Sequence[CategoryRow],
        save: Callable[[EntryData], object],
        entry: EntryRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        lang = i18n.current_language()
        self.setWindowTitle(_("Edit realised cost") if entry else _("Add realised cost"))
        self.partner = QComboBox()
        for partner in partners:
            self.partner.addItem(partner.name, partner.id)
        self.category = QComboBox()
        for category in categories:
            self.category.addItem(category.name(lang), category.id)
        self.period = QLineEdit()
        self.period.setPlaceholderText(_("e.g. 3/2026, 1–4/2026 or Q2/2026"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1 234,50")
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        self.form.add_field("partner", lambda: _("&Partner"), self.partner)
        self.form.add_field("category", lambda: _("Cost &category"), self.category)
        self.form.add_field(
            "period",
            lambda: _("P&eriod"),
            self.period,
            lambda: _(
                "The months the cost belongs to: one month (3/2026), a range (1–4/2026) or "
                "a quarter (Q2/2026)."
            ),
        )
        self.form.add_field("amount", lambda: _("&Amount (€)"), self.amount)
        self.form.add_field("note", lambda: _("&Note"), self.note)
        if entry is not None:
            self.partner.setCurrentIndex(max(self.partner.findData(entry.partner_id), 0))
            self.category.setCurrentIndex(max(self.category.findData(entry.category_id), 0))
            self.period.setText(entry.period)
            self.amount.setText(format_cents(entry.cents, sign=False))
            self.note.setText(entry.note)
        self.setMinimumWidth(440)

    def collect(self) -> EntryData:
        return entry_from_text(
            self.partner.currentData(),
            self.category.currentData(),
            self.period.text(),
            self.amount.text(),
            self.note.text(),
        )


def _status(row: PlannedCost) -> str:
    return _("rejected") if row.data is None else _("to add")


class CostImportDialog(QDialog):
    """The preview of an import: every row with its status and reason; import all or nothing."""

    help_topic = "costs"  # the user guide's page (F1)

    def __init__(
        self,
        plan: CostImportPlan,
        run: Callable[[], CostImportPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import realised costs"))
        self._run = run
        self.plan = plan
        self.result_plan: CostImportPlan | None = None
        self.model: RowTableModel[PlannedCost] = RowTableModel(
            [
                Column(lambda: _("Row"), lambda r: r.line, align_right=True),
                Column(lambda: _("Status"), _status),
                Column(lambda: _("Reason"), lambda r: r.reason),
                Column(lambda: _("Partner"), lambda r: r.cells[0]),
                Column(lambda: _("Cost category"), lambda r: r.cells[1]),
                Column(lambda: _("Period"), lambda r: r.cells[2]),
                Column(lambda: _("Amount"), lambda r: r.cells[3], align_right=True),
                Column(lambda: _("Note"), lambda r: r.cells[4]),
            ],
            foreground=lambda r: (
                QBrush(theme.foreground(theme.Tone.ERROR)) if r.data is None else None
            ),
        )
        self.model.set_rows(plan.rows)
        self.view = QTableView()
        self.view.setAccessibleName(_("Preview"))
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        fit_columns(self.view)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.import_button.setEnabled(plan.can_import)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.summary.setText(self.summary_text())
        self.resize(1000, 560)

    def summary_text(self) -> str:
        plan = self.plan
        if plan.already_imported_on is not None:
            return _("These rows were imported already on {date}: nothing added.").format(
                date=format_datetime(plan.already_imported_on)
            )
        text = _("Rows: {accepted} to add ({total}), {rejected} rejected, {empty} empty.").format(
            accepted=format_count(len(plan.accepted)),
            total=format_cents(plan.total_cents),
            rejected=format_count(len(plan.rejected)),
            empty=format_count(plan.empty_rows),
        )
        if plan.rejected:
            text += " " + _("Correct the rejected rows in the file: nothing is imported before.")
        return text

    def accept(self) -> None:
        try:
            with busy_cursor():
                self.result_plan = self._run()
        except ValidationError as exc:
            self.error.setText(" ".join(exc.errors.values()))
            self.error.show()
            return
        super().accept()


# Words of an agenda item about money, in Finnish and Swedish (stems).
MONEY_WORDS = ("talou", "kustann", "budjet", "rahoit", "ekonomi", "kostnad", "budget", "finansi")


def money_item_index(items: Sequence[ItemChoice]) -> int:
    """The first item (of the newest meeting) whose title speaks of money, else the first."""
    for index, item in enumerate(items):
        title = item.label.rsplit("§", 1)[-1].casefold()
        if any(word in title for word in MONEY_WORDS):
            return index
    return 0


@dataclass(frozen=True)
class AttachChoice:
    item_id: int
    lang: str


class AttachDialog(QDialog):
    """Choose the agenda item (and the document language) for the cost follow-up."""

    help_topic = "costs"  # the user guide's page (F1)

    def __init__(
        self, items: Sequence[ItemChoice], lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Attach to an agenda item"))
        self.item = QComboBox()
        for item in items:
            self.item.addItem(item.label, item.item_id)
        self.item.setCurrentIndex(money_item_index(items))
        self.language = QComboBox()
        self.language.addItem(_("Finnish"), "fi")
        self.language.addItem(_("Swedish"), "sv")
        self.language.setCurrentIndex(max(self.language.findData(lang), 0))
        item_label = QLabel(_("Agenda &item"))
        item_label.setBuddy(self.item)
        language_label = QLabel(_("Document &language"))
        language_label.setBuddy(self.language)
        info = QLabel(
            _(
                "The cost follow-up is written now and attached to the item, "
                "so it goes out with the agenda."
            )
        )
        info.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (info, item_label, self.item, language_label, self.language, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(560)

    def choice(self) -> AttachChoice:
        return AttachChoice(self.item.currentData(), self.language.currentData())
