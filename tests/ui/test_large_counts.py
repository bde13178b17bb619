"""Counts in the window keep their thousands apart the Finnish way ("20 016 päätöstä"),
also where a programme's data reaches thousands: the decision register, the realised
costs and their import, a form's responses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackForm
from kastedesk.ui.costs.page import CostsPage
from kastedesk.ui.feedback.forms import FormEditorDialog
from kastedesk.ui.meetings import decision_register as register_module
from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog

NBSP = "\u00a0"


@pytest.mark.parametrize(("lang", "text"), [("fi", "päätöstä"), ("sv", "beslut")])
def test_the_decision_register_counts_thousands(
    demo_db: Database, qtbot, monkeypatch, ui_language, lang: str, text: str
) -> None:
    ui_language(lang)
    real = register_module.decision_register

    def many(db: Database, lang: str = "fi") -> list:
        hit = real(db, lang)[0]
        return [replace(hit, item_id=n) for n in range(1_234)]

    monkeypatch.setattr(register_module, "decision_register", many)
    dialog = DecisionRegisterDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.count.text() == f"1{NBSP}234 {text}"


def test_realised_costs_and_their_import_count_thousands(
    make_window, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    window = make_window(demo_db)
    window.show()
    page = window.page("costs")
    assert isinstance(page, CostsPage)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.book is not None)
    assert page.book is not None and page.book.entries
    entry = page.book.entries[0]
    many = [replace(entry, id=n) for n in range(1_200)]
    page.entries.show_book(replace(page.book, entries=many))
    assert page.entries.total.text().startswith(f"1{NBSP}200 realised costs")

    path = tmp_path / "kulut.csv"
    rows = "".join(f"Tampereen kaupunki;Vuokrat;12/2027;{n},00\n" for n in range(1, 1_001))
    path.write_text("osatoteuttaja;kustannuslaji;kausi;summa\n" + rows, "utf-8")
    dialog = page.entries.import_path(path, show=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith(f"Rows: 1{NBSP}000 to add")


def test_a_form_with_thousands_of_responses_says_how_many(demo_db: Database, qtbot) -> None:
    with demo_db.read() as session:
        form_id = session.scalar(select(FeedbackForm.id).limit(1))
    dialog = FormEditorDialog(demo_db, form_id, responses=12_500)
    qtbot.addWidget(dialog)
    assert dialog.version_note.text().startswith(f"This form has 12{NBSP}500 responses")


def test_a_large_workshop_counts_its_participants_and_responses(demo_db: Database) -> None:
    from kastedesk.services.workshops import list_workshops
    from kastedesk.ui.row_table_model import RowTableModel
    from kastedesk.ui.workshops.page import workshop_columns

    row = list_workshops(demo_db)[0]
    model = RowTableModel(workshop_columns())
    model.set_rows([replace(row, attended=1_500, responses=1_200),
                    replace(row, attended=1_000, responses=1_200)])  # fmt: skip
    attended, responses = model.columnCount() - 2, model.columnCount() - 1
    assert model.index(0, attended).data() == f"1{NBSP}500"
    assert model.index(0, responses).data() == f"1{NBSP}200"
    assert model.index(1, responses).data() == f"⚠ 1{NBSP}200"  # more than attended
