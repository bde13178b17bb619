"""Form templates: every question kind, validation, keys across versions, entry rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kastedesk.domain.feedback_entry import Answer, EntryForm, digit_value, keystroke_budget
from kastedesk.domain.feedback_forms import (
    NO,
    YES,
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    check_answer,
    default_form,
    evaluation_scale_question,
    needs_new_version,
    validate_form,
    with_keys,
)

SCALE = QuestionSpec(QuestionKind.SCALE, "Asteikko", "Skala", 1, 5, key="s")
CHOICE = QuestionSpec(
    QuestionKind.CHOICE,
    "Valinta",
    "Val",
    options=(OptionSpec("yksi", "ett"), OptionSpec("kaksi", "två"), OptionSpec("kolme", "tre")),
    key="c",
)
YESNO = QuestionSpec(QuestionKind.YES_NO, "Kyllä vai ei", "Ja eller nej", key="y")
TEXT = QuestionSpec(QuestionKind.TEXT, "Kommentit", "Kommentarer", key="t")


def test_default_form_has_the_seed_questions_and_is_valid() -> None:
    form = default_form()
    assert validate_form(form) == {}
    kinds = [q.kind for q in form.questions]
    assert kinds == [
        QuestionKind.SCALE,
        QuestionKind.SCALE,
        QuestionKind.SCALE,
        QuestionKind.CHOICE,
        QuestionKind.TEXT,
    ]
    assert form.questions[0].text("fi").startswith("Vastasiko työpajan sisältö")
    assert form.questions[1].text("fi").startswith("Saitko työpajasta uusia ajatuksia")
    assert form.questions[0].text("sv").startswith("Motsvarade")
    assert [o.text("sv") for o in form.questions[3].options][2] == "erfarenhetsexpert"
    assert form.name("sv") == "Respons på workshoppen"


def test_every_kind_accepts_its_own_answers_only() -> None:
    assert SCALE.values() == [1, 2, 3, 4, 5]
    assert CHOICE.values() == [1, 2, 3]
    assert YESNO.values() == [YES, NO]
    assert TEXT.values() == []
    assert check_answer(SCALE, 5, None) and not check_answer(SCALE, 6, None)
    assert check_answer(CHOICE, 3, None) and not check_answer(CHOICE, 0, None)
    assert check_answer(YESNO, NO, None)
    assert check_answer(TEXT, None, "hyvä") and not check_answer(TEXT, 3, None)
    assert check_answer(SCALE, None, None)  # skipped


def test_value_labels_in_both_languages() -> None:
    evaluation = evaluation_scale_question("Tavoite", "Mål")
    assert evaluation.value_label(1, "fi") == "1 – ei toteutunut"
    assert evaluation.value_label(3, "sv") == "3 – väl förverkligat"
    assert evaluation.value_label(2, "fi") == "2"
    assert CHOICE.value_label(2, "sv") == "två"
    assert YESNO.value_label(YES, "fi") == "kyllä"
    assert YESNO.value_label(NO, "sv") == "nej"


@pytest.mark.parametrize(
    ("question", "field_problem"),
    [
        (replace(SCALE, text_fi=""), "Finnish text"),
        (replace(SCALE, scale_min=3, scale_max=3), "scale"),
        (replace(SCALE, scale_min=1, scale_max=10), "scale"),
        (replace(CHOICE, options=(OptionSpec("ainoa"),)), "2 to 9"),
        (replace(CHOICE, options=(OptionSpec("a"), OptionSpec(""))), "option"),
    ],
)
def test_bad_questions_are_named(question: QuestionSpec, field_problem: str) -> None:
    errors = validate_form(FormSpec("Lomake", questions=(TEXT, question)))
    assert list(errors) == ["q2"]
    assert field_problem in errors["q2"]
    assert errors["q2"].startswith("Question 2:")


def test_form_needs_a_name_and_questions() -> None:
    errors = validate_form(FormSpec(" "))
    assert set(errors) == {"name", "questions"}


def test_keys_survive_text_edits_but_not_shape_changes() -> None:
    first = with_keys(FormSpec("L", questions=(replace(SCALE, key=""), CHOICE)))
    assert first.questions[0].key and first.questions[1].key == "c"
    edited = FormSpec(
        "L",
        questions=(
            replace(first.questions[0], text_fi="Uusi sanamuoto"),
            replace(CHOICE, options=(*CHOICE.options, OptionSpec("neljä"))),
            replace(TEXT, key=""),
        ),
    )
    second = with_keys(edited, previous=first)
    assert second.questions[0].key == first.questions[0].key
    assert second.questions[1].key != "c"  # a fourth option: not comparable any more
    assert second.questions[2].key
    assert needs_new_version(1) and not needs_new_version(0)


def test_digits_answer_and_move_on() -> None:
    form = EntryForm([SCALE, CHOICE, YESNO, TEXT])
    assert digit_value(SCALE, 7) is None
    assert not form.press_digit(7)
    assert form.current == 0
    assert form.press_digit(4)
    assert form.press_digit(3)
    assert form.press_digit(2)  # no
    assert form.current == 3
    assert not form.press_digit(1)  # free text takes no digits as answers
    form.set_text("Hyvä päivä")
    assert form.filled() == {
        0: Answer(4),
        1: Answer(3),
        2: Answer(NO),
        3: Answer(None, "Hyvä päivä"),
    }
    assert keystroke_budget([SCALE, CHOICE, YESNO]) == 4


def test_skipped_questions_and_drafts() -> None:
    form = EntryForm([SCALE, CHOICE, TEXT])
    form.next()  # skip the scale
    form.press_digit(1)
    form.set_text("kesken")
    draft = form.to_draft()
    again = EntryForm([SCALE, CHOICE, TEXT])
    again.restore_draft(draft)
    assert again.filled() == {1: Answer(1), 2: Answer(None, "kesken")}
    assert again.current == 2
    again.clear_current()
    assert 2 not in again.filled()
    again.reset()
    assert again.is_empty and again.current == 0
