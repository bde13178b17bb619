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
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, TypedDict, TypeGuard

from kastedesk.domain import text_limits as T
from kastedesk.domain.bundle_merge import DELETED_VERSION, MAX_REVISION, revised_version
from kastedesk.domain.feedback_forms import (
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    validate_form,
)
from kastedesk.domain.regions import REGIONS
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.i18n import _
from kastedesk.services.bundles.format import (
    EVALUATION,
    FORMS,
    RESPONSES,
    WORKSHOPS,
    BundleError,
    JsonObject,
)

if TYPE_CHECKING:
    from kastedesk.services.bundles.evaluation import EvaluationRecord

REGION_CODES = frozenset(r.code for r in REGIONS)


def one_of(enum_cls: type[StrEnum]) -> Callable[[object], bool]:
    """A field check: the text of one of *enum_cls*'s members (a list or number is not)."""
    values = frozenset(member.value for member in enum_cls)
    return lambda v: isinstance(v, str) and v in values


def normal_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def damaged(what: str) -> BundleError:
    return BundleError(_("The bundle is damaged: {what}.").format(what=what))


def refused(what: str, name: str, field: str, problem: str) -> BundleError:
    """A record that breaks a limit, named so that its sender can find and fix it."""
    return BundleError(
        _("The bundle is refused: {record} “{name}”, {field}: {problem}").format(
            record=what, name=T.one_line(name, 60), field=field, problem=problem
        )
    )


# Lists no real record comes near; longer ones are refused, not worked through.
MAX_LIST = 200
MAX_ANSWERS = 1_000
MAX_VALUE = 1_000
MAX_FORM_NUMBER = 1_000_000


@dataclass(frozen=True)
class Record:
    uuid: str
    origin: str
    created_at: dt.datetime
    updated_at: dt.datetime
    content: JsonObject
    supersedes: frozenset[str] = frozenset()
    revision: int = 0  # see domain/bundle_merge.py: an edit back to a version that travelled

    @cached_property
    def version(self) -> str:
        return revised_version(self.content, self.revision)

    def header(self) -> JsonObject:
        head: JsonObject = {
            "uuid": self.uuid,
            "origin": self.origin,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "supersedes": sorted(self.supersedes),
            "content": self.content,
        }
        if self.revision:  # written only when set: a bundle without any reads as before
            head["revision"] = self.revision
        return head

    def to_json(self) -> JsonObject:
        """The record as it travels (each kind adds its own fields)."""
        return self.header()


@dataclass(frozen=True)
class WorkshopRecord(Record):
    context: JsonObject = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        return {**self.header(), "context": self.context}


@dataclass(frozen=True)
class FormRecord(Record):
    number: int = 1  # the version number where it was made; renumbered when taken here

    def to_json(self) -> JsonObject:
        return {**self.header(), "number": self.number}


@dataclass(frozen=True)
class ResponseRecord(Record):
    deleted_at: dt.datetime | None = None

    @cached_property
    def version(self) -> str:
        return DELETED_VERSION if self.deleted_at else revised_version(self.content, self.revision)

    def to_json(self) -> JsonObject:
        deleted = self.deleted_at.isoformat() if self.deleted_at else None
        return {**self.header(), "deleted_at": deleted}


@dataclass(frozen=True)
class BundleRecords:
    workshops: list[WorkshopRecord]
    forms: list[FormRecord]
    responses: list[ResponseRecord]
    evaluation: list[EvaluationRecord] = field(default_factory=list)  # format 2


# --- validation ----------------------------------------------------------------------


def parse_time(value: object, what: str) -> dt.datetime:
    if not isinstance(value, str):
        raise damaged(_("a time is missing ({field})").format(field=what))
    try:
        moment = dt.datetime.fromisoformat(value)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        in_utc = moment.astimezone(dt.UTC)
    except (ValueError, OverflowError) as exc:
        raise damaged(_("a time is malformed ({field})").format(field=what)) from exc
    if not T.year_in_range(in_utc.year):
        raise damaged(_("a time is out of range ({field})").format(field=what))
    return moment


