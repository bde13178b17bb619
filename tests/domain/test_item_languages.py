"""Which § items lack their text in a document language."""

from __future__ import annotations

from kastedesk.domain.item_languages import (
    AGENDA_FIELDS,
    ItemTexts,
    MissingText,
    is_placeholder,
    missing_texts,
    real_title,
)


def item(section: int, **texts: tuple[str, str]) -> ItemTexts:
    return ItemTexts(section, texts)


def test_swedish_missing_title_and_proposal_are_listed_per_language() -> None:
    items = [
        item(1, title=("Kokouksen avaus", "Mötets öppnande")),
        item(7, title=("Talousraportti", ""), proposal=("Hyväksytään.", ""), decision=("", "")),
        item(8, title=("", "Utbildning"), background=("", "Bakgrund")),
    ]
    assert missing_texts(items, ("fi", "sv")) == [
        MissingText(7, "Talousraportti", "sv", ("title", "proposal")),
        MissingText(8, "Utbildning", "fi", ("title", "background")),
    ]
    assert missing_texts(items, ("sv",)) == [
        MissingText(7, "Talousraportti", "sv", ("title", "proposal"))
    ]


def test_texts_empty_in_both_languages_are_not_missing_but_a_title_always_is() -> None:
    assert missing_texts([item(3, title=("Asia", "Ärende"))], ("fi", "sv")) == []
    assert missing_texts([item(3, title=("", ""))], ("fi",)) == [
        MissingText(3, "", "fi", ("title",))
    ]


def test_a_placeholder_title_counts_as_missing_and_is_never_the_title() -> None:
    assert is_placeholder(" Uusi asia ") and is_placeholder("Nytt ärende")
    assert not is_placeholder("Uusi asiakaspalvelumalli")
    assert real_title("Nytt ärende") == "" and real_title(" Talous ") == "Talous"
    found = missing_texts([item(9, title=("Uusi asia", "Nytt ärende"))], ("fi", "sv"))
    assert [(m.language, m.fields) for m in found] == [("fi", ("title",)), ("sv", ("title",))]


def test_the_agenda_does_not_need_the_decision() -> None:
    items = [item(7, title=("Talous", "Ekonomi"), decision=("Hyväksyttiin.", ""))]
    assert missing_texts(items, ("fi", "sv"), AGENDA_FIELDS) == []
    assert missing_texts(items, ("fi", "sv"))[0].fields == ("decision",)
