"""Where the user guide's pages are and which page belongs to which screen.

The guide is plain HTML under ``resources/guide/<lang>/<topic>.html`` (English is
the source, Finnish and Swedish are translations) with one shared stylesheet and
screenshots under ``resources/guide/img/<lang>/``. Every tab and dialog names its
page with a ``help_topic`` class attribute; F1 opens that page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from kastedesk.paths import resource_path

GUIDE_LANGUAGES: tuple[str, ...] = ("en", "fi", "sv")
INDEX = "index"
# Every page of the guide, in the order of the contents list.
TOPICS: tuple[str, ...] = (
    INDEX,
    "start",
    "members",
    "meetings",
    "agenda",
    "attendance",
    "minutes",
    "approval",
    "conflicts",
    "backlog",
    "extracts",
    "workshops",
    "entry",
    "bundles",
    "feedback",
    "evaluation",
    "costs",
    "backups",
    "server",
)
_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def guide_dir() -> Path:
    return resource_path("guide")


def guide_language(lang: str) -> str:
    return lang if lang in GUIDE_LANGUAGES else "en"


def page_path(topic: str, lang: str) -> Path:
    """The page of *topic* in *lang*; an unknown topic gives the contents page."""
    name = topic if topic in TOPICS else INDEX
    return guide_dir() / guide_language(lang) / f"{name}.html"


def page_title(path: Path) -> str:
    """The page's <title>, as plain text (the file name when it has none)."""
    match = _TITLE.search(path.read_text(encoding="utf-8"))
    return html.unescape(match.group(1).strip()) if match else path.stem


def topic_of(widget: QWidget | None) -> str:
    """The guide page for *widget*: its own or its nearest parent's ``help_topic``.

    A tab widget on the way answers with its current page's topic, so F1 on the
    meeting editor's tab bar opens the page of the inner tab shown.
    """
    while widget is not None:
        if isinstance(widget, QTabWidget):
            current = widget.currentWidget()
            if isinstance(current, QScrollArea) and (inside := current.widget()) is not None:
                current = inside  # a tab that scrolls: the page inside
            topic = _own_topic(current) if current is not None else None
            if topic:
                return topic
        topic = _own_topic(widget)
        if topic:
            return topic
        widget = widget.parentWidget()
    return INDEX


def _own_topic(widget: QWidget) -> str | None:
    topic = getattr(widget, "help_topic", None)
    return topic if isinstance(topic, str) and topic else None
