"""Control characters and absurd sizes are refused at the door, by one rule."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain import text_limits as T
from kastedesk.domain.feedback_forms import (
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    validate_form,
)
from kastedesk.domain.registry_rules import (
    GroupData,
    PersonData,
    ProjectData,
    validate_group,
    validate_person,
    validate_project,
)
from kastedesk.domain.workshops import WorkshopData, validate_workshop


@pytest.mark.parametrize(
    "text",
    [
        "Anna\nAalto",
        "Anna\rAalto",
        "Anna\tAalto",
        "Anna\u2028Aalto",
        "A\u2029",
        "A\x00",
        "A\x7f",
        "A\x85",
    ],
)
def test_single_line_refuses_every_control_character(text: str) -> None:
    assert T.has_control_characters(text)
    assert "control characters" in T.text_problem(text, 100)


@pytest.mark.parametrize("text", ["Åsa Öhman-Ähtäri", "Zoë 👩‍👩‍👧 d’Artagnan", "", "a" * 100])
def test_single_line_accepts_ordinary_names(text: str) -> None:
    assert T.text_problem(text, 100) == ""


def test_multi_line_allows_line_breaks_and_tabs_only() -> None:
    assert T.text_problem("Tausta:\n\tkohta 1\r\nkohta 2\u2028", 1000, multi_line=True) == ""
    assert T.text_problem("kohta\x0bkohta", 1000, multi_line=True) != ""
    assert T.text_problem("kohta\rkohta", 1000, multi_line=True) != ""  # a lone CR


def test_length_counts_characters() -> None:
    assert T.text_problem("ä" * 100, 100) == ""
    assert "at most 100 characters (this has 101)" in T.text_problem("ä" * 101, 100)


def test_person_fields_follow_the_columns() -> None:
    errors = validate_person(
        PersonData(
            first_name="Anna\nMaria",
            last_name="A" * 101,
            organisation="O" * 301,
            email="a@example.fi\r\nBcc: x@example.fi",
            phone="+358 40 123 4567",
        )
    )
    assert set(errors) == {"first_name", "last_name", "organisation", "email"}
    assert validate_person(PersonData("Anna", "A" * 100, email="  anna@example.fi\r\n")) == {}


def test_project_and_group_names() -> None:
    assert set(validate_project(ProjectData("Hanke\nX", short_name="S" * 61))) == {
        "name_fi",
        "short_name",
    }
    assert set(validate_group(GroupData("R" * 301, quorum_min=10**9))) == {"name_fi", "quorum_min"}


def test_workshop_text_counts_and_dates() -> None:
    data = WorkshopData(
        project_id=1,
        title="T" * 10_000_000,
        place="Vaasa\n",
        attended=1_000_000,
        date=dt.date(1, 1, 1),
        notes="rivi 1\nrivi 2",
    )
    errors = validate_workshop(data)
    assert set(errors) == {"title", "attended", "date"}  # a trailing line break is trimmed
    assert "10000000" in errors["title"]


def test_feedback_form_texts() -> None:
    long_label = QuestionSpec(QuestionKind.SCALE, "Kysymys", max_label_fi="x" * 101)
    broken_option = QuestionSpec(
        QuestionKind.CHOICE, "Valitse", options=(OptionSpec("a\nb"), OptionSpec("c"))
    )
    errors = validate_form(FormSpec("Lomake\t1", questions=(long_label, broken_option)))
    assert set(errors) == {"name", "q1", "q2"}


def test_one_line_makes_stored_text_safe_for_a_header() -> None:
    assert T.one_line("Anna\r\nBcc: x@example.fi\u2028 Aalto") == "Anna Bcc: x@example.fi Aalto"
    assert T.one_line("a" * 100, 10) == "a" * 9 + "…"


def test_counts() -> None:
    assert T.count_problem(None) == T.count_problem(0) == T.count_problem(T.MAX_COUNT) == ""
    assert T.count_problem(T.MAX_COUNT + 1) != "" and T.count_problem(-1) != ""
