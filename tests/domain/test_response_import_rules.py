"""Spreadsheet responses: headers to questions, cells to answers, stable row identities."""

from __future__ import annotations

import pytest

from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec, default_form
from kastedesk.domain.response_import import guess_columns, parse_answer, row_answers, row_uuids

FORM = default_form()
EXPECT, IDEAS, GRADE, BACKGROUND, COMMENTS = FORM.questions
YES_NO = QuestionSpec(QuestionKind.YES_NO, "Suosittelisitko?", "Skulle du rekommendera?")


def test_headers_match_questions_in_either_language_despite_numbering() -> None:
    headers = [
        "Vastauksen aika",
        "2. Fick du nya tankar / idéer eller något användbart för ditt eget arbete?",
        "Q1: VASTASIKO työpajan sisältö niitä odotuksia, joita sinulla oli",
        "Taustasi *",
        "Muuta",
    ]
    assert guess_columns(headers, FORM.questions) == [2, 1, None, 3, None]


def test_cells_read_as_answers() -> None:
    assert parse_answer(EXPECT, "4") == Answer(4)
    assert parse_answer(EXPECT, "4,0") == Answer(4)
    assert parse_answer(EXPECT, "5 – täysin") == Answer(5)
    assert parse_answer(EXPECT, "inte alls") == Answer(1)
    assert parse_answer(EXPECT, "  ") is None
    assert parse_answer(BACKGROUND, "Socialarbetare") == Answer(1)
    assert parse_answer(BACKGROUND, "kokemusasiantuntija") == Answer(3)
    assert parse_answer(BACKGROUND, "4") == Answer(4)
    assert parse_answer(YES_NO, "Kyllä") == Answer(1)
    assert parse_answer(YES_NO, "nej") == Answer(0)
    assert parse_answer(COMMENTS, " Hyvä päivä ") == Answer(None, "Hyvä päivä")
    for question, cell in ((EXPECT, "6"), (EXPECT, "hyvä"), (BACKGROUND, "lääkäri"),
                           (BACKGROUND, "5"), (YES_NO, "ehkä")):  # fmt: skip
        with pytest.raises(ValueError):
            parse_answer(question, cell)


def test_row_problems_are_named_by_question() -> None:
    answers, problems = row_answers(FORM.questions, [0, None, 1, 2, 3], ["4", "9", "muu", ""])
    assert answers == {0: Answer(4), 3: Answer(4)}
    assert problems == ["question 3: “9” is not on the scale 1–5"]


def test_row_uuids_are_stable_and_identical_rows_stay_apart() -> None:
    rows = [{0: Answer(4)}, {0: Answer(4)}, {0: Answer(5)}]
    first = row_uuids("w", "f", rows)
    assert first == row_uuids("w", "f", rows)
    assert len(set(first)) == 3
    assert row_uuids("w", "f", rows[2:] + rows[:2])[1:] == first[:2]  # order of others aside
    assert row_uuids("other", "f", rows) != first