# The form str(uuid.UUID) writes (either case of hex): one C-level match per UUID, where
# building a UUID object was a sixth of reading a 20,000-response bundle.
_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or check(v)


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_date(v: object) -> bool:
    try:
        return isinstance(v, str) and T.year_in_range(dt.date.fromisoformat(v).year)
    except ValueError:
        return False


def _is_clock(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        dt.time.fromisoformat(v)
    except ValueError:
        return False
    return True


def _str_list(v: object) -> bool:
    return isinstance(v, list) and len(v) <= MAX_LIST and all(isinstance(x, str) for x in v)


def _count(v: object) -> bool:
    return _is_int(v) and not T.count_problem(v)


def _small_int(v: object) -> bool:
    return _is_int(v) and -MAX_VALUE <= v <= MAX_VALUE


def _check_fields(
    data: object,
    fields: dict[str, Callable[[object], bool]],
    what: str,
    optional: dict[str, Callable[[object], bool]] | None = None,
) -> JsonObject:
    if not isinstance(data, dict):
        raise damaged(what)
    for name, check in fields.items():
        if name not in data or not check(data[name]):
            raise damaged(f"{what}: {name}")
    unknown = data.keys() - fields.keys()
    if optional:
        for name, check in optional.items():
            if name in data and not check(data[name]):
                raise damaged(f"{what}: {name}")
        unknown -= optional.keys()
    if unknown:
        raise damaged(f"{what}: {sorted(unknown)[0]}")
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
    "invited": _opt(_count),
    "attended": _opt(_count),
    "questions": _str_list,
    "notes": _is_str,
    "status": one_of(WorkshopStatus),
    "form": _opt(_is_uuid),
}

OPTIONAL_WORKSHOP_FIELDS: dict[str, Callable[[object], bool]] = {
    "title_sv": lambda v: isinstance(v, str) and bool(v.strip()) and len(v) <= 300,
    "language": lambda v: v in ("fi", "sv"),
}

QUESTION_FIELDS: dict[str, Callable[[object], bool]] = {
    "key": lambda v: isinstance(v, str) and 0 < len(v) <= 40,
    "kind": one_of(QuestionKind),
    "text_fi": _is_str,
    "text_sv": _is_str,
    "scale_min": _small_int,
    "scale_max": _small_int,
    "min_label_fi": _is_str,
    "min_label_sv": _is_str,
    "max_label_fi": _is_str,
    "max_label_sv": _is_str,
    "options": lambda v: (
        isinstance(v, list)
        and len(v) <= MAX_LIST
        and all(isinstance(o, list) and len(o) == 2 and _str_list(o) for o in v)
    ),
}

FORM_FIELDS: dict[str, Callable[[object], bool]] = {
    "lineage": _is_uuid,
    "name_fi": _is_str,
    "name_sv": _is_str,
    "questions": lambda v: isinstance(v, list) and len(v) <= MAX_LIST,
}


def _answer(v: object) -> bool:
    """[position, value, text]: a value, a text or both. The checks of _is_int and _small_int,
    written out: a big bundle has a hundred thousand answers, and the calls were most of
    the time its check took."""
    if not (isinstance(v, list) and len(v) == 3):
        return False
    position, value, text = v
    if not (
        isinstance(position, int)
        and not isinstance(position, bool)
        and 0 <= position < MAX_ANSWERS
    ):
        return False
    if value is None:
        return isinstance(text, str)
    return (
        (text is None or isinstance(text, str))
        and isinstance(value, int)
        and not isinstance(value, bool)
        and -MAX_VALUE <= value <= MAX_VALUE
    )


RESPONSE_FIELDS: dict[str, Callable[[object], bool]] = {
    "workshop": _is_uuid,
    "form": _is_uuid,
    "answers": lambda v: isinstance(v, list) and len(v) <= MAX_ANSWERS and all(map(_answer, v)),
}


