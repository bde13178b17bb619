"""Keeping a project's budget and realised costs: defaults, checks, versions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kastedesk.domain.costs import FundingKind, Line
from kastedesk.domain.validation import ValidationError
from kastedesk.services import costs as svc
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.models.costs import CostEntry


def test_a_project_gets_the_five_categories_and_a_75_25_plan(db: Database, book) -> None:
    loaded = svc.load_book(db, book.project_id)
    assert [c.name_fi for c in loaded.categories] == [
        "Henkilöstömenot",
        "Vuokrat",
        "Aineet ja tarvikkeet",
        "Palvelujen ostot",
        "Toimisto- ja pankkikulut",
    ]
    assert loaded.categories[0].name("sv") == "Personalkostnader"
    assert [(f.kind, f.share_bp) for f in loaded.funding] == [
        (FundingKind.STATE_GRANT, 7500),
        (FundingKind.OWN, 2500),
    ]
    assert loaded.years() == [2014, 2015]
    assert loaded.follow_up().total == Line(22_500_000, 0)


def test_partner_names_are_unique_and_clean(db: Database, book) -> None:
    with pytest.raises(ValidationError) as info:
        svc.add_partner(db, book.project_id, "  tampereen   KAUPUNKI ")
    assert "name" in info.value.errors
    with pytest.raises(ValidationError):
        svc.add_partner(db, book.project_id, "Bad\x07name")
    with pytest.raises(ValidationError):
        svc.add_partner(db, book.project_id, "x" * 201)


def test_budget_cells_change_and_zero_removes(db: Database, book) -> None:
    staff = book.categories["staff"]
    changed = svc.save_budget(
        db, book.project_id, {(book.city, staff, 2014): 10_000_000, (book.centre, staff, 2014): 0}
    )
    assert changed == 1
    loaded = svc.load_book(db, book.project_id)
    assert loaded.budget_cents(book.centre, staff, 2014) == 0
    with pytest.raises(ValidationError):
        svc.save_budget(db, book.project_id, {(book.city, staff, 2014): -1})


def test_realised_costs_are_added_edited_with_their_version_and_deleted(db: Database, book) -> None:
    data = svc.entry_from_text(book.city, book.categories["rents"], "1-4/2014", "6 000,01", "")
    entry_id = svc.add_entry(db, book.project_id, data)
    loaded = svc.load_book(db, book.project_id)
    (entry,) = loaded.entries
    assert (entry.start, entry.end, entry.cents, entry.version) == (
        dt.date(2014, 1, 1),
        dt.date(2014, 4, 30),
        600_001,
        1,
    )
    assert loaded.follow_up(2014).over_budget_categories() == [book.categories["rents"]]

    changed = svc.EntryData(book.city, book.categories["rents"], entry.start, entry.end, 400_000)
    svc.update_entry(db, entry_id, changed, version=1)
    with db.read() as s:
        assert s.scalar(select(CostEntry.row_version).where(CostEntry.id == entry_id)) == 2
    with pytest.raises(RecordChangedError) as info:  # an edit made on the old copy
        svc.update_entry(db, entry_id, changed, version=1)
    assert "Tampereen kaupunki 1–4/2014 was changed by someone else" in str(info.value)
    svc.update_entry(db, entry_id, changed, version=None)  # saved over, deliberately

    assert svc.delete_entries(db, [entry_id]) == 1
    assert svc.load_book(db, book.project_id).entries == []


def test_typed_in_cost_gets_a_message_per_bad_field() -> None:
    with pytest.raises(ValidationError) as info:
        svc.entry_from_text(None, None, "12/2014–1/2015", "12,345", "ok")
    assert set(info.value.errors) == {"partner", "category", "period", "amount"}
    with pytest.raises(ValidationError) as info:
        svc.entry_from_text(1, 1, "1.12.2014–31.1.2015", "1", "")
    assert "one year" in info.value.errors["period"]


def test_a_partner_with_costs_cannot_be_removed(db: Database, book) -> None:
    data = svc.entry_from_text(book.centre, book.categories["staff"], "2014", "1", "")
    svc.add_entry(db, book.project_id, data)
    with pytest.raises(ValidationError):
        svc.delete_partner(db, book.centre)
    svc.delete_partner(db, book.city)  # its budget goes with it
    loaded = svc.load_book(db, book.project_id)
    assert [p.name for p in loaded.partners] == ["Osaamiskeskus"]
    assert loaded.follow_up().total.planned == 4_000_000


def test_a_cost_of_another_project_is_refused(db: Database, book) -> None:
    other = svc.EntryData(book.city, 999, dt.date(2014, 1, 1), dt.date(2014, 1, 31), 1)
    with pytest.raises(ValidationError) as info:
        svc.add_entry(db, book.project_id, other)
    assert "category" in info.value.errors


def test_funding_plan_is_replaced_and_checked(db: Database, book) -> None:
    lines = [
        svc.FundingData(FundingKind.STATE_GRANT, "Valtionavustus", "Statsunderstöd", 7000, None),
        svc.FundingData(FundingKind.OTHER, "Säätiö", "", None, 1_000_000),
        svc.FundingData(FundingKind.OWN, "Omarahoitusosuus", "", 2000, None),
    ]
    svc.save_funding(db, book.project_id, lines)
    loaded = svc.load_book(db, book.project_id)
    split = loaded.planned_funding()
    assert split.parts == [15_750_000, 1_000_000, 4_500_000]
    assert sum(split.parts) + split.unassigned == 22_500_000
    with pytest.raises(ValidationError):
        svc.save_funding(db, book.project_id, [lines[0], lines[0]])  # 140 %
    assert svc.read_funding_value("75 %", "x") == (7500, None)
    assert svc.read_funding_value("12 000", "x") == (None, 1_200_000)


def test_summary_json_is_in_cents_and_adds_up(db: Database, book) -> None:
    data = svc.entry_from_text(book.city, book.categories["staff"], "Q1/2014", "2 500,50", "")
    svc.add_entry(db, book.project_id, data)
    summary = svc.summary_as_json(svc.load_book(db, book.project_id))
    assert summary["total"] == {
        "planned": 22_500_000,
        "realised": 250_050,
        "difference": 22_249_950,
        "over_budget": False,
    }
    assert sum(p["planned"] for p in summary["partners"]) == summary["total"]["planned"]
    assert sum(c["realised"] for c in summary["categories"]) == 250_050


def test_categories_and_funding_are_saved_together(db: Database, book) -> None:
    loaded = svc.load_book(db, book.project_id)
    staff, rents, *rest = loaded.categories
    svc.add_entry(db, book.project_id, svc.entry_from_text(book.city, staff.id, "1/2014", "1", ""))
    edits = [
        svc.CategoryEdit(staff.id, "Palkat", "Löner", staff.version),
        *[svc.CategoryEdit(c.id, c.name_fi, c.name_sv, c.version) for c in rest],
        svc.CategoryEdit(None, "Matkat", "Resor"),
    ]
    funding = [svc.FundingData(FundingKind.STATE_GRANT, "Valtionavustus", "", 8000, None)]
    svc.save_setup(db, book.project_id, edits, funding)
    after = svc.load_book(db, book.project_id)
    assert [c.name_fi for c in after.categories] == [
        "Palkat",
        "Aineet ja tarvikkeet",
        "Palvelujen ostot",
        "Toimisto- ja pankkikulut",
        "Matkat",
    ]
    assert after.budget_cents(book.city, rents.id, 2014) == 0  # rents went with its budget
    assert [f.share_bp for f in after.funding] == [8000]
    assert after.planned_funding().parts == [17_600_000]  # 80 % of 220 000,00
    assert after.planned_funding().unassigned == 4_400_000

    without_staff = [e for e in edits if e.id != staff.id]
    with pytest.raises(ValidationError) as info:  # staff has a realised cost
        svc.save_setup(db, book.project_id, without_staff, funding)
    assert "realised costs" in info.value.errors[""]
    with pytest.raises(RecordChangedError):  # the staff line's old version
        svc.save_setup(db, book.project_id, edits, funding)
    assert svc.load_book(db, book.project_id).categories[0].name_fi == "Palkat"


def test_a_book_is_read_in_a_few_queries_however_many_costs(db: Database, book) -> None:
    from sqlalchemy import event

    for month in range(1, 13):
        for partner in (book.city, book.centre):
            data = svc.entry_from_text(
                partner, book.categories["staff"], f"{month}/2014", "100", ""
            )
            svc.add_entry(db, book.project_id, data)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        loaded = svc.load_book(db, book.project_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(loaded.entries) == 24
    selects = [
        s
        for s in statements
        if s.lstrip().upper().startswith("SELECT")
        and "pg_advisory_xact_lock" not in s  # a server's write turn and change notice
        and "pg_notify" not in s
    ]
    assert len(selects) <= 8


def test_a_used_category_is_kept_and_named_in_the_interface_language(db: Database, book) -> None:
    from kastedesk import i18n

    rents = book.categories["rents"]
    data = svc.entry_from_text(book.city, rents, "1-4/2014", "600,00", "")
    svc.add_entry(db, book.project_id, data)
    i18n.set_language("sv")
    with pytest.raises(ValidationError) as refused:
        svc.delete_category(db, rents)
    assert "Hyror" in str(refused.value.errors[""]) and "Vuokrat" not in str(refused.value.errors)
    i18n.set_language("fi")
    with pytest.raises(ValidationError) as refused:
        svc.delete_category(db, rents)
    assert "Vuokrat" in str(refused.value.errors[""])
    i18n.set_language("en")
