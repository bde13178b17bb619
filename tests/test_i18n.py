"""Catalogs are complete, keep their placeholders and match the source code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kastedesk import i18n
from kastedesk.i18n import _, ngettext

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]+\)[sdrf]|%[sdrf]")


def _catalog(lang: str):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "kastedesk.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalog_is_complete_and_not_fuzzy(lang: str) -> None:
    entries = [m for m in _catalog(lang) if m.id]
    assert entries
    untranslated = [_ids(m)[0] for m in entries if not all(_strings(m))]
    fuzzy = [_ids(m)[0] for m in entries if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_translations_keep_placeholders(lang: str) -> None:
    wrong = []
    for m in _catalog(lang):
        if not m.id:
            continue
        expected = sorted(PLACEHOLDER.findall(_ids(m)[-1]))
        for text in _strings(m):
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((_ids(m)[0], text))
    assert wrong == []


def test_catalogs_hold_every_string_of_the_source() -> None:
    extracted = {
        (context, msgid if isinstance(msgid, str) else msgid[0])
        for _file, _line, msgid, _comments, context in extract_from_dir(
            ROOT / "kastedesk", method_map=[("**.py", "python")]
        )
    }
    for lang in ("fi", "sv"):
        known = {(m.context, _ids(m)[0]) for m in _catalog(lang) if m.id}
        assert extracted - known == set(), f"run `make update-translations` ({lang})"


def test_switching_language_changes_translations() -> None:
    i18n.set_language("fi")
    assert _("Members") == "Jäsenet"
    i18n.set_language("sv")
    assert _("Members") == "Medlemmar"
    i18n.set_language("en")
    assert _("Members") == "Members"
    assert ngettext("{n} item", "{n} items", 2) == "{n} items"


def test_a_document_language_is_independent_of_the_interface() -> None:
    i18n.set_language("fi")
    assert i18n.translator("sv").gettext("Meetings") == "Möten"
    assert _("Meetings") == "Kokoukset"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LC_ALL": "fi_FI.UTF-8", "LANG": "sv_FI.UTF-8"}, "fi"),
        ({"LANG": "de_DE.UTF-8"}, "fi"),
        ({}, "fi"),
        ({"LANGUAGE": "sv:en"}, "sv"),
    ],
)
def test_first_start_language_from_system(env: dict[str, str], expected: str) -> None:
    assert i18n.system_language(env) == expected


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("de")