def json_object(raw: object, what: str) -> JsonObject:
    """*raw* as a JSON object, or the bundle is damaged."""
    if not isinstance(raw, dict):
        raise damaged(what)
    return raw


class Header(TypedDict):
    """What every record starts with (see format.py)."""

    uuid: str
    origin: str
    created_at: dt.datetime
    updated_at: dt.datetime
    supersedes: frozenset[str]
    revision: int


_HEADER_KEYS = frozenset(
    {"uuid", "origin", "created_at", "updated_at", "supersedes", "content", "revision"}
)


def _header(raw: JsonObject, what: str, extra: AbstractSet[str]) -> Header:
    if unknown := raw.keys() - _HEADER_KEYS - extra:
        raise damaged(f"{what}: {sorted(unknown)[0]}")
    if not _is_uuid(raw.get("uuid")):
        raise damaged(_("a record has no valid UUID"))
    if not isinstance(raw.get("origin"), str) or len(raw["origin"]) > 36:
        raise damaged(f"{what}: origin")
    supersedes = raw.get("supersedes", [])
    if not _str_list(supersedes) or any(len(s) != 64 for s in supersedes):
        raise damaged(f"{what}: supersedes")
    revision = raw.get("revision", 0)
    if not (_is_int(revision) and 0 <= revision <= MAX_REVISION):
        raise damaged(f"{what}: revision")
    return {
        "uuid": raw["uuid"],
        "origin": raw["origin"],
        "created_at": parse_time(raw.get("created_at"), "created_at"),
        "updated_at": parse_time(raw.get("updated_at"), "updated_at"),
        "supersedes": frozenset(supersedes),
        "revision": revision,
    }


def _workshop(raw: object) -> WorkshopRecord:
    what = _("a workshop")
    data = json_object(raw, what)
    head = _header(data, what, {"context"})
    content = _check_fields(data.get("content"), WORKSHOP_FIELDS, what, OPTIONAL_WORKSHOP_FIELDS)
    context = data.get("context", {})
    if not isinstance(context, dict):
        raise damaged(f"{what}: context")
    _workshop_limits(what, content, context)
    content["status"] = WorkshopStatus(content["status"])  # checked above
    return WorkshopRecord(**head, content=content, context=context)


PERSON_KEY = 2 * T.PERSON_NAME + 1  # "first last"


def _limits(what: str, name: str, checks: list[tuple[str, object, int, bool]]) -> None:
    """Refuse the record at the first text that breaks text_limits (non-text is left alone)."""
    for field_name, text, limit, multi_line in checks:
        if not isinstance(text, str):
            continue
        if problem := T.text_problem(text if multi_line else text.strip(), limit, multi_line):
            raise refused(what, name, field_name, problem)


def _workshop_limits(what: str, content: JsonObject, context: JsonObject) -> None:
    title = content["title"]
    _limits(
        what,
        title[:200],
        [
            ("title", title, T.NAME, False),
            ("project", content["project"], T.NAME, False),
            ("module", content["module"], T.MODULE_CODE, False),
            ("municipality", content["municipality"], T.MUNICIPALITY, False),
            ("place", content["place"], T.NAME, False),
            ("coordinator", content["coordinator"], PERSON_KEY, False),
            *(("facilitators", key, PERSON_KEY, False) for key in content["facilitators"]),
            ("target_group", content["target_group"], T.NAME, False),
            *(("questions", q, T.QUESTION_TEXT, True) for q in content["questions"]),
            ("notes", content["notes"], T.LONG_TEXT, True),
        ],
    )
    people = context.get("people")
    if isinstance(people, dict) and len(people) > MAX_LIST:
        raise damaged(f"{what}: context")
    # The values a project, module or person is made from are judged by the registry's
    # rules only when one is made (newcomers.py): a bad value is left out, or the workshop
    # skipped, and the report says so; they do not refuse the bundle.
    keys = people if isinstance(people, dict) else {}
    _limits(what, title[:200], [("people", key, PERSON_KEY, False) for key in keys])


