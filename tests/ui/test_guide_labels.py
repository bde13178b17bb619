"""The user guide names the program's labels exactly as the program shows them.

In the guide's pages ``<b>`` marks a label of the program (a button, a tab, a field, a
menu or a dialog title), ``<kbd>`` a key and ``<i>`` a term. Every bold label must be a
text of that language's catalogue (English: a msgid), and every "Menu → Item" or
"Tab → Inner tab" path must exist in the built window in that language, so a renamed
button or menu leaves no stale name in the guide.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QTabWidget

from kastedesk import i18n
from kastedesk.storage.database import Database
from kastedesk.ui.help.guide import GUIDE_LANGUAGES, TOPICS, page_path
from kastedesk.ui.tabs import TAB_SPECS

BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
KEYS = re.compile(r"^(Ctrl|Alt|Shift|F\d+$|Esc$|Enter$|Tab$|Delete$|Backspace$|\d[\d ]*$)")


def shown(text: str) -> str:
    """*text* as the program shows it: mnemonic marks gone, no trailing colon."""
    return "&".join(part.replace("&", "") for part in text.split("&&")).strip().rstrip(":")


@cache
def catalogue_texts(lang: str) -> frozenset[str]:
    po = Path(__file__).parents[2] / "translations" / ("fi" if lang == "en" else lang)
    with (po / "LC_MESSAGES" / "kastedesk.po").open("rb") as handle:
        catalog = read_po(handle)
    texts: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        value = message.id if lang == "en" else message.string
        for text in value if isinstance(value, tuple | list) else (value,):
            if text:
                texts.add(shown(text))
    return frozenset(texts)


def bold_labels(lang: str) -> list[tuple[str, str]]:
    """(topic, label) of every bold text of the guide in *lang*, whitespace folded."""
    found = []
    for topic in TOPICS:
        text = page_path(topic, lang).read_text(encoding="utf-8")
        for bold in BOLD.findall(text):
            found.append((topic, " ".join(html.unescape(bold).split())))
    return found


def test_the_catalogue_is_found_and_read() -> None:
    assert "Start my project" in catalogue_texts("en")
    assert "Aloita oma hanke" in catalogue_texts("fi")
    assert "Starta mitt projekt" in catalogue_texts("sv")


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_bold_label_of_the_guide_is_a_text_the_program_shows(lang: str) -> None:
    labels = bold_labels(lang)
    assert len(labels) > 50, "the guide marks its labels in bold"
    known = catalogue_texts(lang)
    stale = [
        (topic, part)
        for topic, label in labels
        for part in label.split(" → ")
        if shown(part) not in known
    ]
    assert stale == [], f"{lang}: labels the program does not show (keys go in <kbd>)"


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_keys_are_marked_as_keys_not_as_labels(lang: str) -> None:
    keys = [(topic, label) for topic, label in bold_labels(lang) if KEYS.match(label)]
    assert keys == []


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_menu_and_tab_path_of_the_guide_exists_in_the_window(
    lang: str, make_window, db: Database
) -> None:
    window = make_window(db)
    window.set_language(lang)
    paths: set[tuple[str, str]] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else ():
            if not action.isSeparator():
                paths.add((shown(menu_action.text()), shown(action.text())))
    for index, spec in enumerate(TAB_SPECS):
        page = window.page(spec.key)
        for inner in page.findChildren(QTabWidget):
            for inner_index in range(inner.count()):
                paths.add((shown(window.tabs.tabText(index)), shown(inner.tabText(inner_index))))
    assert ("Tiedosto", "Avaa tietokanta…") in paths or lang != "fi"
    wanted = {
        (topic, label)
        for topic, label in bold_labels(lang)
        if label.count(" → ") == 1 and "→ " in label
    }
    assert wanted, "the guide names menu paths"
    missing = [
        (topic, label)
        for topic, label in sorted(wanted)
        if tuple(shown(part) for part in label.split(" → ")) not in paths
    ]
    assert missing == []
    assert i18n.current_language() == lang


# The label that opens a dialog, for the dialogs whose own title is not on their page.
OPENED_BY = {
    "feedback entry": "&Type in feedback…",
    "document": "A&genda…",
    "end membership": "End &membership…",
    "group": "New group…",
    "member": "&Add person…",
    "member import": "&Import…",
    "project": "New project…",
    "copy workshop": "D&uplicate to a region…",
    "response import": "I&mport responses…",
    "responses": "Typed form&s…",
    "blank forms": "Blan&k forms…",
    "cost setup": "&Categories and funding…",
    "cost entry": "&Add…",
    "cost import": "I&mport…",
    "cost attach": "Attach to agenda &item…",
    "evaluation goal": "Add &goal…",
    "evaluation measure": "Add &measure…",
    "evaluation round": "&New round…",
    "evaluation comment": "Comments, observations, shortcomings, development suggestions",
    "evaluation checklist": "E&vidence workshops…",
    "new item": "&Add item",
    "standard texts": "Wording…",
    "server": "Connect to &server…",
    "approve minutes": "Approve minutes…",
}
TITLE_CORE = re.compile(r" – | at §|, \d| \(")


def page_words(topic: str, lang: str) -> str:
    text = re.sub(r"<[^>]+>", " ", page_path(topic, lang).read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_f1_in_each_dialog_opens_a_page_that_names_it(
    lang: str, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    """The dialog's help page names its title, or the button that opens it."""
    from tests.ui.all_windows import DIALOGS, dialog_factories

    assert set(OPENED_BY) <= set(DIALOGS)
    i18n.set_language(lang)
    factories = dialog_factories(tmp_path)
    unnamed = []
    for name in DIALOGS:
        dialog = factories[name](demo_db)
        qtbot.addWidget(dialog)
        text = page_words(dialog.help_topic, lang)
        names = [TITLE_CORE.split(dialog.windowTitle())[0].strip()]
        if name in OPENED_BY:
            names.append(shown(i18n._(OPENED_BY[name])))
        if not any(n and n.casefold() in text.casefold() for n in names):
            unnamed.append((name, dialog.help_topic, names))
    assert unnamed == []
