"""Blank forms: the printed digits are the ones fast entry takes; the page-fitting rule."""

from __future__ import annotations

from kastedesk.domain.blank_forms import (
    MIN_WRITING_LINES,
    fits_one_page,
    printed_options,
    writing_lines,
)
from kastedesk.domain.feedback_entry import EntryForm, digit_value
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec, default_form


def test_every_printed_digit_types_that_option_in_fast_entry() -> None:
    form = default_form()
    yes_no = QuestionSpec(QuestionKind.YES_NO, "Suosittelisitko?", "Skulle du rekommendera?")
    for question in (*form.questions, yes_no):
        printed = printed_options(question, ("fi",))
        assert [digit_value(question, o.digit) for o in printed] == question.values()
    # A paper form typed digit by digit gives back the answers ticked on it.
    entry = EntryForm(list(form.questions[:4]))
    for question, position in zip(form.questions[:4], (0, 4, 2, 3), strict=True):
        entry.press_digit(printed_options(question, ("fi",))[position].digit)
    assert {p: a.value for p, a in entry.filled().items()} == {0: 1, 1: 5, 2: 3, 3: 4}


def test_printed_labels_in_one_or_both_languages() -> None:
    form = default_form()
    scale = printed_options(form.questions[0], ("fi", "sv"))
    assert [(o.digit, o.texts) for o in scale] == [
        (1, ("ei lainkaan", "inte alls")),
        (2, ()),
        (3, ()),
        (4, ()),
        (5, ("täysin", "helt")),
    ]
    background = printed_options(form.questions[3], ("sv",))
    assert background[0].texts == ("socialarbetare",)
    yes_no = QuestionSpec(QuestionKind.YES_NO, "Kyllä?", "Ja?")
    assert [(o.digit, o.texts) for o in printed_options(yes_no, ("fi", "sv"))] == [
        (1, ("kyllä", "ja")),
        (2, ("ei", "nej")),
    ]


def test_the_default_form_fits_one_page_in_both_languages_and_a_long_one_does_not() -> None:
    form = default_form()
    assert fits_one_page(form.questions, ("fi", "sv"))
    assert writing_lines(form.questions, ("fi",)) == 6
    many = tuple(QuestionSpec(QuestionKind.SCALE, f"Kysymys {n}", f"Fråga {n}") for n in range(20))
    assert not fits_one_page((*many, form.questions[4]), ("fi", "sv"))
    assert writing_lines((*many, form.questions[4]), ("fi", "sv")) == MIN_WRITING_LINES
    fewer = (*many[:12], form.questions[4])
    assert fits_one_page(fewer, ("fi",))
    assert writing_lines(fewer, ("fi",)) == 5  # the writing space shrinks to fit the page