def _form(raw: object) -> FormRecord:
    what = _("a feedback form")
    data = json_object(raw, what)
    head = _header(data, what, {"number"})
    content = _check_fields(data.get("content"), FORM_FIELDS, what)
    for question in content["questions"]:
        _check_fields(question, QUESTION_FIELDS, what)
        question["kind"] = QuestionKind(question["kind"])  # checked above
        if question["kind"] == QuestionKind.SCALE and question["scale_min"] > question["scale_max"]:
            raise damaged(f"{what}: scale")
    # The same rules as a form made here: sizes, texts, a scale of at most 10 points.
    name = content["name_fi"][:200]
    _limits(what, name, [("name_fi", content["name_fi"], T.NAME, False)])
    errors = validate_form(_form_spec(content))
    if errors:
        raise refused(what, name, "questions", next(iter(errors.values())))
    number = data.get("number", 1)
    if not _is_int(number) or not 1 <= number <= MAX_FORM_NUMBER:
        raise damaged(f"{what}: number")
    return FormRecord(**head, content=content, number=number)


def _form_spec(content: JsonObject) -> FormSpec:
    return FormSpec(
        name_fi=content["name_fi"],
        name_sv=content["name_sv"],
        questions=tuple(
            QuestionSpec(
                kind=q["kind"],
                text_fi=q["text_fi"],
                text_sv=q["text_sv"],
                scale_min=q["scale_min"],
                scale_max=q["scale_max"],
                min_label_fi=q["min_label_fi"],
                min_label_sv=q["min_label_sv"],
                max_label_fi=q["max_label_fi"],
                max_label_sv=q["max_label_sv"],
                options=tuple(OptionSpec(fi, sv) for fi, sv in q["options"]),
                key=q["key"],
            )
            for q in content["questions"]
        ),
    )


_RESPONSE_EXTRA = frozenset({"deleted_at"})


def _response(raw: object, what: str) -> ResponseRecord:
    """One response; *what* names it in messages ("a response" in the UI's language)."""
    data = json_object(raw, what)
    head = _header(data, what, _RESPONSE_EXTRA)
    content = _check_fields(data.get("content"), RESPONSE_FIELDS, what)
    positions = [a[0] for a in content["answers"]]
    if len(set(positions)) != len(positions):
        raise damaged(f"{what}: answers")
    _limits(  # the answers' texts (a missing one is None: checked above)
        what,
        head["uuid"],
        [("answers", a[2], T.ANSWER_TEXT, True) for a in content["answers"] if a[2] is not None],
    )
    deleted = data.get("deleted_at")
    deleted_at = None if deleted is None else parse_time(deleted, "deleted_at")
    return ResponseRecord(**head, content=content, deleted_at=deleted_at)


def answer_check(question: JsonObject) -> Callable[[int | None, str | None], bool]:
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
    if kind == QuestionKind.MULTI:  # a mask of the ticked options
        top = 1 << len(question["options"])
        return lambda value, text: text is None and value is not None and 1 <= value < top
    return lambda value, text: text is None and value in (0, 1)


def parse_records(parts: dict[str, list[object]]) -> BundleRecords:
    from kastedesk.services.bundles.evaluation import parse_evaluation_part

    a_response = _("a response")  # once, not for each of 20,000
    records = BundleRecords(
        workshops=[_workshop(r) for r in parts[WORKSHOPS]],
        forms=[_form(r) for r in parts[FORMS]],
        responses=[_response(r, a_response) for r in parts[RESPONSES]],
        evaluation=parse_evaluation_part(parts.get(EVALUATION, [])),
    )
    for kind in (records.workshops, records.forms, records.responses):
        uuids = {r.uuid for r in kind}
        if len(uuids) != len(kind):
            raise damaged(_("a record appears twice"))
    return records
