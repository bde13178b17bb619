"""Workshops: status values and the rules a workshop's data must follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from kastedesk.domain import text_limits as T
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.regions import REGION_BY_CODE
from kastedesk.i18n import N_, _


class WorkshopStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


STATUS_LABELS: dict[WorkshopStatus, str] = {
    WorkshopStatus.PLANNED: N_("planned"),
    WorkshopStatus.HELD: N_("held"),
    WorkshopStatus.CANCELLED: N_("cancelled"),
}


@dataclass
class WorkshopData:
    """What the editor (or a script) gives to create or change a workshop."""

    project_id: int
    title: str
    module_id: int | None = None
    region: str | None = None
    municipality: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    coordinator_id: int | None = None
    facilitator_ids: list[int] = field(default_factory=list)
    target_group: str = ""
    invited: int | None = None
    attended: int | None = None
    questions: list[str] = field(default_factory=list)  # discussion questions, in order
    notes: str = ""
    status: WorkshopStatus = WorkshopStatus.PLANNED
    form_id: int | None = None
    title_sv: str = ""
    language: str | None = None  # the forms' language; None: form_language() decides


SWEDISH_REGIONS = frozenset({"21"})  # Åland: Swedish, whoever coordinates


def form_language(
    language: str | None, region: str | None, coordinator_language: str | None
) -> str:
    """The language a workshop's forms start in: its own choice, else Swedish when the
    coordinator is Swedish-speaking or the region is Swedish-speaking, else Finnish."""
    if language in ("fi", "sv"):
        return language
    if coordinator_language == "sv" or region in SWEDISH_REGIONS:
        return "sv"
    return "fi"


def title_in(title: str, title_sv: str, lang: str) -> str:
    """The title shown in *lang*: the Swedish one in Swedish when there is one."""
    return in_language(title, title_sv, lang)


def validate_workshop(data: WorkshopData, today: dt.date | None = None) -> dict[str, str]:
    """Problems as {field: message} (empty when the data is fine)."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the workshop a title.")
    if data.language not in (None, "fi", "sv"):
        errors["language"] = _("Choose Finnish or Swedish.")
    if data.region is not None and data.region not in REGION_BY_CODE:
        errors["region"] = _("Unknown region.")
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        errors["end_time"] = _("The end time must be after the start time.")
    if data.end_time and not data.start_time:
        errors["start_time"] = _("Give a start time too.")
    for name, value in (("invited", data.invited), ("attended", data.attended)):
        if value is not None and value < 0:
            errors[name] = _("A count cannot be negative.")
        elif message := T.count_problem(value):
            errors[name] = message
    if data.date is not None and not T.year_in_range(data.date.year):
        errors["date"] = _("Enter a date between the years {first} and {last}.").format(
            first=T.MIN_YEAR, last=T.MAX_YEAR
        )
    if data.status is WorkshopStatus.HELD:
        if data.date is None:
            errors["date"] = _("A held workshop needs its date.")
        elif today is not None and data.date > today:
            errors["status"] = _("A workshop in the future cannot be held yet.")
    if data.coordinator_id is not None and data.coordinator_id in data.facilitator_ids:
        errors["facilitators"] = _("The coordinator is already named; pick other facilitators.")
    if len(set(data.facilitator_ids)) != len(data.facilitator_ids):
        errors["facilitators"] = _("A facilitator is listed twice.")
    limits = T.text_errors(
        [
            ("title", data.title.strip(), T.NAME, False),
            ("municipality", data.municipality.strip(), T.MUNICIPALITY, False),
            ("place", data.place.strip(), T.NAME, False),
            ("target_group", data.target_group.strip(), T.NAME, False),
            ("notes", data.notes, T.LONG_TEXT, True),
            *(("questions", q, T.QUESTION_TEXT, True) for q in data.questions),
        ]
    )
    return {**errors, **limits}


def duplicate_for_next_region(
    data: WorkshopData,
    region: str | None,
    title: str | None = None,
    date: dt.date | None = None,
) -> WorkshopData:
    """The same theme planned again in another region under its own *title* (default: the
    old one) on *date* (default: none yet): no counts or notes, planned."""
    return WorkshopData(
        project_id=data.project_id,
        title=data.title if title is None else title.strip(),
        date=date,
        module_id=data.module_id,
        region=region,
        coordinator_id=data.coordinator_id,
        facilitator_ids=list(data.facilitator_ids),
        target_group=data.target_group,
        questions=list(data.questions),
        status=WorkshopStatus.PLANNED,
        form_id=data.form_id,
        title_sv=data.title_sv if title is None else "",
        start_time=data.start_time,
        end_time=data.end_time,
    )


@dataclass(frozen=True)
class WorkshopScope:
    """Which workshops a list, a result or an export covers: the one filter rule that the
    Workshops tab and the feedback results share (None or empty: no limit)."""

    project_id: int | None = None
    region: str | None = None  # region code
    module: str | None = None  # module code
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def includes(
        self, project_id: int | None, region: str | None, module: str | None, day: dt.date | None
    ) -> bool:
        """Whether a workshop with these values is in the scope (the SQL form of the same
        rule is kastedesk.services.workshop_scope.scope_conditions)."""
        if self.project_id is not None and project_id != self.project_id:
            return False
        if self.region and region != self.region:
            return False
        if self.module and module != self.module:
            return False
        if self.date_from and (day is None or day < self.date_from):
            return False
        return not (self.date_to and (day is None or day > self.date_to))
