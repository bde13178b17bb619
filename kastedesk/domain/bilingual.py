"""A name or text kept in Finnish and Swedish, shown in one language: the one rule."""

from __future__ import annotations


def in_language(fi: str, sv: str, lang: str) -> str:
    """The Swedish text for ``sv`` and the Finnish one otherwise (English included); an empty
    one falls back to the other language, so a name is never shown blank."""
    return (sv or fi) if lang == "sv" else (fi or sv)
