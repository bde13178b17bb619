"""Responses from a spreadsheet (Webropol, Microsoft Forms, Excel): the rules, without I/O.

- A column is matched to a question by its header: the question's Finnish or
  Swedish text, with numbering ("1.", "Q1:") and case and spacing ignored.
- A cell is read as an answer of its question: a scale by its number (or an end
  label); a single choice by its option text in either language or its number;
  yes/no in Finnish, Swedish or English words or 1/0; free text as written.
  An empty cell is an unanswered question.
- Each row gets a UUID made from its workshop, form, answers and how many
  identical rows came before it in the file, so importing the same file again
  adds nothing, while two participants who answered alike stay two responses.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from kastedesk.domain.bundle_merge import canonical_json
from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import NO, YES, QuestionKind, QuestionSpec, options_mask
from kastedesk.i18n import _

IMPORT_NAMESPACE = uuid.UUID("0d6c2f4e-7a51-4d1e-9b1f-5e0a3c8d2b71")
MAX_TEXT = 4000
YES_WORDS = frozenset({"kyllä", "k", "ja", "j", "yes", "y", "x", "true", "tosi", "sant"})
NO_WORDS = frozenset({"ei", "e", "nej", "n", "no", "false", "epätosi", "falskt"})

_NUMBERING = re.compile(r"^\s*(?:q|k|f)?\s*\d+\s*[.):]\s*", re.IGNORECASE)


def normal(text: str) -> str:
    """Header or answer text as compared: no numbering, case, extra spaces or end marks."""
    text = _NUMBERING.sub("", text)
    return " ".join(text.replace("*", " ").split()).casefold().rstrip(" :?")


def guess_columns(headers: Sequence[str], questions: Sequence[QuestionSpec]) -> list[int | None]:
    """For each question the index of the header that names it, or None."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        found.setdefault(normal(header), index)
    mapping: list[int | None] = []
    for question in questions:
        texts = [normal(question.text_fi), normal(question.text_sv)]
        mapping.append(next((found[t] for t in texts if t and t in found), None))
    return mapping


def _number(cell: str) -> int | None:
    match = re.match(r"^\s*(-?\d+)(?:[.,]0+)?(?:\s|$|\s*[–-])", cell + " ")
    return int(match.group(1)) if match else None


def parse_answer(question: QuestionSpec, cell: str) -> Answer | None:
    """The answer a cell gives, None for an empty cell; ValueError (with the reason in
    the user's language) when the cell does not answer the question."""
    cell = cell.strip()
    if not cell:
        return None
    if question.kind is QuestionKind.TEXT:
        if len(cell) > MAX_TEXT:
            raise ValueError(_("the comment is longer than {n} characters").format(n=MAX_TEXT))
        return Answer(None, cell)
    key = normal(cell)
    if question.kind is QuestionKind.SCALE:
        labels = {
            normal(question.min_label_fi): question.scale_min,
            normal(question.min_label_sv): question.scale_min,
            normal(question.max_label_fi): question.scale_max,
            normal(question.max_label_sv): question.scale_max,
        }
        labels.pop("", None)
        value = _number(cell)
        if value is None:
            value = labels.get(key)
        if value is None or not question.scale_min <= value <= question.scale_max:
            raise ValueError(
                _("“{value}” is not on the scale {low}–{high}").format(
                    value=cell, low=question.scale_min, high=question.scale_max
                )
            )
        return Answer(value)
    if question.kind is QuestionKind.MULTI:  # "a; b" (Forms), "a, b" or one per cell
        parts = [p for p in re.split(r"[;,\n]", cell) if p.strip()]
        single = replace(question, kind=QuestionKind.CHOICE)
        chosen = [parse_answer(single, part) for part in parts]
        return Answer(options_mask([a.value for a in chosen if a and a.value]))
    if question.kind is QuestionKind.CHOICE:
        for position, option in enumerate(question.options, start=1):
            if key in (normal(option.text_fi), normal(option.text_sv)):
                return Answer(position)
        value = _number(cell)
        if value is not None and 1 <= value <= len(question.options) and key == str(value):
            return Answer(value)
        raise ValueError(_("“{value}” is not one of the options").format(value=cell))
    if key in YES_WORDS or key == "1":
        return Answer(YES)
    if key in NO_WORDS or key in ("0", "2"):
        return Answer(NO)
    raise ValueError(_("“{value}” is not yes or no").format(value=cell))


def row_answers(
    questions: Sequence[QuestionSpec], mapping: Sequence[int | None], row: Sequence[str]
) -> tuple[dict[int, Answer], list[str]]:
    """The answers of one row by question position, and the problems found (reasons)."""
    answers: dict[int, Answer] = {}
    problems: list[str] = []
    for position, (question, column) in enumerate(zip(questions, mapping, strict=True)):
        if column is None or column >= len(row):
            continue
        try:
            answer = parse_answer(question, row[column])
        except ValueError as exc:
            problems.append(
                _("question {number}: {reason}").format(number=position + 1, reason=exc)
            )
            continue
        if answer is not None:
            answers[position] = answer
    return answers, problems


def row_uuids(workshop_uuid: str, form_uuid: str, rows: Sequence[dict[int, Answer]]) -> list[str]:
    """A UUID per row, the same for the same file whenever it is imported."""
    seen: Counter[str] = Counter()
    uuids = []
    for answers in rows:
        content = canonical_json([[p, a.value, a.text or None] for p, a in sorted(answers.items())])
        seen[content] += 1
        name = f"{workshop_uuid}|{form_uuid}|{content}|{seen[content]}"
        uuids.append(str(uuid.uuid5(IMPORT_NAMESPACE, name)))
    return uuids
