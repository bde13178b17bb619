"""Agenda and minutes read back with python-docx: text, language, styles, tables, footer."""

from __future__ import annotations

import dataclasses
import os
import stat
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches, Pt

from kastedesk.atomic_files import FileWriteError
from kastedesk.documents.content import MeetingContent
from kastedesk.documents.docx_builder import build_agenda, build_minutes
from kastedesk.documents.files import default_file_name, save_document
from kastedesk.documents.template import TemplateError, default_template, open_template
from kastedesk.paths import resource_path


def _write(doc, tmp_path: Path, name: str = "out.docx") -> Document:
    path = save_document(doc, tmp_path / name)
    return Document(str(path))


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _footer_xml(doc) -> str:
    return doc.sections[0].footer._element.xml


def test_agenda_in_finnish(content: MeetingContent, tmp_path: Path) -> None:
    doc = _write(build_agenda(content, ["fi"], None), tmp_path)
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.text == "Ohjausryhmän 6. kokous — ESITYSLISTA"
    text = _text(doc)
    assert "ti 23.9.2014 klo 12.30–13.30" in text
    assert "https://meet.example/lasse-6" in text
    assert "Kutsutut" in text and "Tiedoksi" in text and "Ville Heinonen" in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "4 §  Koulutussuunnitelma syksy 2014" in headings
    assert "Päätösehdotus" in text and "Ohjausryhmä hyväksyy suunnitelman." in text
    assert "Liite 1: Koulutussuunnitelma" in text
    assert "Esittelijä: Jari Koivisto" in text
    assert "Päätös" not in text.replace("Päätösehdotus", "").replace("päätösvaltaisuus", "")
    # Invitees: chair first, names with organisation and role.
    invited = doc.tables[1]
    assert [c.text for c in invited.rows[1].cells] == [
        "Anneli Virtanen",
        "Tampereen kaupunki",
        "puheenjohtaja",
    ]
    assert "Sivu " in _footer_xml(doc) and 'w:instr="PAGE"' in _footer_xml(doc)
    assert 'w:instr="NUMPAGES"' in _footer_xml(doc)
    # Entered text keeps its paragraphs and line breaks.
    assert "Toinen kappale\nrivi kaksi." in text


def test_agenda_in_swedish(content: MeetingContent, tmp_path: Path) -> None:
    doc = _write(build_agenda(content, ["sv"], None), tmp_path)
    text = _text(doc)
    assert "Styrgruppens 6:e möte — FÖREDRAGNINGSLISTA" in text
    assert "tis 23.9.2014 kl. 12.30–13.30" in text
    assert "1 §  Mötets öppnande" in text and "Kallade" in text and "För kännedom" in text
    assert "Bilaga 1: Koulutussuunnitelma" in text
    assert "ordförande" in text
    assert "Sida " in _footer_xml(doc)
    assert "ESITYSLISTA" not in text and "Kutsutut" not in text


def test_bilingual_minutes_finnish_first(content: MeetingContent, tmp_path: Path) -> None:
    doc = _write(build_minutes(content, ["fi", "sv"], None), tmp_path)
    text = _text(doc)
    assert "Ohjausryhmän 6. kokous / Styrgruppens 6:e möte — PÖYTÄKIRJA / PROTOKOLL" in text
    assert "ti 23.9.2014 klo 12.30–13.30 / tis 23.9.2014 kl. 12.30–13.30" in text
    assert "2 §  Laillisuus ja päätösvaltaisuus / Laglighet och beslutförhet" in text
    assert "Päätös / Beslut" in text
    # Entered texts appear once, as written.
    assert text.count("Hyväksyttiin suunnitelma koulutuksesta.") == 1
    assert "Päätösvaltainen: 3/4" in text and "Beslutför: 3/4" in text
    assert "Sivu / Sida " in _footer_xml(doc)


def test_minutes_attendance_actions_and_signatures(content: MeetingContent, tmp_path: Path) -> None:
    doc = _write(build_minutes(content, ["fi"], None), tmp_path)
    text = _text(doc)
    assert "PÖYTÄKIRJA" in text
    assert "varajäsenenä henkilön Sari Mäkinen sijasta" in text
    assert "saapui 3 §:n aikana" in text and "poistui 4 §:n aikana" in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[:3] == ["Läsnä", "Muut läsnäolijat", "Poissa"]
    absent = doc.tables[3]
    assert [r.cells[0].text for r in absent.rows[1:]] == ["Sari Mäkinen"]
    # Quorum statement under the legality item, before the next §.
    paragraphs = [p.text for p in doc.paragraphs]
    legality = paragraphs.index("2 §  Laillisuus ja päätösvaltaisuus")
    assert paragraphs[legality + 1].startswith("Päätösvaltainen: 3/4")
    # Action items as a table; a formula-like text is just text in Word.
    actions = next(t for t in doc.tables if "Kutsut kuntiin" in t.rows[1].cells[0].text)
    assert actions.rows[0].cells[0].text == "Toimenpide"
    rows = [[c.text for c in r.cells] for r in actions.rows[1:]]
    assert ["Kutsut kuntiin", "Satu Tuominen", "15.10.2014"] in rows
    assert ["=1+1 budjetti (tehty)", "Jari Koivisto", ""] in rows
    assert "Edellisen kokouksen avoimet toimenpiteet" in text and "Kuntakierroksen raportti" in text
    assert "Puheenjohtaja" in text and "Sihteeri" in text and "Pöytäkirjan tarkastus" in text
    assert "Paikka ja aika" in text and "Markku Heikkilä" in text
    assert "Pöytäkirja tarkastettu 30.9.2014." in text


