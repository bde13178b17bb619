"""Projects, modules and people a bundle brings that this database does not have yet.

They travel by value (records.py) and are made here through the registry's own
rules (domain/registry_rules.py, services/registry.py), as if typed in on the
Members tab:

- a person needs a valid first and last name that spell the key the workshop
  refers to them by; when the bundle's values cannot give that, the workshop is
  skipped, with the new responses typed in for it, and the report says why;
- a bad optional value (an e-mail address, an organisation) is left out and the
  report names it;
- a project can always be made: a missing or bad Finnish name becomes its short
  name (else the key it travels under); a bad Swedish or short name is left out.

The planner decides all this for the preview (:func:`screen_newcomers`); the
applier makes the rows with the same functions, so the import does exactly what
the preview showed, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain import text_limits as T
from kastedesk.domain.bundle_merge import Outcome
from kastedesk.domain.registry_rules import (
    PersonData,
    ProjectData,
    validate_person,
    validate_project,
)
from kastedesk.i18n import N_, _, current_language
from kastedesk.services.bundles.records import WorkshopRecord, normal_key
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.workshops import WorkshopModule

if TYPE_CHECKING:
    from kastedesk.services.bundles.planner import ImportPlan

FIELD_LABELS: dict[str, str] = {
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "email": N_("e-mail address"),
    "organisation": N_("organisation"),
    "name_fi": N_("Finnish name"),
    "name_sv": N_("Swedish name"),
    "short_name": N_("short name"),
}
REQUIRED_PERSON_FIELDS = ("first_name", "last_name")
OPTIONAL_PERSON_FIELDS = ("email", "organisation")
OPTIONAL_PROJECT_FIELDS = ("name_sv", "short_name")


@dataclass(frozen=True)
class Skipped:
    """A workshop the import leaves out, and why; *responses*: its new responses, left too."""

    uuid: str
    title: str
    reason: str
    responses: int = 0


@dataclass(frozen=True)
class PersonValues:
    """What a bundle's values make of a person: *data* to create, else *problem* (why not);
    *left_out*: optional values dropped as invalid, as report lines."""

    data: PersonData | None
    problem: str = ""
    left_out: tuple[str, ...] = ()


def _label(field: str) -> str:
    return _(FIELD_LABELS[field])


def _left_out(name: str, field: str, problem: str) -> str:
    return _("{name}, {field}: left out ({problem})").format(
        name=T.one_line(name, 60), field=_label(field), problem=problem.rstrip(".")
    )


def _text(mapping: object, key: str) -> str:
    value = mapping.get(key) if isinstance(mapping, Mapping) else None
    return value if isinstance(value, str) else ""


def details_of(context: Mapping[str, object], key: str) -> object:
    """The details a workshop's context carries for the person under *key* (or None)."""
    people = context.get("people")
    return people.get(key) if isinstance(people, Mapping) else None


def bundle_person(key: str, details: object) -> PersonValues:
    """A person made from a bundle's values, by the registry's rules (see the module text)."""
    data = PersonData(
        first_name=_text(details, "first_name"),
        last_name=_text(details, "last_name"),
        email=_text(details, "email"),
        organisation=_text(details, "organisation"),
    )
    shown = f"{data.first_name} {data.last_name}".strip() or key
    errors = validate_person(data)
    for field in REQUIRED_PERSON_FIELDS:
        if field in errors:
            problem = _("person “{name}”, {field}: {problem}").format(
                name=T.one_line(shown, 60), field=_label(field), problem=errors[field]
            )
            return PersonValues(None, problem)
    if normal_key(f"{data.first_name} {data.last_name}") != key:
        problem = _("the bundle does not carry the first and last name of “{name}”").format(
            name=T.one_line(key, 60)
        )
        return PersonValues(None, problem)
    left_out = [_left_out(shown, f, errors[f]) for f in OPTIONAL_PERSON_FIELDS if f in errors]
    for field in OPTIONAL_PERSON_FIELDS:
        if field in errors:
            setattr(data, field, "")
    if errors.keys() - {*REQUIRED_PERSON_FIELDS, *OPTIONAL_PERSON_FIELDS}:
        return PersonValues(None, next(iter(errors.values())))  # not carried: defaults
    return PersonValues(data, left_out=tuple(left_out))


