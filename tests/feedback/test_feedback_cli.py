"""The command line: list workshops, feedback summary, export and report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from docx import Document
from docx.shared import Length

from kastedesk.cli.main import main
from kastedesk.domain.feedback_entry import Answer
from kastedesk.services.feedback_entry import open_entry, save_response


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _data(db, new_workshop) -> tuple[int, int]:
    a = new_workshop("06", "A", title="Pirkanmaan työpaja")
    b = new_workshop("15", "B", title="Workshop i Vasa")
    for wid, rows in (
        (a, [(5, 4, "Hyvä"), (4, 4, "")]),
        (b, [(3, 2, "Bra"), (5, 5, ""), (4, 4, "")]),
    ):
        ctx = open_entry(db, wid)
        for first, second, text in rows:
            answers = {0: Answer(first), 1: Answer(second), 3: Answer(1)}
            if text:
                answers[4] = Answer(None, text)
            save_response(db, ctx, answers)
    return a, b


def test_list_workshops_json(capsys, db, db_path, registry, new_workshop) -> None:
    a, b = _data(db, new_workshop)
    code, out, err = run(capsys, "--db", str(db_path), "list", "workshops", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [a, b]
    assert rows[1] == {
        "id": b,
        "project_id": registry.project_id,
        "title": "Workshop i Vasa",
        "module": "B",
        "region": "15",
        "municipality": "",
        "date": "2014-10-02",
        "status": "held",
        "attended": 23,
        "responses": 3,
    }
    code, out, _err = run(
        capsys, "--db", str(db_path), "list", "workshops", "--project", "999", "--json"
    )
    assert json.loads(out) == []
    code, out, _err = run(capsys, "--db", str(db_path), "list", "workshops")
    assert "Workshop i Vasa" in out and "Pohjanmaa" in out


def test_feedback_summary_json(capsys, db, db_path, registry, new_workshop) -> None:
    _data(db, new_workshop)
    code, out, _err = run(capsys, "--db", str(db_path), "feedback", "summary", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["responses"] == 5
    first = summary["questions"][0]
    assert first["kind"] == "scale" and first["mean"] == 4.2
    assert [d["count"] for d in first["distribution"]] == [0, 0, 1, 2, 2]
    comments = summary["questions"][4]
    assert sorted(comments["comments"]) == ["Bra", "Hyvä"]
    assert {"workshop": "Workshop i Vasa", "region": "Pohjanmaa"} in comments["comment_sources"]
    code, out, _err = run(
        capsys, "--db", str(db_path), "feedback", "summary", "--region", "Österbotten", "--json"
    )
    assert json.loads(out)["responses"] == 3
    code, out, _err = run(
        capsys, "--db", str(db_path), "feedback", "summary", "--module", "A", "--json"
    )
    assert json.loads(out)["responses"] == 2
    code, _out, err = run(capsys, "--db", str(db_path), "feedback", "summary", "--region", "Narnia")
    assert code == 2 and "Narnia" in err
    code, out, _err = run(capsys, "--db", str(db_path), "feedback", "summary")
    assert "Responses: 5" in out and "mean 4,20" in out
    # Free-text comments with their workshop and region.
    assert "– Hyvä (Pirkanmaan työpaja, Pirkanmaa)" in out
    assert "– Bra (Workshop i Vasa, Pohjanmaa)" in out


def test_feedback_export(capsys, db, db_path, registry, new_workshop, tmp_path: Path) -> None:
    a, _b = _data(db, new_workshop)
    out_csv = tmp_path / "a.csv"
    code, _out, err = run(
        capsys, "--db", str(db_path), "feedback", "export", "-o", str(out_csv), "--workshop", str(a)
    )
    assert (code, err) == (0, "")
    rows = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 3 and rows[1][1] == "Pirkanmaan työpaja"
    code, _out, err = run(
        capsys, "--db", str(db_path), "feedback", "export", "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1 and err.count("\n") == 1 and ".xlsx" in err


def test_feedback_report_docx(capsys, db, db_path, registry, new_workshop, tmp_path: Path) -> None:
    _data(db, new_workshop)
    out_docx = tmp_path / "raportti.docx"
    code, _out, err = run(
        capsys, "--db", str(db_path), "feedback", "report", "-o", str(out_docx), "--lang", "sv"
    )
    assert (code, err) == (0, "")
    document = Document(str(out_docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Respons på workshoppar" in text
    assert "Svar: 5" in text
    assert "Motsvarade workshoppens innehåll" in text
    assert "Bra" in text and "Hyvä" in text
    assert len(document.inline_shapes) == 5  # four distributions and the region comparison
    assert len(document.tables) == 6  # the workshops included, four distributions, comparison
    # The opening: project, workshops, dates and the number of responses before any result.
    opening = text.split("Motsvarade")[0]
    assert "Projekt: Testprojekt" in opening and "Tidpunkt: 2.10.2014" in opening
    assert "Workshoppar som ingår (2)" in opening
    workshops = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert workshops == [
        ["Workshop", "Datum", "Plats", "Svar"],
        ["Pirkanmaan työpaja", "2.10.2014", "Birkaland", "2"],
        ["Workshop i Vasa", "2.10.2014", "Österbotten", "3"],
    ]
    # A4 as Finland prints, and a workshop's title in the widest column: not broken in a
    # word as in four equal columns ("Maakunnalline|n työpaja").
    page = document.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    usable = Length(page.page_width - page.left_margin - page.right_margin).cm
    for table in document.tables:
        grid = [Length(column.w).cm for column in table._tbl.tblGrid.gridCol_lst]
        assert grid[0] == max(grid) and sum(grid) <= usable + 0.01
        assert [cell.width.cm for cell in table.rows[-1].cells] == grid  # Word reads these
    first = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert first[0] == ["Svar", "Antal", "%"]
    assert first[-1] == ["5 – helt", "2", "40"]
    assert "Besvarade: 5 · Medelvärde: 4,20" in text
    assert "Medelvärde: 3,80" in text  # always two decimals
    # Tables stay on one page: rows never split and each kept with the next.
    for table in document.tables[1:]:
        for row in table.rows:
            assert row._tr.trPr is not None and "cantSplit" in row._tr.trPr.xml
        for row in table.rows[:-1]:
            assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next
    assert [c.text for c in document.tables[-1].rows[0].cells][1:] == [
        "Birkaland (n = 2)",
        "Österbotten (n = 3)",
    ]
    single = tmp_path / "yksi.docx"
    code, _out, _err = run(
        capsys, "--db", str(db_path), "feedback", "report", "-o", str(single), "--workshop", "1",
        "--lang", "fi", "--no-charts",
    )  # fmt: skip
    assert code == 0
    document = Document(str(single))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Pirkanmaan työpaja" in text and "Vastauksia: 2" in text
    assert len(document.inline_shapes) == 0
