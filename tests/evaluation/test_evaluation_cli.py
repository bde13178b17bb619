"""``kastedesk evaluation list|export|import``."""

from __future__ import annotations

import json

from docx import Document
from openpyxl import load_workbook

from kastedesk.cli.main import main
from kastedesk.services import evaluation as ev
from tests.evaluation.conftest import ETELA_SAVO, add_framework


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_list_export_and_import(db, db_path, tmp_path, capsys) -> None:
    setup = add_framework(db)
    ev.set_rating(db, setup.baseline, setup.measures[0][0], ETELA_SAVO, 2)
    ev.lock_round(db, setup.baseline)
    code, out, err = run(capsys, "--db", str(db_path), "evaluation", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["kind"], r["locked"], r["rated"]) for r in rows] == [
        ("baseline", True, 1),
        ("midterm", False, 0),
    ]
    code, out, _err = run(capsys, "--db", str(db_path), "evaluation", "list")
    assert "Baseline" in out and "1.3.2012" in out

    docx = tmp_path / "vertailu.docx"
    args = ["--db", str(db_path), "evaluation", "export", str(setup.midterm), "-o", str(docx)]
    code, _out, err = run(capsys, *args, "--lang", "sv", "--compare", str(setup.baseline))
    assert code == 0, err
    assert Document(str(docx)).tables[0].rows[0].cells[0].text == "Mål"

    xlsx = tmp_path / "arviointi.xlsx"
    args = ["--db", str(db_path), "evaluation", "export", str(setup.midterm), "-o", str(xlsx)]
    assert run(capsys, *args, "--lang", "fi")[0] == 0
    book = load_workbook(xlsx)
    book.worksheets[0]["D3"] = 3
    book.save(xlsx)
    imp = ["--db", str(db_path), "evaluation", "import", str(xlsx), "--round", str(setup.midterm)]
    code, out, err = run(capsys, *imp, "--dry-run")
    assert code == 0, err
    assert "Cells changed: 1" in out
    assert ev.load_matrix(db, setup.midterm).cell(setup.measures[0][0], ETELA_SAVO).rating is None
    assert run(capsys, *imp)[0] == 0
    assert ev.load_matrix(db, setup.midterm).cell(setup.measures[0][0], ETELA_SAVO).rating == 3

    book["Arviointi"]["D4"] = 7
    book.save(xlsx)
    code, out, err = run(capsys, *imp)
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "Row 4" in err


def test_export_refuses_other_suffixes_and_unknown_rounds(db, db_path, tmp_path, capsys) -> None:
    add_framework(db)
    base = ["--db", str(db_path), "evaluation", "export"]
    code, _out, err = run(capsys, *base, "1", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and ".docx" in err
    code, _out, err = run(capsys, *base, "99", "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "99" in err and "Traceback" not in err


def test_bundle_export_counts_the_evaluation_records(db, db_path, tmp_path, capsys) -> None:
    add_framework(db)
    out = tmp_path / "x.kastebundle"
    code, text, err = run(capsys, "--db", str(db_path), "bundle", "export", "-o", str(out))
    assert code == 0, err
    # 2 regions, 3 goals, 5 measures, 2 rounds
    assert "Evaluation records: 12." in text
