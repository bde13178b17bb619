"""What text and numbers may come in at all: the one rule every importer and dialog uses.

A single-line field (a name, an e-mail address, a title) refuses every control
character, line breaks and tabs included, and the Unicode line and paragraph
separators: such a value would later break an e-mail header, a CSV row or a
table cell. A multi-line field (background text, notes, an answer) allows line
breaks and tabs only. Lengths follow the database columns
(kastedesk/storage/models), so what is accepted is also what is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kastedesk.i18n import _

# Column lengths (String(n) in kastedesk/storage/models).
PERSON_NAME = 100  # first_name, last_name
PERSON_TITLE = 200
ORGANISATION = 300
MUNICIPALITY = 100
EMAIL = 254
PHONE = 40
NAME = 300  # project, group, workshop, form and module names, titles, places
SHORT_NAME = 60
MODULE_CODE = 10
QUESTION_KEY = 40
SCALE_LABEL = 100
GUEST_NAME = 200
LINK = 500
# Text columns have no limit of their own; these keep a document and a report sane.
LONG_TEXT = 50_000  # background, proposal, decision, notes
QUESTION_TEXT = 2_000
ANSWER_TEXT = 10_000

MAX_COUNT = 100_000  # invited, attended: people at one workshop
MAX_YEAR, MIN_YEAR = 2200, 1900  # dates that can be meant

_ALLOWED_IN_MULTI_LINE = frozenset("\n\t")
_LINE_SEPARATORS = frozenset("\u2028\u2029")


def _is_control(char: str, multi_line: bool) -> bool:
    if char in _LINE_SEPARATORS:
        return not multi_line
    if multi_line and char in _ALLOWED_IN_MULTI_LINE:
        return False
    return unicodedata.category(char) == "Cc"


def has_control_characters(text: str, multi_line: bool = False) -> bool:
    """Whether *text* holds a character the field refuses (see the module text)."""
    if multi_line:
        text = text.replace("\r\n", "\n")  # Windows line ends are line ends
    return any(_is_control(c, multi_line) for c in text)


def text_problem(text: str, limit: int, multi_line: bool = False) -> str:
    """What is wrong with *text* for a field of at most *limit* characters, or ""."""
    if len(text) > limit:
        return _("Use at most {limit} characters (this has {length}).").format(
            limit=limit, length=len(text)
        )
    if has_control_characters(text, multi_line):
        if multi_line:
            return _("Remove the control characters; only line breaks and tabs are allowed.")
        return _("Remove the line breaks, tabs and other control characters.")
    return ""


def text_errors(fields: Iterable[tuple[str, str, int, bool]]) -> dict[str, str]:
    """{field: message} for each (field, text, limit, multi_line) that breaks the rule.

    Single-line values are judged as they are stored: without surrounding spaces.
    """
    errors: dict[str, str] = {}
    for name, text, limit, multi_line in fields:
        value = text or ""
        if message := text_problem(value if multi_line else value.strip(), limit, multi_line):
            errors[name] = message
    return errors


def count_problem(value: int | None, highest: int = MAX_COUNT) -> str:
    """A count of people: none, or 0 to *highest*."""
    if value is not None and not 0 <= value <= highest:
        return _("Enter a number from 0 to {highest}.").format(highest=highest)
    return ""


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


_WHITESPACE_RUN = re.compile(r"\s+")


def one_line(text: str, limit: int | None = None) -> str:
    """*text* made safe for one line of output (a mail header, a message).

    Control characters and line separators become spaces; runs of spaces become
    one. Output never fails on stored data, whatever an old version let in.
    """
    cleaned = "".join(" " if _is_control(c, False) else c for c in text)
    cleaned = _WHITESPACE_RUN.sub(" ", cleaned).strip()
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: max(limit - 1, 0)] + "…"
    return cleaned
