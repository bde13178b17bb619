"""The Members tab driven as a user would: filter, add, edit, end, import, switch language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from kastedesk import i18n
from kastedesk.domain.regions import region_name
from kastedesk.domain.registry import Role
from kastedesk.formatting import format_date
from kastedesk.services import registry
from kastedesk.storage.database import Database
from kastedesk.ui.members.end_dialog import EndMembershipDialog
from kastedesk.ui.members.group_dialog import GroupDialog
from kastedesk.ui.members.import_dialog import ImportDialog
from kastedesk.ui.members.member_dialog import MemberDialog
from kastedesk.ui.members.members_page import MembersPage


@pytest.fixture
def page(qtbot, demo_db: Database, settings: QSettings) -> MembersPage:
    widget = MembersPage(demo_db)
    qtbot.addWidget(widget)
    widget.use_settings(settings)
    widget.ensure_loaded()
    widget.resize(1200, 700)
    return widget


class DialogDriver:
    """Stands in for the user at modal dialogs: each step fills in and presses OK."""

    def __init__(self, page: MembersPage) -> None:
        self.steps: list[Callable[[QDialog], None]] = []
        self.seen: list[QDialog] = []
        page.run_dialog = self.run  # type: ignore[method-assign]

    def run(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        for step in self.steps:
            step(dialog)
            if dialog.result() == QDialog.DialogCode.Accepted:
                return True
        return False


def _activate(qtbot, page: MembersPage) -> None:
    """Shortcuts reach only the active window, as on a real desktop."""
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.view.setFocus()


def _names(page: MembersPage) -> list[str]:
    return [r.full_name for r in page.model.visible_rows()]


def test_shows_the_groups_people_and_filters_per_keystroke(qtbot, page: MembersPage) -> None:
    assert page.group_combo.currentText() == "Ohjausryhmä"
    assert page.model.rowCount() == 24
    assert page.group_info.text().startswith("Quorum: at least 8 voting members")
    qtbot.keyClicks(page.filter_edit, "pohjanmaa")
    # Region column: Etelä-Pohjanmaa and Pohjanmaa people.
    assert 0 < page.model.rowCount() < 24
    shown = page.model.visible_rows()
    assert all("pohjanmaa" in region_name(r.region, "fi").casefold() for r in shown)
    assert len(shown) == sum(
        "pohjanmaa" in region_name(r.region, "fi").casefold() for r in page.model.all_rows()
    )
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "ministeri heinonen")  # QTest types ASCII only
    assert _names(page) == ["Ville Heinonen"]
    assert page.count_label.text() == "1 of 24 shown"


def test_sorting_by_role_puts_the_chair_first(page: MembersPage) -> None:
    page.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert page.model.row(0).role == Role.CHAIR
    assert page.model.row(1).role == Role.VICE_CHAIR


def test_ended_memberships_on_request(qtbot, page: MembersPage) -> None:
    assert "Raimo Lundén" not in _names(page)
    page.show_ended.setChecked(True)
    assert "Raimo Lundén" in _names(page) and page.model.rowCount() == 25


def test_add_person_shows_errors_next_to_fields_then_saves(qtbot, page: MembersPage) -> None:
    driver = DialogDriver(page)

    def wrong(d: MemberDialog) -> None:
        qtbot.keyClicks(d.first_name, "Aino")
        qtbot.keyClicks(d.email, "aino.example")
        d.role.setCurrentIndex(d.role.findData(Role.CHAIR))
        d.end_date.setText("31.2.2020")
        d.accept()
        # Still open, each message under its field.
        assert d.form.error_text("end_date")
        d.end_date.setText("")
        d.accept()
        assert d.form.error_text("last_name") == "Enter the last name."
        assert "email address" in d.form.error_text("email")
        assert "Anneli Virtanen" in d.form.error_text("role")
        assert d.result() != QDialog.DialogCode.Accepted

    def right(d: MemberDialog) -> None:
        qtbot.keyClicks(d.last_name, "Uusitalo")
        d.email.setText("aino.uusitalo@lempaala.example")
        d.role.setCurrentIndex(d.role.findData(Role.DEPUTY))
        d.deputy_of.setCurrentIndex(
            d.deputy_of.findText("Mäkinen Sari", Qt.MatchFlag.MatchStartsWith)
        )
        d.accept()

    driver.steps = [wrong, right]
    _activate(qtbot, page)
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(driver.seen[0], MemberDialog)
    assert page.model.rowCount() == 25
    added = page.selected_row()
    assert added is not None and added.full_name == "Aino Uusitalo"
    assert added.deputy_of_name == "Sari Mäkinen"


def test_add_an_existing_person_from_another_group(qtbot, page: MembersPage) -> None:
    page.group_combo.setCurrentIndex(1)  # the Ostrobothnia group
    driver = DialogDriver(page)

    def choose(d: MemberDialog) -> None:
        assert d.existing is not None
        d.existing.setCurrentIndex(
            d.existing.findText("Virtanen Anneli", Qt.MatchFlag.MatchStartsWith)
        )
        assert d.organisation.text() == "Tampereen kaupunki"
        d.role.setCurrentIndex(d.role.findData(Role.EXPERT))
        d.accept()

    driver.steps = [choose]
    before = len(registry.people_outside_group(page.db, 1))
    page.add_member()
    assert "Anneli Virtanen" in _names(page)
    assert len(registry.people_outside_group(page.db, 1)) == before  # no new person was made


def test_enter_edits_the_selected_person(qtbot, page: MembersPage) -> None:
    driver = DialogDriver(page)

    def edit(d: MemberDialog) -> None:
        assert d.last_name.text() == "Heinonen"
        d.phone.setText("+358 29 516 0000")
        d.accept()

    driver.steps = [edit]
    page.select_membership(
        next(r.membership_id for r in page.model.all_rows() if r.last_name == "Heinonen")
    )
    _activate(qtbot, page)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert len(driver.seen) == 1
    row = next(r for r in page.model.all_rows() if r.last_name == "Heinonen")
    assert row.phone == "+358 29 516 0000"
    assert page.selected_row() == row


def test_delete_ends_the_membership_after_confirmation(qtbot, page: MembersPage) -> None:
    driver = DialogDriver(page)
    yesterday = dt.date.today() - dt.timedelta(days=1)

    def cancel(d: EndMembershipDialog) -> None:
        d.reject()

    def confirm(d: EndMembershipDialog) -> None:
        assert d.end_date.text() == format_date(dt.date.today())
        d.end_date.setText(format_date(yesterday))
        d.accept()

    page.select_membership(
        next(r.membership_id for r in page.model.all_rows() if r.last_name == "Hakala")
    )
    _activate(qtbot, page)
    driver.steps = [cancel]
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert isinstance(driver.seen[-1], EndMembershipDialog)
    assert "Tiina Hakala" in _names(page)
    driver.steps = [confirm]
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "Tiina Hakala" not in _names(page)
    page.show_ended.setChecked(True)
    row = next(r for r in page.model.all_rows() if r.last_name == "Hakala")
    assert row.end_date == yesterday


def test_ctrl_f_focuses_the_filter(qtbot, page: MembersPage) -> None:
    _activate(qtbot, page)
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.filter_edit.hasFocus)


def test_new_group_through_the_dialog(qtbot, page: MembersPage) -> None:
    driver = DialogDriver(page)

    def fill(d: GroupDialog) -> None:
        d.name_fi.setText("Kanta-Hämeen kehittäjäryhmä")
        d.quorum_fixed.setChecked(True)
        d.quorum_min.setValue(5)
        d.attachments_lead.setValue(20)  # after the agenda: refused
        d.accept()
        assert "at most 14 days" in d.form.error_text("attachments_lead_days")
        d.attachments_lead.setValue(7)
        d.accept()

    driver.steps = [fill]
    page.new_group()
    assert page.group_combo.currentText() == "Kanta-Hämeen kehittäjäryhmä"
    assert page.model.rowCount() == 0
    assert "at least 5 voting members" in page.group_info.text()


def test_import_through_the_preview(qtbot, page: MembersPage, tmp_path: Path) -> None:
    path = tmp_path / "uudet.csv"
    path.write_bytes(
        "\ufeffEtunimi;Sukunimi;Tehtävä;Sähköposti\r\n"
        "Aino;Uusitalo;jäsen;aino@x.example\r\n"
        "Eero;Ek;puheenjohtaja;eero@x.example\r\n".encode()
    )
    driver = DialogDriver(page)

    def check_and_import(d: ImportDialog) -> None:
        assert d.mapping() == ["first_name", "last_name", "role", "email"]
        assert "Rejected: 1" in d.summary.text()  # a second chair
        d.combos[2].setCurrentIndex(0)  # do not import the role column: both become members
        assert "Rejected: 0" in d.summary.text()
        d.accept()

    driver.steps = [check_and_import]
    page.import_members(path)
    assert {"Aino Uusitalo", "Eero Ek"} <= set(_names(page))


def test_the_file_to_import_is_read_under_a_busy_cursor(
    page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook of 10,000 rows takes about two seconds to read: the cursor says so."""
    from PySide6.QtGui import QGuiApplication

    from kastedesk.services.table_files import TableFileError
    from kastedesk.ui.members import members_page

    cursors: list[object] = []

    def read_table(path: Path) -> object:
        cursor = QGuiApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor else None)
        raise TableFileError("unreadable")

    monkeypatch.setattr(members_page, "read_table", read_table)
    monkeypatch.setattr(page, "warn", lambda title, text: None)
    page.import_members(tmp_path / "uudet.xlsx")
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None  # given back after a refusal too


