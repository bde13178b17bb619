"""Responses from a spreadsheet: preview, reasons for rejected rows, all in one go,
nothing doubled on a second import, the column choice remembered per form."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from kastedesk.cli.main import main
from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.services.response_import import (
    import_responses,
    plan_lines,
    plan_response_import,
    read_responses_file,
)

HEADERS = [
    "Vastausaika",
    "1. Vastasiko työpajan sisältö niitä odotuksia, joita sinulla oli?",
    "Fick du nya tankar / idéer eller något användbart för ditt eget arbete?",
    "Arvosana",  # not the question's text: mapped by hand
    "Taustasi",
    "Avoimet kommentit",
]
ROWS = [
    ["1.10.2014 12:01", "5", "4", "5", "sosiaalityöntekijä", "Hyvä päivä"],
    ["1.10.2014 12:03", "4", "4", "4", "Socialarbetare", ""],
    ["1.10.2014 12:04", "4", "4", "4", "Socialarbetare", ""],  # the same answers: two people
    ["1.10.2014 12:09", "7", "3", "3", "lääkäri", ""],  # two problems
    ["1.10.2014 12:11", "", "", "", "", ""],  # nothing answered
]


def _xlsx(path: Path, rows=ROWS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_preview_then_import_once(db, new_workshop, tmp_path) -> None:
    wid = new_workshop()
    table = read_responses_file(_xlsx(tmp_path / "webropol.xlsx"))
    plan = plan_response_import(db, wid, table)
    assert plan.mapping == [1, 2, None, 4, 5]
    assert summarize(db).responses == 0  # the preview wrote nothing
    mapping = [1, 2, 3, 4, 5]
    plan = plan_response_import(db, wid, table, mapping)
    assert [r.line for r in plan.new] == [2, 3, 4]
    assert plan.rejected == [
        (5, "question 1: “7” is not on the scale 1–5; question 4: “lääkäri” is not one of "
            "the options"),
    ]  # fmt: skip
    assert plan.empty == 1
    done = import_responses(db, wid, table, mapping)
    assert len(done.new) == 3
    summary = summarize(db, ResultFilter(workshop_id=wid))
    assert summary.responses == 3
    assert summary.question("grade").counts == {5: 1, 4: 2}
    assert summary.question("background").counts == {1: 3}
    assert summary.question("comments").comments == ["Hyvä päivä"]
    # Again: nothing new; the column choice is remembered for this form.
    again = plan_response_import(db, wid, table)
    assert again.mapping == mapping
    assert (len(again.new), again.already) == (0, 3)
    assert len(import_responses(db, wid, table).new) == 0
    assert summarize(db).responses == 3
    # One more identical row later in the file is a new person.
    longer = read_responses_file(_xlsx(tmp_path / "more.xlsx", [*ROWS, ROWS[1]]))
    assert len(plan_response_import(db, wid, longer).new) == 1
    assert any("3. " in line and "← Arvosana" in line for line in plan_lines(again))


def test_cli_import(capsys, db, db_path, new_workshop, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "en")
    wid = new_workshop()
    path = _xlsx(tmp_path / "forms.xlsx")
    args = ["--db", str(db_path), "feedback", "import", str(path), "--workshop", str(wid)]
    assert main([*args, "--dry-run", "--column", "3=arvosana"]) == 0
    out = capsys.readouterr().out
    assert "Dry run" in out and "New: 3 · already imported: 0 · rejected: 1 · empty: 1" in out
    assert "Row 5: question 1: “7” is not on the scale 1–5" in out
    assert summarize(db).responses == 0
    assert main([*args, "--column", "3=Arvosana"]) == 0
    assert "New: 3" in capsys.readouterr().out
    assert main(args) == 0  # the same file again, the choice remembered
    assert "New: 0 · already imported: 3" in capsys.readouterr().out
    assert summarize(db).responses == 3
    assert main([*args, "--column", "3=Nope"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    other = tmp_path / "other.csv"
    other.write_text("a;b\n1;2\n", encoding="utf-8")
    assert main(["--db", str(db_path), "feedback", "import", str(other), "--workshop",
                 str(wid)]) == 1  # fmt: skip
    assert "--column" in capsys.readouterr().err


def test_import_dialog_maps_previews_and_imports(qtbot, db, new_workshop, tmp_path) -> None:
    from kastedesk.ui.feedback.import_dialog import ImportResponsesDialog

    wid = new_workshop()
    dialog = ImportResponsesDialog(db, wid, _xlsx(tmp_path / "webropol.xlsx"))
    qtbot.addWidget(dialog)
    assert [c.currentData() for c in dialog.columns] == [1, 2, None, 4, 5]
    assert "New: 3 · already imported: 0 · rejected: 1 · empty: 1" in dialog.preview.toPlainText()
    dialog.columns[2].setCurrentIndex(dialog.columns[2].findData(3))  # the grade column
    assert dialog.plan.mapping == [1, 2, 3, 4, 5]
    dialog.accept()
    assert dialog.imported is not None and len(dialog.imported.new) == 3
    assert summarize(db).question("grade").counts == {5: 1, 4: 2}
    again = ImportResponsesDialog(db, wid, tmp_path / "webropol.xlsx")
    qtbot.addWidget(again)
    assert [c.currentData() for c in again.columns] == [1, 2, 3, 4, 5]  # remembered
    from PySide6.QtWidgets import QDialogButtonBox

    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert again.plan.already == 3
