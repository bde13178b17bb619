"""The cost follow-up as .docx in Finnish and Swedish, as .xlsx, and onto an agenda item."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from kastedesk.domain.money import NBSP
from kastedesk.services import costs as svc
from kastedesk.services.costs_report import (
    agenda_items_of_project,
    attach_follow_up,
    export_cost_report,
)
from kastedesk.services.meeting_attachments import attachment_path
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database


@pytest.fixture
def spent(db: Database, book):
    for partner, code, period, amount in (
        (book.city, "staff", "1-4/2014", "3 333,33"),
        (book.city, "rents", "2014", "6 000,01"),  # 5 000,00 planned: over budget
        (book.centre, "staff", "Q2/2014", "1 000,00"),
    ):
        svc.add_entry(
            db,
            book.project_id,
            svc.entry_from_text(partner, book.categories[code], period, amount, ""),
        )
    return book


def _texts(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_finnish_follow_up_adds_up_and_names_what_is_over(db: Database, spent, tmp_path) -> None:
    out = tmp_path / "seuranta.docx"
    report = export_cost_report(db, spent.project_id, out, "fi")
    paragraphs, tables = _texts(out)
    assert "Kustannusseuranta" in paragraphs
    assert "Testihanke" in paragraphs
    assert any(p.startswith("Koko hanke, 2014–2015.") for p in paragraphs)
    total = f"10{NBSP}333,34{NBSP}€"
    assert any(total in p and f"225{NBSP}000,00{NBSP}€" in p for p in paragraphs)
    assert any(p.startswith("Ylittänyt talousarvion: Vuokrat") for p in paragraphs)
    by_category = tables[0]
    assert by_category[0] == ["Kustannuslaji", "Talousarvio", "Toteutunut", "Erotus", "%"]
    assert by_category[2] == [
        "Vuokrat",
        f"5{NBSP}000,00{NBSP}€",
        f"6{NBSP}000,01{NBSP}€",
        f"-1{NBSP}000,01{NBSP}€",
        f"120,00{NBSP}%",
    ]
    assert by_category[-1][:3] == ["Yhteensä", f"225{NBSP}000,00{NBSP}€", total]
    assert report.follow.total.realised == 1_033_334
    funding = tables[-1]
    assert funding[1][0] == "Valtionavustus"
    assert funding[1][3] == f"7{NBSP}750,01{NBSP}€"  # 75 % of 10 333,34 is 7 750,005
    assert funding[2][3] == f"2{NBSP}583,33{NBSP}€"  # the parts add up to the cent


def test_swedish_follow_up_of_one_year(db: Database, spent, tmp_path: Path) -> None:
    out = tmp_path / "uppfoljning.docx"
    export_cost_report(db, spent.project_id, out, "sv", year=2015)
    paragraphs, tables = _texts(out)
    assert "Kostnadsuppföljning" in paragraphs
    assert "Testprojekt" in paragraphs
    assert any(p.startswith("År 2015.") for p in paragraphs)
    assert tables[0][1][0] == "Personalkostnader"
    assert tables[0][-1][1] == f"80{NBSP}000,00{NBSP}€"
    assert "Inget kostnadsslag har överskridit sin budget." in paragraphs


def test_xlsx_has_exact_amounts(db: Database, spent, tmp_path: Path) -> None:
    out = tmp_path / "seuranta.xlsx"
    export_cost_report(db, spent.project_id, out, "fi")
    workbook = load_workbook(out)
    sheet = workbook.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    rents = next(r for r in rows if r[0] == "Vuokrat")
    assert [Decimal(str(v)) for v in rents[1:4]] == [
        Decimal("5000"),
        Decimal("6000.01"),
        Decimal("-1000.01"),
    ]
    entries = [[c.value for c in row] for row in workbook.worksheets[1].iter_rows()]
    assert entries[0][:3] == ["Osatoteuttaja", "Kustannuslaji", "Kausi"]
    assert len(entries) == 4


def test_follow_up_goes_onto_an_agenda_item_in_one_step(demo_db: Database) -> None:
    choices = agenda_items_of_project(demo_db, 1, "fi")
    assert choices
    choice = choices[0]
    attachment_id = attach_follow_up(demo_db, 1, choice.item_id, "fi", year=None)
    detail = get_meeting(demo_db, choice.meeting_id)
    attachment = next(a for item in detail.items for a in item.attachments if a.id == attachment_id)
    assert attachment.title.startswith("Kustannusseuranta ")
    assert attachment.file_name.startswith("LasSe_kustannusseuranta_")
    stored = attachment_path(attachment.stored_path)
    paragraphs, _tables = _texts(stored)
    assert "Kustannusseuranta" in paragraphs


def test_the_items_to_attach_to_are_the_open_meetings_newest_first(demo_db: Database) -> None:
    """Items of meetings not approved, newest meeting first and by §, named in the
    interface language; one read of plain columns whatever the number of items."""
    from kastedesk.domain.meetings import MeetingStatus
    from kastedesk.services.meeting_views import list_meetings
    from tests.statement_count import statements

    rows = sorted(
        (r for r in list_meetings(demo_db) if r.status is not MeetingStatus.APPROVED),
        key=lambda r: (r.date, r.id), reverse=True,
    )  # fmt: skip
    expected = [i.id for r in rows for i in sorted(get_meeting(demo_db, r.id).items,
                                                    key=lambda i: i.section)]  # fmt: skip
    with statements(demo_db.engine) as seen:
        choices = agenda_items_of_project(demo_db, 1, "fi")
    assert [c.item_id for c in choices] == expected
    assert len(seen) <= 3  # BEGIN, the groups, the items
    newest = get_meeting(demo_db, rows[0].id)
    first = sorted(newest.items, key=lambda i: i.section)[0]
    assert choices[0].label.startswith(rows[0].title_fi)
    assert choices[0].label.endswith(f"{first.section} §  {first.title_fi}")
    swedish = agenda_items_of_project(demo_db, 1, "sv")[0].label
    assert swedish.startswith(rows[0].title_sv) and "§" in swedish
