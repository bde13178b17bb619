"""Blank feedback forms: content, digits, languages, copies, the CLI and the PDF refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from kastedesk.cli.main import main
from kastedesk.domain.validation import ValidationError
from kastedesk.services import blank_forms
from kastedesk.services.blank_forms import write_blank_forms


def _texts(path: Path) -> tuple[str, list[list[str]]]:
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[c.text for row in t.rows for c in row.cells] for t in document.tables]
    return text, tables


def test_finnish_form_with_workshop_details_numbers_and_digits(db, new_workshop, tmp_path) -> None:
    wid = new_workshop("15", "A", title="Työpaja A Vaasa", municipality="Vaasa", place="Kirjasto")
    out = tmp_path / "lomake.docx"
    write_blank_forms(db, wid, out, ("fi",))
    text, tables = _texts(out)
    assert text.startswith(
        "Työpajan palaute\nTyöpaja A Vaasa\nKirjasto, Vaasa · to 2.10.2014 klo 9.00–12.00\n"
        "Rastita kustakin kysymyksestä yksi ruutu."
    )
    assert "1. Vastasiko työpajan sisältö niitä odotuksia, joita sinulla oli?" in text
    assert "5. Avoimet kommentit" in text
    assert len(tables) == 4  # three scales and the background; free text has ruled lines
    assert tables[0] == [
        "☐ 1\nei lainkaan",
        "☐ 2",
        "☐ 3",
        "☐ 4",
        "☐ 5\ntäysin",
    ]
    assert tables[3][:4] == [
        "☐ 1  sosiaalityöntekijä",
        "☐ 2  sosiaaliohjaaja",
        "☐ 3  kokemusasiantuntija",
        "☐ 4  muu",
    ]
    document = Document(str(out))
    assert document.sections[0].page_height.cm == pytest.approx(29.7, abs=0.01)  # A4
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == []  # one copy, one page


def test_both_languages_and_copies_each_on_its_own_page(db, new_workshop, tmp_path) -> None:
    wid = new_workshop("15", "A", title="Workshop i Vasa")
    out = tmp_path / "blanketter.docx"
    write_blank_forms(db, wid, out, ("fi", "sv"), copies=3)
    text, tables = _texts(out)
    assert text.count("Työpajan palaute / Respons på workshoppen") == 3
    assert "Motsvarade workshoppens innehåll de förväntningar du hade?" in text
    assert "☐ 1  sosiaalityöntekijä / socialarbetare" in tables[3]
    assert tables[0][0] == "☐ 1\nei lainkaan / inte alls"
    document = Document(str(out))
    starts = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert starts == ["Työpajan palaute / Respons på workshoppen"] * 2


def test_workshop_language_is_the_default_and_bad_requests_are_refused(
    db, registry, new_workshop, tmp_path
) -> None:
    swedish = new_workshop(
        "15", "A", coordinator_id=registry.people[1], facilitator_ids=[]
    )  # Bo Berg, sv
    out = tmp_path / "s.docx"
    write_blank_forms(db, swedish, out)
    text, _tables = _texts(out)
    assert text.startswith("Respons på workshoppen")
    with pytest.raises(ValidationError):
        write_blank_forms(db, swedish, out, ("fi",), copies=0)
    with pytest.raises(ValidationError):
        write_blank_forms(db, swedish, tmp_path / "x.txt")
    with pytest.raises(ValidationError):
        write_blank_forms(db, 999, out)


def test_cli_blank(capsys, db, db_path, new_workshop, tmp_path, monkeypatch) -> None:
    wid = new_workshop("06", "B", date=dt.date(2014, 11, 5))
    out = tmp_path / "lomakkeet.docx"
    code = main(["--db", str(db_path), "feedback", "blank", str(wid), "-o", str(out),
                 "--lang", "fi+sv", "--copies", "2"])  # fmt: skip
    assert code == 0 and out.exists()
    assert _texts(out)[0].count("5.11.2014") == 2
    code = main(["--db", str(db_path), "feedback", "blank", str(wid), "-o", str(out),
                 "--copies", "501"])  # fmt: skip
    assert code == 1
    assert capsys.readouterr().err.count("\n") == 1
    # Without LibreOffice a PDF is refused in one line.
    monkeypatch.setattr("kastedesk.services.pdf_export.find_soffice", lambda: None)
    code = main(
        ["--db", str(db_path), "feedback", "blank", str(wid), "-o", str(tmp_path / "l.pdf")]
    )
    err = capsys.readouterr().err
    assert code == 1 and "LibreOffice" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "feedback", "blank", str(wid), "-o", str(out), "--lang", "en"])
    assert exit_info.value.code == 2
    assert blank_forms.MAX_COPIES == 500


def test_blank_forms_dialog_from_the_workshop(qtbot, db, new_workshop, tmp_path) -> None:
    from kastedesk.ui.feedback.blank_dialog import BlankFormsDialog

    wid = new_workshop("15", "A", title="Työpaja A Vaasa")
    dialog = BlankFormsDialog(db, wid, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(tmp_path / "Palautelomakkeet_Tyopaja_A_Vaasa.docx")
    dialog.language.setCurrentIndex(dialog.language.findData("fi+sv"))
    dialog.copies.setValue(2)
    dialog.open_after.setChecked(False)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    text, _tables = _texts(tmp_path / "Palautelomakkeet_Tyopaja_A_Vaasa.docx")
    assert text.count("Työpajan palaute / Respons på workshoppen") == 2
