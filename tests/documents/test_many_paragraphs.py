"""Many paragraphs of one style (a results report's comments) written as python-docx's
add_paragraph writes them, without its search through the styles for each one."""

from __future__ import annotations

import pytest
from docx.styles.styles import Styles

from kastedesk.documents.template import add_paragraphs, open_template

TEXTS = ["Hyvä päivä (Työpaja A, Pohjanmaa)", "Två rader\noch en\ttabb", "", "<&> \"citat\""]


def test_the_paragraphs_are_what_add_paragraph_writes() -> None:
    ours, theirs = open_template(None), open_template(None)
    for document in (ours, theirs):
        document.add_paragraph("Ennen")
    add_paragraphs(ours, TEXTS, "List Bullet")
    for text in TEXTS:
        theirs.add_paragraph(text, style="List Bullet")
    for document in (ours, theirs):
        document.add_paragraph("Jälkeen")
    assert ours.element.body.xml == theirs.element.body.xml
    assert [p.style.name for p in ours.paragraphs[1:-1]] == ["List Bullet"] * len(TEXTS)
    assert ours.paragraphs[2].text == "Två rader\noch en\ttabb"
    assert ours.element.body[-1].tag.endswith("sectPr")  # the section's properties stay last


@pytest.mark.parametrize("count", [10, 1_000])
def test_the_style_is_looked_up_once_however_many(count: int, monkeypatch) -> None:
    """python-docx looked the style up by name for each paragraph: 2 ms each, 20 s for a
    programme's 10,000 comments. Counted, not timed."""
    lookups = []
    real = Styles.__iter__

    def counting(self: Styles):
        lookups.append(1)
        return real(self)

    monkeypatch.setattr(Styles, "__iter__", counting)
    default = Styles.default
    monkeypatch.setattr(Styles, "default", lambda self, t: (lookups.append(1), default(self, t))[1])
    document = open_template(None)
    lookups.clear()
    add_paragraphs(document, [f"Kommentti {n}" for n in range(count)], "List Bullet")
    assert len(document.paragraphs) == count
    assert len(lookups) <= 3
