"""``kastedesk costs``: summary in cents, reports, import with its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document

from kastedesk.services import costs as svc
from kastedesk.storage.database import Database
from tests.cli.test_db_commands import run


def test_summary_json_in_cents(capsys, demo_db: Database, db_path: Path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "costs", "summary", "1", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    book = svc.load_book(demo_db, 1)
    assert len(data["partners"]) == 3 and len(data["categories"]) == 5
    assert data["total"]["planned"] == sum(c.cents for c in book.budget)
    assert data["total"]["realised"] == sum(e.cents for e in book.entries)
    assert sum(p["realised"] for p in data["partners"]) == data["total"]["realised"]
    assert data["total"]["difference"] == data["total"]["planned"] - data["total"]["realised"]


def test_report_in_swedish(capsys, demo_db: Database, db_path: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "k.docx"
    code, out, _err = run(
        capsys, "--db", str(db_path), "costs", "report", "1", "-o", str(out_file), "--lang", "sv"
    )
    assert code == 0 and str(out_file) in out
    assert "Kostnadsuppföljning" in [p.text for p in Document(str(out_file)).paragraphs]


def test_bad_report_name_and_unknown_project(capsys, demo_db, db_path, tmp_path) -> None:
    code, _out, err = run(capsys, "--db", str(db_path), "costs", "report", "1", "-o", "x.pdf")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    code, _out, err = run(capsys, "--db", str(db_path), "costs", "summary", "99")
    assert code == 1 and "project no longer exists" in err
    code, _out, _err = run(capsys, "--db", str(db_path), "costs", "summary", "1", "--year", "x")
    assert code == 2


def test_import_dry_run_then_import_then_again(capsys, demo_db, db_path, tmp_path) -> None:
    path = tmp_path / "kulut.csv"
    path.write_text(
        "partner;category;period;amount\nTampereen kaupunki;Vuokrat;12/2027;100,10\n", "utf-8"
    )
    before = len(svc.load_book(demo_db, 1).entries)
    args = ("--db", str(db_path), "costs", "import", str(path), "--project", "1")
    code, out, _err = run(capsys, *args, "--dry-run")
    assert code == 0 and "Nothing was changed" in out
    assert len(svc.load_book(demo_db, 1).entries) == before
    code, out, _err = run(capsys, *args)
    assert code == 0 and "1 realised costs added" in out
    code, out, _err = run(capsys, *args)
    assert code == 0 and "imported already" in out
    assert len(svc.load_book(demo_db, 1).entries) == before + 1


def test_rejected_import_lists_rows_and_fails(capsys, demo_db, db_path, tmp_path) -> None:
    path = tmp_path / "kulut.csv"
    path.write_text("partner;category;period;amount\nNobody;Vuokrat;1/2026;1\n", "utf-8")
    code, out, err = run(
        capsys, "--db", str(db_path), "costs", "import", str(path), "--project", "1"
    )
    assert code == 1
    assert "row 2: Unknown partner: Nobody." in out
    assert err.strip() == "kastedesk: Nothing was imported: 1 rows are rejected."


def test_partner_budget_and_claim_from_the_command_line(capsys, db: Database, db_path) -> None:
    from kastedesk.storage.models.registry import Project

    with db.session() as s:
        s.add(Project(name_fi="Hanke", short_name="H"))
    base = ("--db", str(db_path), "costs")
    assert run(capsys, *base, "add-partner", "1", "Kaupunki")[0] == 0
    code, _out, _err = run(
        capsys, *base, "set-budget", "1", "--partner", "Kaupunki", "--category", "Hyror",
        "--year", "2026", "1 000,00",
    )  # fmt: skip
    assert code == 0
    book = svc.load_book(db, 1)
    svc.add_entry(db, 1, svc.entry_from_text(book.partners[0].id, book.categories[1].id,
                                              "3/2026", "100,01", ""))  # fmt: skip
    code, out, _err = run(capsys, *base, "claim", "1", "Q1/2026", "--json")
    claim = json.loads(out)
    assert claim["total"] == 10_001
    assert [f["cents"] for f in claim["funders"]] == [7_501, 2_500]
