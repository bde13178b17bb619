"""More responses than participants: the rule and its words in fi/sv with plurals."""

from __future__ import annotations

import pytest

from kastedesk import i18n
from kastedesk.domain.feedback_counts import (
    over_participants_warning,
    responses_for_participants,
    too_many_responses,
)


def test_flag_only_when_responses_exceed_a_known_attendance() -> None:
    assert too_many_responses(16, 15)
    assert too_many_responses(1, 0)
    assert not too_many_responses(15, 15)
    assert not too_many_responses(3, None)
    assert over_participants_warning(15, 15) == ""


@pytest.mark.parametrize(
    ("lang", "responses", "attended", "text"),
    [
        ("fi", 16, 15, "16 vastausta, 15 osallistujaa"),
        ("fi", 1, 1, "1 vastaus, 1 osallistuja"),
        ("sv", 16, 15, "16 svar, 15 deltagare"),
        ("sv", 1, 1, "1 svar, 1 deltagare"),
        ("en", 2, 1, "2 responses, 1 participant"),
    ],
)
def test_counts_read_with_correct_plurals(lang, responses, attended, text) -> None:
    i18n.set_language(lang)
    try:
        assert responses_for_participants(responses, attended) == text
        warning = over_participants_warning(responses, attended)
        assert (text in warning) if responses > attended else warning == ""
    finally:
        i18n.set_language("en")
