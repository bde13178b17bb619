"""First run: the welcome page, the separate demo database and the Start my project assistant."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kastedesk import i18n
from kastedesk.domain.registry import Role
from kastedesk.paths import demo_database_path
from kastedesk.services import registry
from kastedesk.services.demo import is_empty
from kastedesk.storage.database import Database, sqlite_path
from kastedesk.ui.help.guide import topic_of
from kastedesk.ui.welcome import setup_wizard
from kastedesk.ui.welcome.setup_wizard import ProjectSetupWizard
from tests.ui.test_mnemonics import clashes, mnemonics


def _counts(db: Database) -> tuple[int, int, int]:
    return (
        len(registry.list_projects(db)),
        len(registry.list_groups(db)),
        len(registry.member_rows(db)),
    )


# --- the welcome page ---------------------------------------------------------------------


def test_an_empty_database_opens_on_the_welcome_page(window) -> None:
    assert window.first_run.welcome_shown
    assert window.first_run.stack.currentWidget() is window.first_run.welcome
    assert not window.first_run.demo_bar.isVisibleTo(window)


def test_a_database_with_a_project_opens_on_the_tabs(make_window, demo_db) -> None:
    window = make_window(demo_db)
    assert not window.first_run.welcome_shown
    assert window.first_run.stack.currentWidget() is window.tabs


def test_the_welcome_page_goes_when_a_project_arrives_and_on_request(window) -> None:
    window.load_demo_data()  # as a command or another window would
    assert not window.first_run.welcome_shown


def test_show_the_tabs_instead_keeps_them_for_this_database(window, qtbot) -> None:
    qtbot.mouseClick(window.first_run.welcome.tabs_button, Qt.MouseButton.LeftButton)
    assert not window.first_run.welcome_shown
    window.first_run.update()
    assert not window.first_run.welcome_shown


def test_enter_takes_the_focused_way_on_and_the_focus_is_drawn(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    welcome = window.first_run.welcome
    assert "QCommandLinkButton:focus" in welcome.styleSheet()  # Fusion draws no frame itself
    welcome.start_button.setFocus()
    qtbot.keyClick(welcome.start_button, Qt.Key.Key_Return)
    wizard = window.first_run.wizard
    assert isinstance(wizard, ProjectSetupWizard)
    wizard.reject()
    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    welcome.tabs_button.setFocus()
    qtbot.keyClick(welcome.tabs_button, Qt.Key.Key_Enter)
    assert not window.first_run.welcome_shown


def test_f1_on_the_welcome_page_opens_getting_started_not_the_last_tab_s_page(
    window, qtbot
) -> None:
    window.tabs.setCurrentIndex(window.tabs.count() - 1)  # remembered from another database
    welcome = window.first_run.welcome
    assert window.first_run.welcome_shown
    assert topic_of(welcome.start_button) == "start"  # F1 with a way on focused
    assert window.help_topic == "start"  # Help → User guide
    guide = window.show_guide()  # nothing focused yet: the page shown decides
    qtbot.addWidget(guide)
    assert guide.topic == "start"


def test_f1_anywhere_in_the_assistant_opens_the_getting_started_page(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    assert topic_of(wizard.project_page.name_fi) == "start"
    _fill_project(wizard)
    _next(wizard)
    assert topic_of(wizard.group_page.editor.quorum_min) == "start"  # the group form inside


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_welcome_page_in_finnish_and_swedish_has_unique_mnemonics(window, lang) -> None:
    window.set_language(lang)
    welcome = window.first_run.welcome
    assert welcome.start_button.text() != "&Start my project"
    window.show()
    assert clashes(mnemonics(window)) == {}


def test_open_buttons_lead_to_the_file_menu_actions(window, monkeypatch, qtbot) -> None:
    calls: list[str] = []
    monkeypatch.setattr(window.bundles, "import_bundle", lambda: calls.append("bundle"))
    window.first_run.welcome.open_bundle_requested.emit()
    assert calls == ["bundle"]


# --- the demo database ---------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="the demo database is a file beside the user's")
def test_the_demo_opens_its_own_file_and_leads_back(window, db, settings) -> None:
    own = sqlite_path(db.url)
    settings.setValue("database/last", str(own))
    assert window.first_run.open_demo()
    assert sqlite_path(window.db.url).resolve() == demo_database_path().resolve()
    assert window.first_run.in_demo
    assert "DEMO" in window.windowTitle()
    assert window.first_run.demo_bar.isVisibleTo(window)
    assert not window.first_run.welcome_shown  # the demo has its project
    assert window.action_demo.text() == "&Close the demo data"
    assert settings.value("database/last") == str(own)  # the next start opens the user's own
    assert window.page("members").model.rowCount() == 24

    window.first_run.back_button.click()
    assert sqlite_path(window.db.url) == own
    assert is_empty(window.db)  # nothing of the demo in the user's database
    assert "DEMO" not in window.windowTitle()
    assert not window.first_run.demo_bar.isVisibleTo(window)
    assert window.first_run.welcome_shown


@pytest.mark.sqlite_only(reason="the demo database is a file")
def test_the_demo_file_is_filled_once_and_kept(window) -> None:
    window.action_demo.trigger()
    assert window.first_run.in_demo
    demo_people = len(registry.member_rows(window.db))
    window.action_demo.trigger()  # back
    assert not window.first_run.in_demo
    window.action_demo.trigger()
    assert len(registry.member_rows(window.db)) == demo_people  # not loaded twice


# --- start my project ----------------------------------------------------------------------


def _fill_project(wizard: ProjectSetupWizard) -> None:
    page = wizard.project_page
    page.name_fi.setText("Lastensuojelun kehittäminen")
    page.name_sv.setText("Utveckling av barnskyddet")
    page.short_name.setText("LasSe")
    page.start_date.setText("1.1.2026")
    page.end_date.setText("31.12.2027")
    page.set_regions(["15", "14"])


def _fill_officers(wizard: ProjectSetupWizard) -> None:
    names = {
        Role.CHAIR: ("Anna", "Aalto"),
        Role.VICE_CHAIR: ("Bo", "Björk"),
        Role.SECRETARY: ("Cecilia", "Carlsson"),
        Role.PRESENTER: ("Daniel", "Dahl"),
    }
    for role, (first, last) in names.items():
        wizard.officers_page.fields[role]["first_name"].setText(first)
        wizard.officers_page.fields[role]["last_name"].setText(last)


def _next(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def _start(window, qtbot) -> ProjectSetupWizard:
    window.show()
    qtbot.mouseClick(window.first_run.welcome.start_button, Qt.MouseButton.LeftButton)
    wizard = window.first_run.wizard
    assert isinstance(wizard, ProjectSetupWizard)
    qtbot.waitExposed(wizard)
    return wizard


def test_start_my_project_end_to_end(window, qtbot, tmp_path: Path) -> None:
    members = tmp_path / "jäsenet.csv"
    members.write_text(
        "Etunimi;Sukunimi;Sähköposti;Rooli\n"
        "Eeva;Eklund;eeva@kunta.fi;jäsen\n"
        "Frans;Forsman;;puheenjohtaja\n",
        encoding="utf-8",
    )
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    assert wizard.currentPage() is wizard.group_page
    assert wizard.group_page.editor.name_fi.text() == "Ohjausryhmä"
    wizard.group_page.editor.quorum_fixed.setChecked(True)
    wizard.group_page.editor.quorum_min.setValue(5)
    _next(wizard)
    assert wizard.currentPage() is wizard.officers_page
    _fill_officers(wizard)
    _next(wizard)
    assert wizard.currentPage() is wizard.members_page
    assert wizard.members_page.use_file(members)
    preview = wizard.members_page.report.toPlainText()
    assert "Added 1" in preview and "rejected 1" in preview and "Row 3" in preview
    assert preview.startswith("Preview – saved only when you press Finish:")
    assert _counts(window.db) == (0, 0, 0)  # the preview kept nothing
    _next(wizard)
    assert wizard.currentPage() is wizard.summary_page
    summary = wizard.summary_page.text.text()
    assert "Lastensuojelun kehittäminen / Utveckling av barnskyddet" in summary
    assert "Pohjanmaa" in summary and "Chair: Anna Aalto" in summary
    assert "Member list: jäsenet.csv – 1 join the group, 1 left out" in summary
    assert _counts(window.db) == (0, 0, 0)  # nothing until Finish
    wizard.summary_page.open_meeting.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    [group] = registry.list_groups(window.db)
    assert (group.name_fi, group.quorum_rule, group.quorum_min) == ("Ohjausryhmä", "fixed", 5)
    roles = {m.full_name: m.role for m in registry.member_rows(window.db, group.id)}
    assert roles == {
        "Anna Aalto": Role.CHAIR,
        "Bo Björk": Role.VICE_CHAIR,
        "Cecilia Carlsson": Role.SECRETARY,
        "Daniel Dahl": Role.PRESENTER,
        "Eeva Eklund": Role.MEMBER,
    }
    # It ends on the Members tab with the new group shown.
    assert not window.first_run.welcome_shown
    members_page = window.page("members")
    assert window.tabs.currentWidget() is members_page
    assert members_page.current_group().id == group.id
    assert members_page.model.rowCount() == 5


def test_back_keeps_what_was_typed(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    wizard.group_page.editor.name_fi.setText("Ohjausryhmä 2026")
    _next(wizard)
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.currentPage() is wizard.group_page
    assert wizard.group_page.editor.name_fi.text() == "Ohjausryhmä 2026"
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.project_page.short_name.text() == "LasSe"
    assert wizard.project_page.region_codes() == ["14", "15"]


def test_cancel_leaves_the_database_empty(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    _next(wizard)
    _fill_officers(wizard)
    _next(wizard)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    assert _counts(window.db) == (0, 0, 0)
    assert window.first_run.welcome_shown


def test_escape_in_the_group_page_cancels_the_assistant_not_the_page(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    qtbot.keyClick(wizard.group_page.editor.name_fi, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    assert _counts(window.db) == (0, 0, 0)


def test_each_page_checks_its_fields_before_next(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    page = wizard.project_page
    _next(wizard)
    assert wizard.currentPage() is page
    assert page.form.error_text("name_fi") == "Enter the project's name in Finnish."
    page.name_fi.setText("LasSe")
    page.start_date.setText("31.12.2027")
    page.end_date.setText("1.1.2026")
    _next(wizard)
    assert page.form.error_text("start_date") == "The end date is before the start date."
    page.end_date.setText("32.1.2028")
    _next(wizard)
    assert page.form.error_text("start_date") == "Type a date as d.m.yyyy, for example 23.9.2014."
    page.end_date.setText("")
    _next(wizard)

    group = wizard.group_page
    assert wizard.currentPage() is group
    group.editor.languages.setCurrentIndex(group.editor.languages.findData("fi+sv"))
    group.editor.name_sv.setText("")
    group.editor.agenda_lead.setValue(3)
    _next(wizard)
    assert wizard.currentPage() is group
    assert group.form.error_text("name_sv") == (
        "Documents in Swedish need the group's name in Swedish."
    )
    assert "at most 3 days" in group.form.error_text("attachments_lead_days")
    group.editor.name_sv.setText("Styrgrupp")
    group.editor.agenda_lead.setValue(14)
    _next(wizard)

    officers = wizard.officers_page
    assert wizard.currentPage() is officers
    _next(wizard)
    assert officers.errors[Role.CHAIR].text() == "Enter the chair's name."
    assert officers.errors[Role.SECRETARY].text() == "Enter the secretary's name."
    assert officers.errors[Role.VICE_CHAIR].isHidden()  # optional
    _fill_officers(wizard)
    officers.fields[Role.PRESENTER]["email"].setText("daniel@")
    _next(wizard)
    assert wizard.currentPage() is officers
    assert "not an email address" in officers.errors[Role.PRESENTER].text()
    assert officers.errors[Role.CHAIR].isHidden()
    assert _counts(window.db) == (0, 0, 0)


def test_an_unreadable_member_list_is_named_and_left_out(window, qtbot, tmp_path) -> None:
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    _next(wizard)
    _fill_officers(wizard)
    _next(wizard)
    bad = tmp_path / "members.xls"
    bad.write_bytes(b"old excel")
    assert not wizard.members_page.use_file(bad)
    assert ".xlsx" in wizard.members_page.error.text()
    assert wizard.members_page.members is None
    no_names = tmp_path / "emails.csv"
    no_names.write_text("Sähköposti\na@b.fi\n", encoding="utf-8")
    assert not wizard.members_page.use_file(no_names)
    assert "Choose the column for" in wizard.members_page.error.text()
    _next(wizard)
    wizard.summary_page.open_meeting.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    assert _counts(window.db) == (1, 1, 4)


def test_then_plan_the_first_meeting(window, qtbot, monkeypatch) -> None:
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    opened: list[int | None] = []
    monkeypatch.setattr(
        MeetingsPage, "new_meeting", lambda self: opened.append(self.groups.group_id())
    )
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    _next(wizard)
    _fill_officers(wizard)
    _next(wizard)
    _next(wizard)
    assert wizard.summary_page.open_meeting.isChecked()  # the assistant's aim, ticked already
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.first_run.wizard is None)
    [group] = registry.list_groups(window.db)
    assert opened == [group.id]
    assert window.tabs.currentWidget() is window.page("meetings")
    # The status bar no longer says "next: plan the first meeting" while its dialog is open.
    assert "first meeting's date" in window.statusBar().currentMessage()


@pytest.mark.parametrize(("lang", "languages"), [("fi", "fi"), ("sv", "fi+sv"), ("en", "fi")])
def test_the_steering_group_s_documents_follow_the_interface_language(
    window, qtbot, lang, languages
) -> None:
    window.set_language(lang)
    wizard = _start(window, qtbot)
    assert str(wizard.group_page.data().languages) == languages
    wizard.reject()
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_assistant_speaks_finnish_and_swedish(window, qtbot, lang) -> None:
    window.set_language(lang)
    wizard = _start(window, qtbot)
    english = {"Your project", "The steering group", "Ready"}
    for _n in range(4):
        assert wizard.currentPage().title() not in english
        assert clashes(mnemonics(wizard)) == {}, wizard.currentPage().title()
        if wizard.currentPage() is wizard.project_page:
            _fill_project(wizard)
        if wizard.currentPage() is wizard.officers_page:
            _fill_officers(wizard)
        _next(wizard)
    assert wizard.currentPage() is wizard.summary_page
    assert wizard.button(QWizard.WizardButton.FinishButton).text() not in ("&Finish", "Finish")
    wizard.reject()
    i18n.set_language("en")


def _to_members_page(wizard: ProjectSetupWizard) -> None:
    _fill_project(wizard)
    _next(wizard)
    _next(wizard)
    _fill_officers(wizard)
    _next(wizard)
    assert wizard.currentPage() is wizard.members_page


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_regions_are_ticked_with_arrows_and_space_and_say_so(window, qtbot, lang) -> None:
    window.set_language(lang)
    wizard = _start(window, qtbot)
    page = wizard.project_page
    page.short_name.setFocus()
    qtbot.keyClick(page.short_name, Qt.Key.Key_Tab)  # organisation
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)  # start date
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)  # end date
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.regions
    qtbot.keyClick(page.regions, Qt.Key.Key_Space)
    qtbot.keyClick(page.regions, Qt.Key.Key_Down)
    qtbot.keyClick(page.regions, Qt.Key.Key_Down)
    qtbot.keyClick(page.regions, Qt.Key.Key_Space)
    assert page.region_codes() == ["01", "04"]  # Uusimaa and Satakunta, in the list's order
    qtbot.keyClick(page.regions, Qt.Key.Key_Space)
    assert page.region_codes() == ["01"]
    qtbot.keyClick(page.regions, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is not page.regions  # Tab leaves the one list
    # A screen reader and a sighted user both learn the keys, in their language.
    words = {"fi": ("nuoli", "välilyönti"), "sv": ("pil", "mellanslag")}[lang]
    for text in (page.regions.accessibleDescription(), page.regions_note.text()):
        assert all(word in text.casefold() for word in words), text
    assert page.regions_note.isVisibleTo(wizard)
    # Each name drawn in its whole cell: at the text's bare height the dots of Ö and the
    # ring of Å were cut off ("Osterbotten", "Aland").
    cell = page.regions.gridSize().height()
    assert cell >= page.regions.fontMetrics().height() + 6
    heights = {page.regions.visualItemRect(page.regions.item(n)).height() for n in range(19)}
    assert heights == {cell}
    wizard.reject()
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_enter_on_the_member_page_goes_next_not_to_the_file_picker(
    window, qtbot, monkeypatch, lang
) -> None:
    picked: list[str] = []
    monkeypatch.setattr(
        setup_wizard, "open_file_name", lambda *args: picked.append("picker") or None
    )
    window.set_language(lang)
    wizard = _start(window, qtbot)
    _to_members_page(wizard)
    page = wizard.members_page
    page.choose_button.setFocus()
    qtbot.keyClick(page.choose_button, Qt.Key.Key_Space)  # Space presses the focused button
    assert picked == ["picker"]
    page.choose_button.setFocus()
    qtbot.keyClick(page.choose_button, Qt.Key.Key_Return)
    assert picked == ["picker"]
    assert wizard.currentPage() is wizard.summary_page
    wizard.reject()
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("lang", "tab_name"), [("fi", "Jäsenet"), ("sv", "Medlemmar"), ("en", "Members")]
)
def test_the_greyed_group_kind_says_why(window, qtbot, lang, tab_name) -> None:
    window.set_language(lang)
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    page = wizard.group_page
    kind = page.editor.kind
    assert not kind.isEnabled()
    assert page.kind_note.isVisibleTo(wizard)
    assert tab_name in page.kind_note.text()
    assert kind.toolTip() == page.kind_note.text() == kind.accessibleDescription()
    wizard.reject()
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", [
            "Päätösvaltaisuus: vähintään 5 äänivaltaista jäsentä läsnä, "
            "heidän joukossaan puheenjohtaja tai varapuheenjohtaja",
            "Esityslista lähetetään: 10 päivää ennen kokousta",
            "Liitteet lähetetään: 1 päivä ennen kokousta",
            "Asiakirjojen kielet: suomi",
            "Pöytäkirja: Muistio",
        ]),
        ("sv", [
            "Beslutförhet: minst 5 röstberättigade medlemmar närvarande, "
            "bland dem ordföranden eller vice ordföranden",
            "Föredragningslistan skickas: 10 dagar före mötet",
            "Bilagorna skickas: 1 dag före mötet",
            "Dokumentens språk: finska och svenska",
            "Protokoll: Minnesanteckningar",
        ]),
    ],
)  # fmt: skip
def test_the_last_look_repeats_the_group_s_rules(window, qtbot, lang, expected) -> None:
    window.set_language(lang)
    wizard = _start(window, qtbot)
    _fill_project(wizard)
    _next(wizard)
    editor = wizard.group_page.editor
    editor.quorum_fixed.setChecked(True)
    editor.quorum_min.setValue(5)
    editor.agenda_lead.setValue(10)
    editor.attachments_lead.setValue(1)
    editor.minutes_style.setCurrentIndex(editor.minutes_style.findData("memo"))
    _next(wizard)
    _fill_officers(wizard)
    _next(wizard)
    _next(wizard)
    assert wizard.currentPage() is wizard.summary_page
    summary = wizard.summary_page.text.text().splitlines()
    for line in expected:
        assert line in summary, summary
    wizard.reject()
    i18n.set_language("en")


def test_the_last_look_names_a_majority_quorum(window, qtbot) -> None:
    wizard = _start(window, qtbot)
    _to_members_page(wizard)
    editor = wizard.group_page.editor
    editor.quorum_majority.setChecked(True)
    editor.chair_required.setChecked(False)
    _next(wizard)
    summary = wizard.summary_page.text.text().splitlines()
    assert "Quorum: more than half of the voting members present" in summary
    assert "Agenda sent: 14 days before the meeting" in summary
    wizard.reject()