def bundle_project(key: str, names: object) -> tuple[ProjectData, tuple[str, ...]]:
    """A project made from a bundle's values (see the module text), found again under *key*
    by the next import; with the values left out, as report lines."""
    data = ProjectData(
        name_fi=_text(names, "name_fi"),
        name_sv=_text(names, "name_sv"),
        short_name=_text(names, "short_name"),
    )
    errors = validate_project(data)
    valid = [getattr(data, f).strip() for f in ("short_name", "name_fi") if f not in errors]
    shown = next(filter(None, valid), key)
    left_out = [_left_out(shown, f, errors[f]) for f in OPTIONAL_PROJECT_FIELDS if f in errors]
    for field in OPTIONAL_PROJECT_FIELDS:
        if field in errors:
            setattr(data, field, "")
    if normal_key(data.short_name or data.name_fi) != key and data.short_name:
        data = replace(data, short_name="")  # not the name it travels under
    if "name_fi" in errors:
        if data.name_fi.strip():  # an empty name is not worth a line: the short name is there
            left_out.append(_left_out(shown, "name_fi", errors["name_fi"]))
        data = replace(data, name_fi="")
    if normal_key(data.short_name or data.name_fi) != key:
        # Named by the key it travels under, so that the next import finds it again.
        if len(key) <= T.SHORT_NAME and data.name_fi:
            data = replace(data, short_name=key)
        else:
            data = replace(data, name_fi=key, short_name="")
    if not data.name_fi:
        data = replace(data, name_fi=data.short_name)
    return data, tuple(left_out)


def module_names(code: str, names: object) -> tuple[str, str, tuple[str, ...]]:
    """A new module's Finnish and Swedish names (one that breaks the text rules is left
    out), with the values left out, as report lines."""
    kept: list[str] = []
    left_out: list[str] = []
    for field in ("name_fi", "name_sv"):
        name = _text(names, field).strip()
        problem = T.text_problem(name, T.NAME)
        kept.append("" if problem else name)
        if problem:
            shown = _("module {code}").format(code=T.one_line(code, T.MODULE_CODE))
            left_out.append(_left_out(shown, field, problem))
    return kept[0], kept[1], tuple(left_out)


def _local_keys(session: Session) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """The keys of this database's projects, people and (project key, code) modules."""
    projects = {
        normal_key(short or name)
        for short, name in session.execute(select(Project.short_name, Project.name_fi))
    }
    people = {
        normal_key(f"{first} {last}")
        for first, last in session.execute(select(Person.first_name, Person.last_name))
    }
    modules = {
        (normal_key(short or name), code)
        for short, name, code in session.execute(
            select(Project.short_name, Project.name_fi, WorkshopModule.code).join(
                WorkshopModule, WorkshopModule.project_id == Project.id
            )
        )
    }
    return projects, people, modules


def screen_newcomers(session: Session, plan: ImportPlan) -> None:
    """Fill *plan*'s new projects and people, the values left out of them and the workshops
    skipped (taken out of ``plan.items`` with their new responses, before they are counted).

    Workshops are screened in the order the applier writes them, so a person made by one
    is found by the next, as it will be.
    """
    from kastedesk.services.bundles.planner import RESPONSE, WORKSHOP

    writes = (Outcome.INSERT, Outcome.UPDATE)
    workshops = [i for i in plan.items if i.kind == WORKSHOP and i.outcome in writes]
    if not workshops:
        return
    projects, people, modules = _local_keys(session)
    skipped: dict[str, Skipped] = {}
    new_people: dict[str, str] = {}
    for item in workshops:
        record = item.record
        assert isinstance(record, WorkshopRecord)
        content, context = record.content, record.context
        made: dict[str, PersonData] = {}
        problem = ""
        for key in [content["coordinator"], *content["facilitators"]]:
            if not key or key in people or key in made:
                continue
            values = bundle_person(key, details_of(context, key))
            if values.data is None:
                problem = values.problem
                break
            made[key] = values.data
            plan.left_out.extend(v for v in values.left_out if v not in plan.left_out)
        if problem:
            skipped[record.uuid] = Skipped(record.uuid, content["title"], problem)
            continue
        for key, data in made.items():
            people.add(key)
            new_people[key] = f"{data.first_name.strip()} {data.last_name.strip()}"
        if content["project"] not in projects:
            projects.add(content["project"])
            project, left_out = bundle_project(content["project"], context.get("project"))
            plan.left_out.extend(left_out)
            swedish = current_language() == "sv" and project.name_sv.strip()
            plan.new_projects.append((project.name_sv if swedish else project.name_fi).strip())
        code = content["module"]
        if code and (content["project"], code) not in modules:
            modules.add((content["project"], code))
            plan.left_out.extend(module_names(code, context.get("module"))[2])
    plan.new_people.extend(new_people.values())
    if not skipped:
        return
    # New responses typed in for a skipped new workshop have nowhere to go: they stay out.
    new = {i.record.uuid for i in workshops if i.local is None and i.record.uuid in skipped}
    moved_in = (Outcome.INSERT, Outcome.INSERT_DELETED, Outcome.UPDATE)
    responses: dict[str, int] = dict.fromkeys(skipped, 0)
    kept = []
    for item in plan.items:
        if item.kind == WORKSHOP and item.record.uuid in skipped:
            continue
        workshop = item.record.content.get("workshop")
        if item.kind == RESPONSE and workshop in new and item.outcome in moved_in:
            responses[workshop] += 1
            continue
        kept.append(item)
    plan.items[:] = kept
    plan.skipped.extend(replace(s, responses=responses[u]) for u, s in skipped.items())
