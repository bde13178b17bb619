"""Create or edit a group: names, kind, quorum rule, lead times, languages, minutes style."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.registry import (
    DOC_LANGUAGE_LABELS,
    GROUP_KIND_LABELS,
    DocLanguages,
    GroupKind,
    MinutesStyle,
    QuorumRule,
)
from kastedesk.domain.registry_rules import GroupData
from kastedesk.i18n import _
from kastedesk.ui.dialog_base import FormDialog

MINUTES_CHOICES = {
    MinutesStyle.FORMAL: lambda: _("Formal minutes (checkers and signatures)"),
    MinutesStyle.MEMO: lambda: _("Memo"),
}


def quorum_hint() -> str:
    return _(
        "When the meeting can make decisions. Voting members are the chair, the vice-chair "
        "and the members; a personal deputy standing in fills the member's seat. Secretaries, "
        "presenters, experts and guests never count."
    )


def agenda_hint() -> str:
    return _(
        "How many days before the meeting the agenda must be sent. The Meetings tab warns "
        "when the day is near or past."
    )


def attachments_hint() -> str:
    return _("How many days before the meeting the attachments must be sent.")


def languages_hint() -> str:
    return _(
        "The languages the agenda and the minutes are written in: Finnish, Swedish, or both "
        "side by side. Each agenda item then needs its texts in these languages."
    )


def minutes_hint() -> str:
    return _(
        "Formal minutes are checked by two members and signed; a memo is a plain record "
        "without checkers or signatures."
    )


def _combo(choices: Mapping[Any, str | Callable[[], str]], current: object) -> QComboBox:
    combo = QComboBox()
    for key, label in choices.items():
        combo.addItem(label() if callable(label) else _(label), key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class GroupDialog(FormDialog):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(
        self,
        data: GroupData | None,
        save: Callable[[GroupData], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("New group") if data is None else _("Edit group"))
        data = data or GroupData("")
        self.name_fi = QLineEdit(data.name_fi)
        self.name_sv = QLineEdit(data.name_sv)
        self.name_fi.setMinimumWidth(360)
        self.kind = _combo(GROUP_KIND_LABELS, data.kind)

        quorum = QWidget()
        rows = QVBoxLayout(quorum)
        rows.setContentsMargins(0, 0, 0, 0)
        self.quorum_fixed = QRadioButton(_("At least this many voting members present:"))
        self.quorum_majority = QRadioButton(_("More than half of the voting members present"))
        self.quorum_min = QSpinBox()
        self.quorum_min.setRange(1, 999)
        self.quorum_min.setValue(data.quorum_min or 8)
        buttons = QButtonGroup(self)
        buttons.addButton(self.quorum_fixed)
        buttons.addButton(self.quorum_majority)
        fixed_row = QHBoxLayout()
        fixed_row.addWidget(self.quorum_fixed)
        fixed_row.addWidget(self.quorum_min)
        fixed_row.addStretch()
        rows.addLayout(fixed_row)
        rows.addWidget(self.quorum_majority)
        self.chair_required = QCheckBox(_("The chair or the vice-chair must be present"))
        self.chair_required.setChecked(data.chair_or_vice_required)
        rows.addWidget(self.chair_required)
        (
            self.quorum_fixed if data.quorum_rule == QuorumRule.FIXED else self.quorum_majority
        ).setChecked(True)
        self.quorum_fixed.toggled.connect(self.quorum_min.setEnabled)
        self.quorum_min.setEnabled(self.quorum_fixed.isChecked())

        self.agenda_lead = self._days(data.agenda_lead_days)
        self.attachments_lead = self._days(data.attachments_lead_days)
        self.languages = _combo(DOC_LANGUAGE_LABELS, data.languages)
        self.minutes_style = _combo(MINUTES_CHOICES, data.minutes_style)

        f = self.form
        f.add_field("name_fi", lambda: _("Name in Finnish"), self.name_fi)
        f.add_field("name_sv", lambda: _("Name in Swedish"), self.name_sv)
        f.add_field("kind", lambda: _("Kind"), self.kind)
        f.add_field("quorum_min", lambda: _("Quorum"), quorum, quorum_hint)
        f.add_field("agenda_lead_days", lambda: _("Agenda sent"), self.agenda_lead, agenda_hint)
        f.add_field(
            "attachments_lead_days",
            lambda: _("Attachments sent"),
            self.attachments_lead,
            attachments_hint,
        )
        f.add_field(
            "languages", lambda: _("Document languages"), self.languages, languages_hint
        )
        f.add_field("minutes_style", lambda: _("Minutes"), self.minutes_style, minutes_hint)
        self.setTabOrder(self.quorum_fixed, self.quorum_min)

    @staticmethod
    def _days(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 90)
        spin.setValue(value)
        spin.setSuffix(_(" days before the meeting"))
        return spin

    def collect(self) -> GroupData:
        fixed = self.quorum_fixed.isChecked()
        return GroupData(
            name_fi=self.name_fi.text(),
            name_sv=self.name_sv.text(),
            kind=GroupKind(self.kind.currentData()),
            quorum_rule=QuorumRule.FIXED if fixed else QuorumRule.MAJORITY,
            quorum_min=self.quorum_min.value() if fixed else None,
            chair_or_vice_required=self.chair_required.isChecked(),
            agenda_lead_days=self.agenda_lead.value(),
            attachments_lead_days=self.attachments_lead.value(),
            languages=DocLanguages(self.languages.currentData()),
            minutes_style=MinutesStyle(self.minutes_style.currentData()),
        )
