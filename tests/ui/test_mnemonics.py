"""Alt+letter mnemonics are unique in every window state and dialog, in Finnish and Swedish.

The walk shows each tab of the meeting editor in turn and collects the
mnemonics of what is visible together with the menu bar; each meeting dialog
is checked on its own. (The other main tabs are not walked yet.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabWidget, QWidget

from kastedesk import i18n
from kastedesk.services.meeting_views import list_meetings

MNEMONIC = re.compile(r"&([^&\s])")


def _mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible button, buddied label, group box and menu title."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QMenuBar):
            texts.extend(a.text() for a in widget.actions())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if letter := _mnemonic(text):
                found.append((letter, text.replace("&", "")))
    return found


def clashes(root: QWidget) -> dict[str, list[str]]:
    found = mnemonics(root)
    counts = Counter(letter for letter, _text in found)
    return {
        letter: [text for other, text in found if other == letter]
        for letter, n in counts.items()
        if n > 1
    }


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_meetings_tab_states_have_unique_mnemonics(make_window, demo_db, lang) -> None:
    window = make_window(demo_db)
    window.set_language(lang)
    window.resize(1366, 768)
    window.show()
    problems = {}
    page = next(p for p in window._pages if p.objectName() == "tab_meetings")
    window.tabs.setCurrentWidget(page)
    meeting = next(r for r in list_meetings(demo_db, 1) if not r.agenda_sent)
    page.show_meeting(1, meeting.id)
    for index in range(page.editor.tabs.count()):
        page.editor.tabs.setCurrentIndex(index)
        if found := clashes(window):
            problems[page.editor.tabs.tabText(index)] = found
    assert problems == {}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_meeting_dialogs_have_unique_mnemonics(qtbot, demo_db, lang) -> None:
    from kastedesk.domain.item_languages import MissingText
    from kastedesk.domain.registry import DocLanguages
    from kastedesk.ui.meetings.approve_dialog import ApproveDialog
    from kastedesk.ui.meetings.backlog_dialog import BacklogDialog
    from kastedesk.ui.meetings.details_form import NewMeetingDialog
    from kastedesk.ui.meetings.extract_dialog import ExtractDialog
    from kastedesk.ui.meetings.missing_texts import MissingTextsDialog
    from kastedesk.ui.meetings.new_item_dialog import NewItemDialog
    from kastedesk.ui.meetings.phrase_dialog import PhraseDialog

    i18n.set_language(lang)
    dialogs = [
        NewItemDialog(("fi", "sv"), lambda _f: 1),
        MissingTextsDialog([MissingText(7, "Talous", "sv", ("title",))]),
        PhraseDialog(demo_db, 1),
        BacklogDialog(demo_db, next(m.id for m in list_meetings(demo_db, 1)), 1, ("fi", "sv")),
        ExtractDialog(
            ["7 §  Talousraportti", "8 §  Koulutussuunnitelma"],
            DocLanguages.FI_SV,
            lambda _languages, _pdf: Path("x.docx"),
            "",
            lambda _request: Path(),
            dt.date(2026, 12, 1),
        ),
        ApproveDialog("Ohjausryhmän 6. kokous", dt.date(2026, 11, 30), lambda _d: 1),
    ]
    dialogs.append(NewMeetingDialog(demo_db, 1, "fi+sv", dt.date(2026, 12, 1)))
    problems = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        if found := clashes(dialog):
            problems[dialog.windowTitle()] = found
    assert problems == {}
