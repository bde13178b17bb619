"""Blank paper feedback forms: what each option prints and how a form fits one A4 page.

Every option is printed with the digit fast entry takes for it (``key_for``),
so the typist reads the digit off the paper. A form is laid out for one A4
page: the writing space of free-text questions shrinks (down to two lines)
until the estimate fits; a form with too many questions runs on, and every
copy still starts on a page of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kastedesk.domain.feedback_entry import key_for
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec

PAGE_LINES = 50  # 10-pt lines on an A4 page with 2 cm margins, header and heading taken off
HEADER_LINES = 7  # form name, workshop, place and date, instructions, spacing
OPTIONS_PER_ROW = 3  # choice options printed side by side
MAX_WRITING_LINES = 6
MIN_WRITING_LINES = 2
MAX_COPIES = 500


@dataclass(frozen=True)
class PrintedOption:
    digit: int  # the key fast entry takes
    texts: tuple[str, ...]  # the label in each language asked for


def printed_options(question: QuestionSpec, languages: Sequence[str]) -> list[PrintedOption]:
    """The options of *question* as printed: digit and label(s); none for free text."""
    options = []
    for value in question.values():
        if question.kind is QuestionKind.SCALE:
            texts = tuple(
                dict.fromkeys(
                    label
                    for lang in languages
                    for label in [question.value_label(value, lang).partition(" – ")[2]]
                    if label
                )
            )
        else:
            texts = tuple(dict.fromkeys(question.value_label(value, lang) for lang in languages))
        options.append(PrintedOption(key_for(question, value), texts))
    return options


def question_lines(question: QuestionSpec, languages: Sequence[str], writing: int) -> int:
    """Estimated printed lines of one question: its text, its options, spacing."""
    text = sum(1 + len(question.text(lang)) // 90 for lang in languages)
    if question.kind is QuestionKind.TEXT:
        return text + writing + 1
    if question.has_options:
        rows = -(-len(question.options) // OPTIONS_PER_ROW)
        return text + rows * len(languages) + 1
    return text + len(languages) + 1  # one row of boxes (labels under it) and spacing


def writing_lines(questions: Sequence[QuestionSpec], languages: Sequence[str]) -> int:
    """Lines to leave for each free-text answer: as many as still fit one page."""
    for writing in range(MAX_WRITING_LINES, MIN_WRITING_LINES - 1, -1):
        if form_lines(questions, languages, writing) <= PAGE_LINES:
            return writing
    return MIN_WRITING_LINES


def form_lines(questions: Sequence[QuestionSpec], languages: Sequence[str], writing: int) -> int:
    return HEADER_LINES + sum(question_lines(q, languages, writing) for q in questions)


def fits_one_page(questions: Sequence[QuestionSpec], languages: Sequence[str]) -> bool:
    return form_lines(questions, languages, writing_lines(questions, languages)) <= PAGE_LINES
