"""Translations: gettext with English source strings, Finnish and Swedish catalogs.

Import ``_`` (and friends) from here; nothing is installed into builtins. The
functions look the language up at call time, so switching the language takes
effect for everything formatted afterwards. Documents in a language other than
the interface's use :func:`translator`.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from functools import cache

from kastedesk.paths import locale_dir

DOMAIN = "kastedesk"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
# Each language's own name, as shown in the Language menu (never translated).
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}

_current = DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> _gettext.NullTranslations:
    """The catalog for *lang*; English (the source language) has none."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[lang])


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    translator(lang)  # fail early if the catalog is missing
    _current = lang


def current_language() -> str:
    return _current


def document_language(lang: str | None = None) -> str:
    """The language of a document, report or chart nobody chose one for: *lang* (else the
    interface's) when it is Finnish or Swedish, else Finnish. Documents are never English."""
    lang = lang or _current
    return lang if lang in ("fi", "sv") else DEFAULT_LANGUAGE


def babel_locale(lang: str | None = None) -> str:
    return BABEL_LOCALES[lang or _current]


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """Finnish or Swedish from the system locale, else Finnish."""
    env = os.environ if environ is None else environ
    candidates = [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    if environ is None:
        import locale  # only here: a saved language needs none of it

        with contextlib.suppress(ValueError):
            candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        code = value.split(":")[0].lower()
        if code.startswith(("sv", "swedish")):
            return "sv"
        if code.startswith(("fi", "finnish")):
            return "fi"
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return translator(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(_current).pgettext(context, message)


def N_(message: str) -> str:
    """Mark *message* for extraction; translate it later with ``_``."""
    return message
