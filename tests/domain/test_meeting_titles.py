"""Meeting titles in Finnish and Swedish: genitives and ordinals."""

from __future__ import annotations

import pytest

from kastedesk.domain.meetings import meeting_title, swedish_ordinal


@pytest.mark.parametrize(
    ("name", "lang", "title"),
    [
        ("Ohjausryhmä", "fi", "Ohjausryhmän 6. kokous"),
        ("LasSe-hankkeen ohjausryhmä", "fi", "LasSe-hankkeen ohjausryhmän 11. kokous"),
        ("Kaste-aluejohtoryhmä", "fi", "Kaste-aluejohtoryhmän 2. kokous"),
        ("Väli-Suomen toimikunta", "fi", "Väli-Suomen toimikunnan 1. kokous"),
        ("Alueellinen ohjausryhmä", "fi", "Alueellinen ohjausryhmä – 3. kokous"),
        ("KASPERI II ohjausryhmä", "fi", "KASPERI II ohjausryhmä – 3. kokous"),
        ("Praksis", "fi", "Praksis – 4. kokous"),
        ("Styrgrupp", "sv", "Styrgruppens 6:e möte"),
        ("Styrgruppen", "sv", "Styrgruppens 1:a möte"),
        ("Ledningsgruppen", "sv", "Ledningsgruppens 22:a möte"),
        ("Rådet", "sv", "Rådets 2:a möte"),
        ("LasSe-projektets styrgrupp", "sv", "LasSe-projektets styrgrupp – 3:e möte"),
    ],
)
def test_titles(name: str, lang: str, title: str) -> None:
    assert meeting_title(name, int(title.split()[-2].rstrip(".:ae") or 0), lang) == title


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1:a"), (2, "2:a"), (3, "3:e"), (11, "11:e"), (12, "12:e"), (21, "21:a"), (22, "22:a"),
     (101, "101:a"), (111, "111:e")],
)  # fmt: skip
def test_swedish_ordinals(n: int, text: str) -> None:
    assert swedish_ordinal(n) == text
