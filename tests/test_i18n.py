"""Catalogs are complete, keep their placeholders and match the source code."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import babel
import pytest
from babel.messages.extract import extract
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


def _messages_in(path: Path, cache: pytest.Cache | None) -> list[tuple[str | None, str]]:
    """(context, msgid) of every translatable string in one source file, as pybabel finds it.

    Remembered in pytest's cache by the file's content: reading every module again
    took a second of each run.
    """
    body = path.read_bytes()
    stamp = f"{babel.__version__}:{hashlib.sha256(body).hexdigest()}"
    key = f"kastedesk/messages/{path.relative_to(ROOT).as_posix()}"
    if cache is not None:
        known = cache.get(key, None)
        if known is not None and known["stamp"] == stamp:
            return [(context, msgid) for context, msgid in known["messages"]]
    messages = [
        (context, msgid if isinstance(msgid, str) else msgid[0])
        for _line, msgid, _comments, context in extract("python", io.BytesIO(body))
    ]
    if cache is not None:
        cache.set(key, {"stamp": stamp, "messages": messages})
    return messages


def test_catalogs_hold_every_string_of_the_source(request: pytest.FixtureRequest) -> None:
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    extracted = {
        message
        for path in sorted((ROOT / "kastedesk").rglob("*.py"))
        for message in _messages_in(path, cache)
    }
    assert ("", "Members") not in extracted and (None, "Members") in extracted
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


def test_a_document_nobody_chose_a_language_for_is_never_english() -> None:
    for interface, document in (("fi", "fi"), ("sv", "sv"), ("en", "fi")):
        i18n.set_language(interface)
        assert i18n.document_language() == document
    i18n.set_language("fi")
    assert i18n.document_language("sv") == "sv"
    assert i18n.document_language("en") == "fi"


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
