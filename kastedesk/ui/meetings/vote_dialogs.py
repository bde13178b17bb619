"""Per agenda item (§): who left as disqualified, and the vote."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kastedesk.domain.votes import VoteChoice, VoteInput, Voter
from kastedesk.i18n import _
from kastedesk.services.meeting_views import VoteRow
from kastedesk.ui.dialog_base import FormDialog

CHOICE_LABELS: dict[VoteChoice | None, Callable[[], str]] = {
    None: lambda: "–",
    VoteChoice.YES: lambda: _("Yes"),
    VoteChoice.NO: lambda: _("No"),
    VoteChoice.ABSTAIN: lambda: _("Blank (abstain)"),
}


class DisqualifiedDialog(FormDialog):
    """Tick who declared a conflict of interest and left while the § was dealt with.

    Lists the people present at the §; *save* gets the ticked attendance rows.
    """

    help_topic = "conflicts"  # the user guide's page (F1)

    def __init__(
        self,
        section: int,
        people: Sequence[Voter],
        chosen: Sequence[int],
        save: Callable[[object], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("Disqualified at § {section}").format(section=section))
        self.people = QListWidget()
        self.people.setMinimumWidth(320)
        self.people.setMaximumHeight(320)
        for person in people:
            if not person.present and person.key not in chosen:
                continue
            entry = QListWidgetItem(person.name)
            entry.setData(Qt.ItemDataRole.UserRole, person.key)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if person.key in chosen else Qt.CheckState.Unchecked
            )
            self.people.addItem(entry)
        self.form.add_field("disqualified", lambda: _("&Disqualified"), self.people)

    def collect(self) -> list[int]:
        return [
            self.people.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.people.count())
            if self.people.item(n).checkState() == Qt.CheckState.Checked
        ]


class VoteDialog(FormDialog):
    """The motions and the result, as counts or by name; *save* gets a VoteInput."""

    help_topic = "conflicts"  # the user guide's page (F1)

    def __init__(
        self,
        section: int,
        voters: Sequence[Voter],
        languages: tuple[str, ...],
        vote: VoteRow | None,
        save: Callable[[object], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("Vote at § {section}").format(section=section))
        self.languages = languages
        self.expected_version = vote.row_version if vote else None
        self.motions: dict[str, QLineEdit] = {}
        captions = {
            ("yes", "fi"): lambda: _("&Yes stands for (in Finnish)"),
            ("yes", "sv"): lambda: _("Yes stands for (in S&wedish)"),
            ("no", "fi"): lambda: _("&No stands for (in Finnish)"),
            ("no", "sv"): lambda: _("No stands for (in Swe&dish)"),
        }
        for side in ("yes", "no"):
            for lang in languages:
                edit = QLineEdit(getattr(vote, f"{side}_motion_{lang}") if vote else "")
                edit.setMinimumWidth(380)
                edit.setMaxLength(300)
                self.motions[f"{side}_motion_{lang}"] = edit
                self.form.add_field(f"{side}_motion_{lang}", captions[(side, lang)], edit)
        self.mode = QComboBox()
        self.mode.addItem(_("As counts"), False)
        self.mode.addItem(_("By name"), True)
        self.mode.setCurrentIndex(1 if vote and vote.by_name else 0)
        self.form.add_field("by_name", lambda: _("&Result"), self.mode)
        self.counts: dict[str, QSpinBox] = {}
        count_captions = {
            "yes": lambda: _("Votes &for"),
            "no": lambda: _("Votes &against"),
            "abstain": lambda: _("&Blank votes"),
        }
        for name in ("yes", "no", "abstain"):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setValue(getattr(vote, name) if vote and not vote.by_name else 0)
            self.counts[name] = spin
            self.form.add_field(name, count_captions[name], spin)
        # One row per person who may vote at the §, each with a choice.
        chosen = dict(vote.ballots) if vote else {}
        self.voters = [v for v in voters if v.may_vote or v.key in chosen]
        self.ballots = QTableWidget(len(self.voters), 2)
        self.ballots.verticalHeader().hide()
        self.ballots.setHorizontalHeaderLabels([_("Name"), _("Vote")])
        self.ballots.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ballots.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ballots.setMaximumHeight(220)
        self.choices: list[QComboBox] = []
        for row, voter in enumerate(self.voters):
            self.ballots.setItem(row, 0, QTableWidgetItem(voter.name))
            combo = QComboBox()
            for choice, label in CHOICE_LABELS.items():
                combo.addItem(label(), choice)
            stored = chosen.get(voter.key)
            combo.setCurrentIndex(combo.findData(stored) if stored else 0)
            self.ballots.setCellWidget(row, 1, combo)
            self.choices.append(combo)
        self.form.add_field("ballots", lambda: _("Votes by na&me"), self.ballots)
        self.tie = QComboBox()
        self.tie.addItem("–", None)
        self.tie.addItem(_("Yes (the first motion)"), VoteChoice.YES)
        self.tie.addItem(_("No (the second motion)"), VoteChoice.NO)
        if vote and vote.tie_winner:
            self.tie.setCurrentIndex(self.tie.findData(vote.tie_winner))
        self.form.add_field("tie_winner", lambda: _("On a t&ie, the chair voted"), self.tie)
        self.mode.currentIndexChanged.connect(lambda _i: self._show_mode())
        self._show_mode()

    def _show_mode(self) -> None:
        by_name = bool(self.mode.currentData())
        for spin in self.counts.values():
            self.form.set_field_visible(spin, not by_name)
        self.form.set_field_visible(self.ballots, by_name)
        self.adjustSize()

    def collect(self) -> VoteInput:
        def motion(side: str) -> dict[str, str]:
            return {lang: self.motions[f"{side}_motion_{lang}"].text() for lang in self.languages}

        # Qt hands the combos' data back as plain text: the choices again as VoteChoice.
        ballots = {
            voter.key: VoteChoice(combo.currentData())
            for voter, combo in zip(self.voters, self.choices, strict=True)
            if combo.currentData() is not None
        }
        tie = self.tie.currentData()
        return VoteInput(
            yes_motion=motion("yes"),
            no_motion=motion("no"),
            by_name=bool(self.mode.currentData()),
            yes=self.counts["yes"].value(),
            no=self.counts["no"].value(),
            abstain=self.counts["abstain"].value(),
            ballots=ballots,
            tie_winner=VoteChoice(tie) if tie else None,
        )