def test_memo_style_has_no_signatures(content: MeetingContent, tmp_path: Path) -> None:
    memo = dataclasses.replace(content, memo=True, checked_on=None)
    doc = _write(build_minutes(memo, ["sv"], None), tmp_path)
    text = _text(doc)
    assert "MINNESANTECKNINGAR" in text and "PROTOKOLL" not in text
    assert "Protokollsjustering" not in text and "Ordförande\n" not in text


def test_own_template_keeps_header_logo_page_setup_and_styles(
    content: MeetingContent, tmp_path: Path
) -> None:
    template = Document()
    section = template.sections[0]
    section.left_margin = Inches(1.5)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(str(resource_path("kastedesk.png")), width=Inches(0.6))
    header.add_run("Pikassos Oy – kirjepohja")
    template.styles["Heading 2"].font.size = Pt(15)  # the organisation's own look
    template.add_paragraph("This body text of the template must go.")
    path = tmp_path / "pohja.docx"
    template.save(str(path))

    doc = _write(build_agenda(content, ["fi"], path), tmp_path)
    assert doc.sections[0].left_margin == Inches(1.5)
    header_xml = doc.sections[0].header._element.xml
    assert "Pikassos Oy – kirjepohja" in header_xml and "<pic:pic" in header_xml
    assert doc.styles["Heading 2"].font.size == Pt(15)
    assert "This body text" not in _text(doc)
    assert "Sivu " in _footer_xml(doc)


def test_template_footer_with_page_numbers_is_kept(content: MeetingContent, tmp_path: Path) -> None:
    template = Document()
    footer = template.sections[0].footer.paragraphs[0]
    footer.add_run("Organisaation alatunniste ")
    field = footer._p.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple"
    )
    field.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr", "PAGE")
    footer._p.append(field)
    path = tmp_path / "pohja.docx"
    template.save(str(path))
    doc = _write(build_minutes(content, ["fi"], path), tmp_path)
    xml = _footer_xml(doc)
    assert "Organisaation alatunniste" in xml and "Sivu" not in xml


@pytest.mark.parametrize("data, name", [(b"not a zip", "pohja.docx"), (b"", "pohja.dotx")])
def test_unusable_template_is_refused_clearly(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(TemplateError, match=name):
        open_template(path)
    with pytest.raises(TemplateError):
        open_template(tmp_path / "missing.docx")


def test_default_template_is_a4() -> None:
    section = open_template(default_template()).sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_default_file_names(content: MeetingContent) -> None:
    assert (
        default_file_name(content, "agenda", ["fi"], ".docx")
        == "Ohjausryhma_6_esityslista_2014-09-23.docx"
    )
    assert (
        default_file_name(content, "minutes", ["sv", "fi"], ".pdf")
        == "Styrgrupp_6_protokoll_2014-09-23.pdf"
    )
    assert (
        default_file_name(content, "memo", ["fi", "sv"], ".docx")
        == "Ohjausryhma_6_muistio_2014-09-23.docx"
    )


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_target_keeps_the_old_file(content: MeetingContent, tmp_path: Path) -> None:
    target = tmp_path / "locked" / "agenda.docx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(FileWriteError):
            save_document(build_agenda(content, ["fi"], None), target)
    finally:
        target.parent.chmod(stat.S_IRWXU)
    assert target.read_bytes() == b"old"


def test_target_that_cannot_be_replaced_keeps_the_old_file(
    content: MeetingContent, tmp_path: Path, monkeypatch
) -> None:
    """As when Word holds the file open on Windows: os.replace is refused."""
    target = tmp_path / "agenda.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    from kastedesk import atomic_files

    paused: list[float] = []
    monkeypatch.setattr(atomic_files, "_pause", paused.append)  # the retries, without waiting
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileWriteError, match="open in another program"):
        save_document(build_agenda(content, ["fi"], None), target)
    monkeypatch.undo()
    assert paused == list(atomic_files.REPLACE_PAUSES)  # tried again before giving up
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["agenda.docx"]


def _damaged_template(tmp_path: Path, part: str, cut: int) -> Path:
    source = tmp_path / "hyva.docx"
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Organisaation ylätunniste"
    template.save(str(source))
    with zipfile.ZipFile(source) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    assert part in entries
    entries[part] = entries[part][:-cut]  # the XML cut short: no closing tags
    path = tmp_path / "rikki.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return path


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/header1.xml"])
def test_template_with_malformed_xml_is_refused_clearly(tmp_path: Path, part: str) -> None:
    path = _damaged_template(tmp_path, part, 40)
    with pytest.raises(TemplateError) as info:
        open_template(path)
    message = str(info.value)
    assert message.startswith("rikki.docx cannot be used as a template: its contents are damaged")
    assert "\n" not in message