def test_export_writes_the_file(page: MembersPage, tmp_path: Path) -> None:
    target = tmp_path / "ohjausryhma.csv"
    assert page.export_members(target)
    assert target.read_text(encoding="utf-8-sig").count("\n") == 25  # header + 24


def test_export_from_the_button_leaves_the_window_free(
    qtbot, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 people take about two seconds to write: a worker thread writes them, the
    tab says so next to the buttons and takes the button back when the file is there."""
    from kastedesk.ui.members import members_page

    page.show()
    target = tmp_path / "jasenet"  # no suffix: the chosen filter's is added
    monkeypatch.setattr(members_page, "save_file_name", lambda *a, **k: (target, "CSV (*.csv)"))
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(page, "inform", lambda title, text, details="": told.append((title, text)))
    page.export_button.click()
    assert page._export is not None and not page.export_button.isEnabled()
    assert page.export_status.isVisible() and page.export_progress.isVisible()
    assert page.export_status.text() == "Exporting people…"
    assert page.start_export_members(tmp_path / "toinen.csv") is None  # one at a time
    page.view.selectRow(0)  # a selection does not give the button back meanwhile
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=10_000)
    written = target.with_suffix(".csv")
    assert told == [("Export people", f"Wrote 24 people to {written}")]
    assert written.read_text(encoding="utf-8-sig").count("\n") == 25  # header + 24
    assert not page.export_status.isVisible() and not page.export_progress.isVisible()
    assert not (tmp_path / "toinen.csv").exists()


def test_a_failed_export_says_why_and_gives_the_button_back(
    qtbot, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.set_language("sv")
    page.retranslate_ui()
    page.show()
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(page, "warn", lambda title, text: warned.append((title, text)))
    assert page.start_export_members(tmp_path / "saknas" / "personer.xlsx") is not None
    assert page.export_status.text() == "Exporterar personer…"
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=10_000)
    assert [title for title, _text in warned] == ["Exportera personer"]
    assert "saknas" in warned[0][1]
    assert not page.export_status.isVisible()


def test_an_export_ending_after_the_window_closed_shows_no_message(
    qtbot, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window waits for the file (MainWindow.wait_for_jobs); its message then
    stays unshown instead of keeping the program open behind a lone box."""
    told: list[str] = []
    monkeypatch.setattr(page, "inform", lambda title, text, details="": told.append(text))
    page.show()
    assert page.start_export_members(tmp_path / "jasenet.xlsx") is not None
    page.close()
    qtbot.waitUntil(lambda: page._export is None, timeout=10_000)
    assert (tmp_path / "jasenet.xlsx").exists() and told == []


def test_language_switch_retranslates(page: MembersPage) -> None:
    i18n.set_language("sv")
    page.retranslate_ui()
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Efternamn"
    assert page.group_combo.currentText() == "Styrgrupp"
    chair = next(i for i, r in enumerate(page.model.visible_rows()) if r.role == Role.CHAIR)
    assert page.model.index(chair, 2).data() == "ordförande"
    assert page.group_info.text().startswith("Beslutför: minst 8")


def test_ten_thousand_people_load_and_filter(page: MembersPage) -> None:
    rows = page.model.all_rows()
    many = [rows[i % len(rows)] for i in range(10_000)]
    page.model.set_rows(many)
    page.model.set_filter("tampere")
    expected = sum(
        "tampere" in f"{r.organisation} {r.municipality} {r.email}".casefold() for r in many
    )
    assert 0 < expected < 10_000 and page.model.rowCount() == expected
    assert all("tampere" in r.email for r in page.model.visible_rows())


def test_the_chosen_group_is_remembered(qtbot, page: MembersPage, settings: QSettings) -> None:
    page.group_combo.setCurrentIndex(1)
    again = MembersPage(page.db)
    qtbot.addWidget(again)
    again.use_settings(settings)
    again.ensure_loaded()
    assert again.group_combo.currentText() == "Pohjanmaan kehittäjäryhmä"


def test_pasted_line_breaks_and_overlong_text_are_shown_at_the_field(
    qtbot, page: MembersPage
) -> None:
    driver = DialogDriver(page)
    errors: dict[str, str] = {}

    def pasted(d: MemberDialog) -> None:
        d.first_name.setText("Aino")
        d.last_name.setText("Uusi\u2028talo")  # pasted from a PDF: a line separator
        d.organisation.setText("O" * 301)
        d.accept()
        errors.update(
            last_name=d.form.error_text("last_name"), organisation=d.form.error_text("organisation")
        )
        assert d.result() != QDialog.DialogCode.Accepted
        d.reject()

    driver.steps = [pasted]
    _activate(qtbot, page)
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert errors == {
        "last_name": "Remove the line breaks, tabs and other control characters.",
        "organisation": "Use at most 300 characters (this has 301).",
    }
    assert page.model.rowCount() == 24


def test_personal_data_actions_in_the_context_menu(
    page: MembersPage, demo_db: Database, tmp_path: Path
) -> None:
    import json

    from kastedesk.storage.models.registry import Person

    assert page.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert page.action_export_person in page.view.actions()
    page.view.clearSelection()
    assert not page.action_erase_person.isEnabled()
    page.view.selectRow(0)
    row = page.selected_row()
    assert row is not None and page.action_erase_person.isEnabled()

    target = tmp_path / "henkilö.json"
    assert page.export_person_data(target)
    assert json.loads(target.read_text(encoding="utf-8"))["person"]["id"] == row.person_id

    page.confirm = lambda title, text: False  # type: ignore[method-assign]
    assert not page.erase_person_data()
    with demo_db.read() as s:
        assert s.get(Person, row.person_id).full_name == row.full_name
    page.confirm = lambda title, text: True  # type: ignore[method-assign]
    assert page.erase_person_data()
    with demo_db.read() as s:
        erased = s.get(Person, row.person_id)
        assert erased.full_name == f"Erased person {row.person_id}" and erased.email == ""
    assert f"Erased person {row.person_id}" in _names(page)
