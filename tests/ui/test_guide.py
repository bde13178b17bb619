"""The user guide: complete in every language, every page and picture found, F1 and
Help → Keyboard shortcuts open what they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kastedesk import i18n
from kastedesk.storage.database import Database
from kastedesk.ui.help.guide import GUIDE_LANGUAGES, INDEX, TOPICS, guide_dir, page_path, topic_of
from kastedesk.ui.help.help_window import HelpWindow, show_guide
from kastedesk.ui.tabs import TAB_SPECS
from tests.ui.test_screen_fit import DIALOGS, dialog_factories

HREF = re.compile(r'href="([^"#:]+\.html)"')
IMG = re.compile(r'<img [^>]*src="([^"]+)"')
SCREENSHOT_LANGUAGES = ("fi", "sv")


def page_text(topic: str, lang: str) -> str:
    return page_path(topic, lang).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_page_exists_with_a_title_and_no_page_is_left_out(lang: str) -> None:
    files = {path.stem for path in (guide_dir() / lang).glob("*.html")}
    assert files == set(TOPICS)
    for topic in TOPICS:
        text = page_text(topic, lang)
        assert f'<html lang="{lang}">' in text, topic
        title = re.search(r"<title>(.+?)</title>", text)
        assert title and title.group(1).strip(), topic
        assert len(re.sub(r"<[^>]+>", "", text).split()) >= 40, f"{lang}/{topic} is a stub"


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_page_is_reachable_from_the_index_and_every_link_leads_somewhere(
    lang: str,
) -> None:
    seen, todo = set(), [INDEX]
    while todo:
        topic = todo.pop()
        if topic in seen:
            continue
        seen.add(topic)
        for target in HREF.findall(page_text(topic, lang)):
            assert (guide_dir() / lang / target).is_file(), (lang, topic, target)
            todo.append(Path(target).stem)
    assert seen == set(TOPICS)


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_picture_the_guide_names_exists_in_finnish_and_swedish(lang: str) -> None:
    named = set()
    for topic in TOPICS:
        for source in IMG.findall(page_text(topic, lang)):
            picture = (guide_dir() / lang / source).resolve()
            assert picture.is_file(), (lang, topic, source)
            named.add(picture.name)
    assert len(named) >= 10
    for name in named:
        for shot_lang in SCREENSHOT_LANGUAGES:
            assert (guide_dir() / "img" / shot_lang / name).is_file(), (shot_lang, name)
    if lang in SCREENSHOT_LANGUAGES:  # a page shows the screens in its own language
        for topic in TOPICS:
            for source in IMG.findall(page_text(topic, lang)):
                assert source.startswith(f"../img/{lang}/"), (lang, topic, source)


def test_the_screenshots_stay_small() -> None:
    total = sum(path.stat().st_size for path in (guide_dir() / "img").rglob("*.png"))
    assert 0 < total < 3_000_000


def test_the_screenshot_tool_takes_every_picture_the_guide_names(
    qapp: QApplication, tmp_path: Path
) -> None:
    from tools.make_guide_screenshots import take_all

    written = take_all(tmp_path, tmp_path / "img", ["sv"], shrink=True)
    names = {path.name for path in written}
    shipped = {path.name for path in (guide_dir() / "img" / "sv").glob("*.png")}
    assert names == shipped
    assert all(path.stat().st_size > 1000 for path in written)
    assert i18n.current_language() == "en"


def _topic_is_complete(topic: object, owner: str) -> None:
    assert isinstance(topic, str) and topic in TOPICS, (owner, topic)
    for lang in GUIDE_LANGUAGES:
        assert page_path(topic, lang).is_file(), (owner, lang)


def test_every_tab_names_a_page_of_the_guide(make_window, db: Database) -> None:
    window = make_window(db)
    window.first_run.welcome.tabs_button.click()  # an empty database: its tabs, as asked
    window.load_all_pages()
    for index, spec in enumerate(TAB_SPECS):
        page = window.tabs.widget(index)
        _topic_is_complete(getattr(type(page), "help_topic", None), spec.key)
        window.tabs.setCurrentIndex(index)
        assert window.help_topic == type(page).help_topic


def test_every_dialog_names_a_page_of_the_guide(demo_db: Database, qtbot, tmp_path: Path) -> None:
    factories = dialog_factories(tmp_path)
    for name in DIALOGS:
        dialog = factories[name](demo_db)
        qtbot.addWidget(dialog)
        _topic_is_complete(getattr(type(dialog), "help_topic", None), name)


def test_f1_on_a_tab_opens_the_guide_at_its_page(make_window, demo_db: Database, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # the keys work in the active window
    window.tabs.setCurrentWidget(window.page("workshops"))
    window.tabs.setFocus()
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    assert guide.topic == "workshops"
    assert "Workshops, forms and printing" in guide.browser.toHtml()

    window.tabs.setCurrentWidget(window.page("meetings"))
    window.action_guide.trigger()  # Help → User guide: the same window, another page
    assert window.findChildren(HelpWindow) == [guide]
    assert guide.topic == "meetings"


def test_f1_inside_the_meeting_editor_opens_the_inner_tab_s_page(
    make_window, demo_db: Database, qtbot
) -> None:
    window = make_window(demo_db)
    window.show()
    meetings = window.page("meetings")
    window.tabs.setCurrentWidget(meetings)
    meetings.table.selectRow(0)
    meetings.editor.tabs.setCurrentWidget(meetings.editor.attendance)
    assert topic_of(meetings.editor.tabs.tabBar()) == "attendance"
    meetings.editor.tabs.setCurrentIndex(3)  # the minutes, in a scroll area
    assert topic_of(meetings.editor.tabs.tabBar()) == "minutes"
    field = meetings.editor.minutes.findChildren(QWidget)[0]
    assert topic_of(field) == "minutes"
    # The minutes checking and reopening boxes: the page about checking and approval.
    assert topic_of(meetings.editor.minutes.date) == "approval"
    assert topic_of(meetings.editor.minutes.reason) == "approval"
    assert topic_of(meetings.editor.minutes.state) == "minutes"
    assert topic_of(meetings.table) == "meetings"


def test_f1_in_a_dialog_opens_its_page_beside_the_dialog(
    make_window, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    make_window(demo_db)  # the window installs the F1 key for every dialog
    dialog = dialog_factories(tmp_path)["member"](demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys work in the active window
    field = dialog.findChildren(QWidget)[-1]
    qtbot.keyClick(field, Qt.Key.Key_F1)
    guide = dialog.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    assert guide.topic == "members"
    assert guide.parentWidget() is dialog  # usable while the modal dialog is open


def test_the_guide_follows_the_interface_language(qtbot) -> None:
    i18n.set_language("sv")
    owner = QWidget()
    qtbot.addWidget(owner)
    guide = show_guide(owner, "bundles")
    assert guide.windowTitle() == "KasteDesk – bruksanvisning"
    assert "Paket mellan bärbara datorer" in guide.browser.toHtml()
    assert guide.contents.item(0).text() == "KasteDesk – bruksanvisning"
    i18n.set_language("fi")
    again = show_guide(owner, "bundles")
    assert again is not guide
    assert "Palautenippu kannettavien välillä" in again.browser.toHtml()


def test_links_back_forward_and_find(qtbot) -> None:
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.show_topic(INDEX)
    assert guide.topic == INDEX and not guide.back_button.isEnabled()
    guide.browser.setSource(guide.browser.source().resolved("costs.html"))
    assert guide.topic == "costs"
    assert guide.contents.currentItem().data(Qt.ItemDataRole.UserRole) == "costs"
    assert guide.back_button.isEnabled()
    guide.back_button.click()
    assert guide.topic == INDEX and guide.forward_button.isEnabled()
    guide.forward_button.click()
    assert guide.topic == "costs"
    guide.find_edit.setText("payment claim")
    assert guide.browser.textCursor().selectedText().lower() == "payment claim"
    guide.find_edit.setText("no such words anywhere")
    assert guide.find_status.text() == "Not found"
    guide.contents.item(TOPICS.index("server")).setSelected(True)
    guide._contents_chosen(guide.contents.item(TOPICS.index("server")))
    assert guide.topic == "server"


def test_keyboard_shortcuts_lists_every_key_of_the_window(make_window, db: Database, qtbot) -> None:
    window = make_window(db)
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = [
        tuple(dialog.table.item(r, c).text() for c in range(3))
        for r in range(dialog.table.rowCount())
    ]
    assert ("Meetings", "New meeting", "Ctrl+Shift+N") in rows
    assert ("Members", "Add a person", "Ctrl+N") in rows
    assert ("Workshops", "New workshop", "Ctrl+N") in rows
    assert ("Workshops", "Edit the chosen workshop", "Enter") in rows  # Qt's "Return"
    assert "Alt+letters" in dialog.intro.text()  # what the Menu, Button … rows are
    assert ("Whole window", "User guide", "F1") in rows
    assert ("Whole window", "Quit", "Ctrl+Q") in rows
    # Nothing with keys is left out: every keyed action and shortcut has a row.
    keyed = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    keyed += [s for s in window.findChildren(QShortcut) if not s.key().isEmpty()]
    alt_letters = {"Menu", "Tab", "Button", "Field", "Group"}
    assert len([r for r in rows if r[0] not in alt_letters]) == len(keyed)
    # The Alt+letters too: the menus, the tabs and what the current tab shows.
    assert ("Menu", "File", "Alt+F") in rows and ("Menu", "Help", "Alt+H") in rows
    shown = [r for r in rows if r[0] == "Button"]
    assert shown and all(r[2].startswith("Alt+") for r in shown)


def test_keyboard_shortcuts_speak_the_interface_language(make_window, db: Database, qtbot) -> None:
    window = make_window(db)
    window.set_language("fi")
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Pikanäppäimet"
    assert ("Kokoukset", "Uusi kokous", "Ctrl+Vaihto+N") in dialog.texts()  # Qt names keys too
    assert ("Jäsenet", "Lisää henkilö", "Ctrl+N") in dialog.texts()
    assert ("Valikko", "Tiedosto", "Alt+T") in dialog.texts()
