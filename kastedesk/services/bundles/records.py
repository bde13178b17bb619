"""Records as they travel in a bundle, and their validation.

``content`` is exactly what a record's version (SHA-256 of canonical JSON) is
made of: no local integer ids, no times. References between records are by
UUID. Registry rows (project, module, people) are carried by value under a
*key* that is matched on import, and their details travel beside the content
(``context``) so that a missing project, module or person can be created:

- project: its short name, else its Finnish name (case and spacing ignored);
- module: its code within the project;
- person (coordinator, facilitators): the full name (case and spacing ignored).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kastedesk.domain.bundle_merge import DELETED_VERSION, content_version
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.regions import REGIONS
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.i18n import _
from kastedesk.services.bundles.format import FORMS, RESPONSES, WORKSHOPS, BundleError

REGION_CODES = frozenset(r.code for r in REGIONS)
STATUSES = frozenset(s.value for s in WorkshopStatus)
KINDS = frozenset(k.value for k in QuestionKind)


def normal_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def damaged(what: str) -> BundleError:
    return BundleError(_("The bundle is damaged: {what}.").format(what=what))


@dataclass(frozen=True)
class Record:
    uuid: str
    origin: str
    created_at: dt.datetime
    updated_at: dt.datetime
    content: dict[str, Any]
    supersedes: frozenset[str] = frozenset()

    @cached_property
    def version(self) -> str:
        return content_version(self.content)

    def header(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "origin": self.origin,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "supersedes": sorted(self.supersedes),
            "content": self.content,
        }


@dataclass(frozen=True)
class WorkshopRecord(Record):
    context: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**self.header(), "context": self.context}


@dataclass(frozen=True)
class FormRecord(Record):
    number: int = 1  # the version number where it was made; renumbered when taken here

    def to_json(self) -> dict[str, Any]:
        return {**self.header(), "number": self.number}


@dataclass(frozen=True)
class ResponseRecord(Record):
    deleted_at: dt.datetime | None = None

    @cached_property
    def version(self) -> str:
        return DELETED_VERSION if self.deleted_at else content_version(self.content)

    def to_json(self) -> dict[str, Any]:
        deleted = self.deleted_at.isoformat() if self.deleted_at else None
        return {**self.header(), "deleted_at": deleted}


@dataclass(frozen=True)
class BundleRecords:
    workshops: list[WorkshopRecord]
    forms: list[FormRecord]
    responses: list[ResponseRecord]


# --- validation ----------------------------------------------------------------------


def parse_time(value: object, what: str) -> dt.datetime:
    if not isinstance(value, str):
        raise damaged(_("a time is missing ({field})").format(field=what))
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise damaged(_("a time is malformed ({field})").format(field=what)) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuidlib.UUID(value)
    except ValueError:
        return False
    return True


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or check(v)


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_date(v: object) -> bool:
    try:
        dt.date.fromisoformat(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _is_clock(v: object) -> bool:
    try:
        dt.time.fromisoformat(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _check_fields(data: object, fields: dict[str, Callable[[object], bool]], what: str) -> dict:
    if not isinstance(data, dict):
        raise damaged(what)
    for name, check in fields.items():
        if name not in data or not check(data[name]):
            raise damaged(f"{what}: {name}")
    if set(data) - set(fields):
        raise damaged(f"{what}: {sorted(set(data) - set(fields))[0]}")
    return data


WORKSHOP_FIELDS: dict[str, Callable[[object], bool]] = {
    "title": lambda v: isinstance(v, str) and bool(v.strip()),
    "project": lambda v: isinstance(v, str) and bool(v.strip()),
    "module": _opt(_is_str),
    "region": _opt(lambda v: v in REGION_CODES),
    "municipality": _is_str,
    "date": _opt(_is_date),
    "start_time": _opt(_is_clock),
    "end_time": _opt(_is_clock),
    "place": _is_str,
    "coordinator": _opt(_is_str),
    "facilitators": _str_list,
    "target_group": _is_str,
    "invited": _opt(lambda v: _is_int(v) and v >= 0),
    "attended": _opt(lambda v: _is_int(v) and v >= 0),
    "questions": _str_list,
    "notes": _is_str,
    "status": lambda v: v in STATUSES,
    "form": _opt(_is_uuid),
}

QUESTION_FIELDS: dict[str, Callable[[object], bool]] = {
    "key": lambda v: isinstance(v, str) and 0 < len(v) <= 40,
    "kind": lambda v: v in KINDS,
    "text_fi": _is_str,
    "text_sv": _is_str,
    "scale_min": _is_int,
    "scale_max": _is_int,
    "min_label_fi": _is_str,
    "min_label_sv": _is_str,
    "max_label_fi": _is_str,
    "max_label_sv": _is_str,
    "options": lambda v: (
        isinstance(v, list) and all(isinstance(o, list) and len(o) == 2 and _str_list(o) for o in v)
    ),
}

FORM_FIELDS: dict[str, Callable[[object], bool]] = {
    "lineage": _is_uuid,
    "name_fi": _is_str,
    "name_sv": _is_str,
    "questions": lambda v: isinstance(v, list),
}


def _answer(v: object) -> bool:
    return (
        isinstance(v, list)
        and len(v) == 3
        and _is_int(v[0])
        and v[0] >= 0
        and (v[1] is None or _is_int(v[1]))
        and (v[2] is None or isinstance(v[2], str))
        and not (v[1] is None and v[2] is None)
    )


RESPONSE_FIELDS: dict[str, Callable[[object], bool]] = {
    "workshop": _is_uuid,
    "form": _is_uuid,
    "answers": lambda v: isinstance(v, list) and all(_answer(a) for a in v),
}


def _header(raw: object, what: str, extra: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise damaged(what)
    allowed = {"uuid", "origin", "created_at", "updated_at", "supersedes", "content", *extra}
    if set(raw) - allowed:
        raise damaged(f"{what}: {sorted(set(raw) - allowed)[0]}")
    if not _is_uuid(raw.get("uuid")):
        raise damaged(_("a record has no valid UUID"))
    if not isinstance(raw.get("origin"), str) or len(raw["origin"]) > 36:
        raise damaged(f"{what}: origin")
    supersedes = raw.get("supersedes", [])
    if not _str_list(supersedes) or any(len(s) != 64 for s in supersedes):
        raise damaged(f"{what}: supersedes")
    return {
        "uuid": raw["uuid"],
        "origin": raw["origin"],
        "created_at": parse_time(raw.get("created_at"), "created_at"),
        "updated_at": parse_time(raw.get("updated_at"), "updated_at"),
        "supersedes": frozenset(supersedes),
    }


def _workshop(raw: object) -> WorkshopRecord:
    what = _("a workshop")
    head = _header(raw, what, {"context"})
    content = _check_fields(raw.get("content"), WORKSHOP_FIELDS, what)  # type: ignore[union-attr]
    context = raw.get("context", {})  # type: ignore[union-attr]
    if not isinstance(context, dict):
        raise damaged(f"{what}: context")
    return WorkshopRecord(**head, content=content, context=context)


def _form(raw: object) -> FormRecord:
    what = _("a feedback form")
    head = _header(raw, what, {"number"})
    content = _check_fields(raw.get("content"), FORM_FIELDS, what)  # type: ignore[union-attr]
    for question in content["questions"]:
        _check_fields(question, QUESTION_FIELDS, what)
        if question["kind"] == QuestionKind.SCALE and question["scale_min"] > question["scale_max"]:
            raise damaged(f"{what}: scale")
    number = raw.get("number", 1)  # type: ignore[union-attr]
    if not _is_int(number) or number < 1:
        raise damaged(f"{what}: number")
    return FormRecord(**head, content=content, number=number)


def _response(raw: object) -> ResponseRecord:
    what = _("a response")
    head = _header(raw, what, {"deleted_at"})
    content = _check_fields(raw.get("content"), RESPONSE_FIELDS, what)  # type: ignore[union-attr]
    positions = [a[0] for a in content["answers"]]
    if len(set(positions)) != len(positions):
        raise damaged(f"{what}: answers")
    deleted = raw.get("deleted_at")  # type: ignore[union-attr]
    deleted_at = None if deleted is None else parse_time(deleted, "deleted_at")
    return ResponseRecord(**head, content=content, deleted_at=deleted_at)


def answer_check(question: dict[str, Any]) -> Callable[[int | None, str | None], bool]:
    """Whether (value, text) can answer *question* (a question's content in a form record)."""
    kind = question["kind"]
    if kind == QuestionKind.TEXT:
        return lambda value, text: value is None and bool(text)
    if kind == QuestionKind.SCALE:
        low, high = question["scale_min"], question["scale_max"]
        return lambda value, text: text is None and value is not None and low <= value <= high
    if kind == QuestionKind.CHOICE:
        count = len(question["options"])
        return lambda value, text: text is None and value is not None and 1 <= value <= count
    return lambda value, text: text is None and value in (0, 1)


def parse_records(parts: dict[str, list[object]]) -> BundleRecords:
    records = BundleRecords(
        workshops=[_workshop(r) for r in parts[WORKSHOPS]],
        forms=[_form(r) for r in parts[FORMS]],
        responses=[_response(r) for r in parts[RESPONSES]],
    )
    for kind in (records.workshops, records.forms, records.responses):
        uuids = {r.uuid for r in kind}
        if len(uuids) != len(kind):
            raise damaged(_("a record appears twice"))
    return records
