"""The Costs tab: loads when first shown, highlights overruns, edits, imports, copies, attaches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kastedesk import i18n
from kastedesk.domain.money import NBSP
from kastedesk.services import costs as svc
from kastedesk.storage.database import Database
from kastedesk.ui.costs.dialogs import EntryDialog
from kastedesk.ui.costs.page import CostsPage


def _costs_page(window) -> CostsPage:
    page = window.page("costs")
    assert isinstance(page, CostsPage)
    return page


def test_nothing_is_read_until_the_tab_is_shown(make_window, demo_db: Database, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    assert page.book is None and page.project.count() == 0
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    assert page.project.count() == 1
    assert page.year.count() == 4  # the whole project and three years
    assert window.tabs.tabText(window.tabs.indexOf(page)) == "Costs"


def test_follow_up_highlights_the_year_over_budget(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.resize(1366, 768)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    assert "Over the year's budget: Vuokrat" in page.follow.over_years.text()
    first_year = page.year.itemData(1)
    page.year.setCurrentIndex(1)
    rows = page.follow.categories.all_rows()
    rents = next(r for r in rows if r.label == "Vuokrat")
    assert rents.line.over_budget
    index = page.follow.categories.index(rows.index(rents), 0)
    assert page.follow.categories.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert "Over budget: Vuokrat." in page.follow.summary.text()
    labels = page.follow.chart.labels()
    assert labels and labels[-1][0] == f"12/{first_year}"
    assert labels[-1][1].endswith(f"{NBSP}%")
    assert page.follow.chart.grab().width() > 300  # draws without errors
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768


def test_budget_grid_saves_typed_amounts(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    grid = page.budget.grid
    item = grid.item(0, 2)
    partner_id, category_id, year, _old = item.data(Qt.ItemDataRole.UserRole + 1)
    item.setText("1 000,50")
    grid.item(1, 2).setText("kymmenen")
    assert not page.budget.save()
    assert "Not an amount" in page.budget.message.text()
    grid.item(1, 2).setText("")
    assert page.budget.save()
    book = svc.load_book(demo_db, page.book.project_id)
    assert book.budget_cents(partner_id, category_id, year) == 100_050


def test_add_a_realised_cost_with_messages_per_field(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    book = page.book
    before = len(book.entries)
    saved: list[int] = []
    dialog = EntryDialog(
        book.partners,
        book.categories,
        lambda data: saved.append(svc.add_entry(demo_db, book.project_id, data)),
    )
    qtbot.addWidget(dialog)
    dialog.period.setText("13/2026")
    dialog.amount.setText("12,345")
    dialog.accept()
    assert saved == []
    assert "No such date" in dialog.form.error_text("period")
    assert "two decimals" in dialog.form.error_text("amount")
    dialog.period.setText("Q4/2027")
    dialog.amount.setText("99,90")
    dialog.accept()
    assert len(saved) == 1
    page.reload()
    assert len(page.entries.model.all_rows()) == before + 1


def test_import_preview_and_idempotent_import(make_window, demo_db, qtbot, tmp_path) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    path = tmp_path / "kulut.csv"
    path.write_text(
        "osatoteuttaja;kustannuslaji;kausi;summa\n"
        "Tampereen kaupunki;Vuokrat;12/2027;100,00\nKukaan;Vuokrat;12/2027;1\n",
        "utf-8",
    )
    dialog = page.entries.import_path(path, show=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "1 rejected" in dialog.summary.text()
    path.write_text(
        "osatoteuttaja;kustannuslaji;kausi;summa\nTampereen kaupunki;Vuokrat;12/2027;100,00\n",
        "utf-8",
    )
    before = len(page.book.entries)
    dialog = page.entries.import_path(path, show=False)
    qtbot.addWidget(dialog)
    assert dialog.import_button.isEnabled()
    dialog.accept()
    assert len(page.book.entries) == before + 1
    again = page.entries.import_path(path, show=False)
    qtbot.addWidget(again)
    assert not again.import_button.isEnabled()
    assert "imported already" in again.summary.text()


def test_payment_claim_is_copied_for_the_claim(make_window, demo_db, qtbot) -> None:
    i18n.set_language("fi")
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    year = page.book.years()[0]
    page.claim.period.setText(str(year))
    page.claim.show_claim()
    page.claim.copy()
    text = QGuiApplication.clipboard().text()
    lines = dict(line.split("\t") for line in text.splitlines())
    claim = page.book.claim(*svc.read_period(str(year)))
    assert lines["Toteutuneet kustannukset yhteensä"] == (
        f"{claim.total // 100:,}".replace(",", NBSP) + f",{claim.total % 100:02d}{NBSP}€"
    )
    assert any(k.startswith("Valtionavustus") for k in lines)
    assert sum(claim.split.parts) == claim.total
    page.claim.period.setText("13/2026")
    page.claim.show_claim()
    assert "kuukautta ei ole" in page.claim.note.text()
    assert page.claim.lines == []


def test_report_and_attach_from_the_tab(make_window, demo_db, qtbot, tmp_path: Path) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    assert page.write_report(tmp_path / "seuranta.xlsx", "sv")
    assert (tmp_path / "seuranta.xlsx").stat().st_size > 0
    from kastedesk.services.costs_report import agenda_items_of_project

    item = agenda_items_of_project(demo_db, page.book.project_id, "fi")[0]
    assert page.attach(item.item_id, "sv")
    assert "attached" in page.message.text()
    QApplication.processEvents()


def test_categories_and_funding_dialog(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    dialog = page.budget.edit_setup(show=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.categories.rowCount() == 5
    assert dialog.funding.item(0, 3).text() == f"75,00{NBSP}%"
    dialog.funding.item(0, 3).setText("90 %")  # with 25 % own share: 115 %
    dialog.accept()
    assert "more than 100" in dialog.error.text()
    dialog.funding.item(0, 3).setText("70 %")
    dialog._new_funder()
    row = dialog.funding.rowCount() - 1
    dialog.funding.item(row, 1).setText("Säätiö")
    dialog.funding.item(row, 3).setText("5 000,00")
    dialog.categories.item(4, 1).setText("Kontorskostnader")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    book = page.book
    assert [f.share_bp for f in book.funding] == [7000, 2500, None]
    assert book.funding[2].amount == 500_000
    assert book.categories[4].name_sv == "Kontorskostnader"


def test_outside_change_shows_new_costs_and_keeps_typed_budget(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    page.budget.grid.item(0, 2).setText("1,00")
    book = page.book
    before = len(book.entries)
    data = svc.entry_from_text(book.partners[0].id, book.categories[0].id, "12/2027", "5", "")
    svc.add_entry(demo_db, book.project_id, data)  # as if another window saved it
    page.refresh_after_outside_change()
    assert len(page.book.entries) == before + 1
    assert page.budget.grid.item(0, 2).text() == "1,00"
    assert page.budget.has_unsaved()


def _mnemonics(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        text = child.text()
        if isinstance(child, QLabel) and child.buddy() is None:
            continue
        if "&" in text and child.isVisibleTo(widget.window()):
            keys.append(text[text.index("&") + 1].casefold())
    return keys


def test_mnemonics_are_unique_on_each_page_in_every_language(make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    page = _costs_page(window)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    for lang in ("en", "fi", "sv"):
        window.set_language(lang)
        for index in range(page.inner.count()):
            page.inner.setCurrentIndex(index)
            keys = _mnemonics(page)
            assert len(keys) == len(set(keys)), (lang, index, keys)


def test_the_money_item_is_offered_first() -> None:
    import datetime as dt

    from kastedesk.services.costs_report import ItemChoice
    from kastedesk.ui.costs.dialogs import money_item_index

    day = dt.date(2026, 12, 1)
    items = [
        ItemChoice(1, 1, day, "Ohjausryhmän 7. kokous 1.12.2026 – 1 §  Kokouksen avaus"),
        ItemChoice(2, 1, day, "Ohjausryhmän 7. kokous 1.12.2026 – 6 §  Hankkeen talous"),
        ItemChoice(3, 2, day, "Styrgruppens 6:e möte 1.10.2026 – 5 §  Ekonomi"),
    ]
    assert money_item_index(items) == 1
    assert money_item_index(items[:1]) == 0
