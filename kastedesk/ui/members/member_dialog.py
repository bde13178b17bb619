"""Add or edit a person and their membership of one group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from kastedesk.domain.regions import REGIONS
from kastedesk.domain.registry import LANGUAGE_LABELS, ROLE_LABELS, VOTING_ROLES, Role
from kastedesk.domain.registry_rules import MembershipData, PersonData
from kastedesk.i18n import _, current_language
from kastedesk.services.registry import MemberRow
from kastedesk.ui.date_field import DateField, read_dates
from kastedesk.ui.dialog_base import FormDialog


@dataclass
class MemberInput:
    person: PersonData
    membership: MembershipData
    person_id: int | None  # an existing person chosen in the Add dialog


@dataclass(frozen=True)
class PersonChoice:
    """Someone already in the registry who may be added to this group too."""

    id: int
    label: str
    data: PersonData


class MemberDialog(FormDialog):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(
        self,
        row: MemberRow | None,
        group_members: Sequence[MemberRow],
        save: Callable[[MemberInput], object],
        people: Sequence[PersonChoice] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(_("Add person") if row is None else _("Edit person"))
        person = row.person_data() if row else PersonData("", "")
        membership = row.membership_data() if row else MembershipData()
        lang = current_language()
        f = self.form

        self.existing: QComboBox | None = None
        if row is None and people:
            self.existing = QComboBox()
            self.existing.setEditable(True)
            self.existing.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.existing.addItem(_("New person"), None)
            for choice in people:
                self.existing.addItem(choice.label, choice)
            completer = self.existing.completer()  # an editable combo box has one
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.existing.currentIndexChanged.connect(self._choose_existing)
            f.add_field("person", lambda: _("Person"), self.existing)

        self.first_name = QLineEdit(person.first_name)
        self.last_name = QLineEdit(person.last_name)
        self.title_field = QLineEdit(person.title)
        self.organisation = QLineEdit(person.organisation)
        self.municipality = QLineEdit(person.municipality)
        self.region = QComboBox()
        self.region.addItem("—", None)
        for region in sorted(REGIONS, key=lambda r: r.name(lang)):
            self.region.addItem(region.name(lang), region.code)
        self.email = QLineEdit(person.email)
        self.phone = QLineEdit(person.phone)
        self.language = QComboBox()
        for code, label in LANGUAGE_LABELS.items():
            self.language.addItem(_(label), code)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(_(ROLE_LABELS[role]), role)
        self.deputy_of = QComboBox()
        self.deputy_of.addItem("—", None)
        for member in sorted(group_members, key=lambda m: (m.last_name, m.first_name)):
            if member.role in VOTING_ROLES and (
                row is None or member.membership_id != row.membership_id
            ):
                label = f"{member.last_name} {member.first_name} ({_(ROLE_LABELS[member.role])})"
                self.deputy_of.addItem(label, member.membership_id)
        self.start_date = DateField(membership.start_date)
        self.end_date = DateField(membership.end_date)
        self._fill_person(person)
        self.role.setCurrentIndex(max(0, self.role.findData(membership.role)))
        self.deputy_of.setCurrentIndex(max(0, self.deputy_of.findData(membership.deputy_of_id)))
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

        self.first_name.setMinimumWidth(320)
        f.add_field("first_name", lambda: _("First name"), self.first_name)
        f.add_field("last_name", lambda: _("Last name"), self.last_name)
        f.add_field("title", lambda: _("Job title"), self.title_field)
        f.add_field("organisation", lambda: _("Organisation"), self.organisation)
        f.add_field("municipality", lambda: _("Municipality"), self.municipality)
        f.add_field("region", lambda: _("Region"), self.region)
        f.add_field("email", lambda: _("Email"), self.email)
        f.add_field("phone", lambda: _("Phone"), self.phone)
        f.add_field("language", lambda: _("Language"), self.language)
        f.add_field("role", lambda: _("Role"), self.role)
        f.add_field("deputy_of", lambda: _("Deputy of"), self.deputy_of)
        f.add_field("start_date", lambda: _("Start date"), self.start_date)
        f.add_field("end_date", lambda: _("End date"), self.end_date)
        (self.existing or self.first_name).setFocus()
        self._initial = self.raw_values()

    _TEXTS = (
        "first_name", "last_name", "title_field", "organisation", "municipality",
        "email", "phone", "start_date", "end_date",
    )  # fmt: skip
    _CHOICES = ("region", "language", "role", "deputy_of")

    def raw_values(self) -> dict[str, object]:
        """What is typed and chosen, as it stands (for a draft)."""
        values: dict[str, object] = {n: getattr(self, n).text() for n in self._TEXTS}
        for name in self._CHOICES:
            data = getattr(self, name).currentData()
            values[name] = data.value if isinstance(data, Role) else data
        return values

    def set_raw_values(self, values: dict[str, object]) -> None:
        for name in self._TEXTS:
            if isinstance(values.get(name), str):
                getattr(self, name).setText(values[name])
        for name in self._CHOICES:
            if name not in values:
                continue
            combo: QComboBox = getattr(self, name)
            wanted = values.get(name)
            data = Role(wanted) if name == "role" and isinstance(wanted, str) else wanted
            index = combo.findData(data)
            if index >= 0:
                combo.setCurrentIndex(index)

    def has_changes(self) -> bool:
        return self.raw_values() != self._initial

    def edited(self) -> list[SignalInstance]:
        signals: list[SignalInstance] = [getattr(self, n).textChanged for n in self._TEXTS]
        signals += [getattr(self, n).currentIndexChanged for n in self._CHOICES]
        return signals

    def _fill_person(self, person: PersonData) -> None:
        self.first_name.setText(person.first_name)
        self.last_name.setText(person.last_name)
        self.title_field.setText(person.title)
        self.organisation.setText(person.organisation)
        self.municipality.setText(person.municipality)
        self.region.setCurrentIndex(max(0, self.region.findData(person.region)))
        self.email.setText(person.email)
        self.phone.setText(person.phone)
        self.language.setCurrentIndex(max(0, self.language.findData(person.language)))

    def _choose_existing(self) -> None:
        assert self.existing is not None
        choice = self.existing.currentData()
        self._fill_person(choice.data if isinstance(choice, PersonChoice) else PersonData("", ""))

    def _role_changed(self) -> None:
        is_deputy = self.role.currentData() == Role.DEPUTY
        self.deputy_of.setEnabled(is_deputy)
        if not is_deputy:
            self.deputy_of.setCurrentIndex(0)

    def collect(self) -> MemberInput:
        dates = read_dates({"start_date": self.start_date, "end_date": self.end_date})
        choice = self.existing.currentData() if self.existing else None
        return MemberInput(
            person=PersonData(
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
                title=self.title_field.text(),
                organisation=self.organisation.text(),
                municipality=self.municipality.text(),
                region=self.region.currentData(),
                email=self.email.text(),
                phone=self.phone.text(),
                language=self.language.currentData(),
            ),
            membership=MembershipData(
                role=Role(self.role.currentData()),
                deputy_of_id=self.deputy_of.currentData(),
                start_date=dates["start_date"],
                end_date=dates["end_date"],
            ),
            person_id=choice.id if isinstance(choice, PersonChoice) else None,
        )
