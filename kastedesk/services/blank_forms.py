"""Blank feedback forms to print: one A4 page per copy, in Finnish, Swedish or both.

Each page carries the form's name, the workshop's title, place and date, the
questions numbered as in fast entry, every option with a box to tick and the
digit fast entry takes for it (printed small and grey, so the typist reads it
off the paper), the scale's end labels, and ruled lines for free text. Copies
start on a page of their own. A PDF is made from the .docx with LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.template import open_template
from kastedesk.domain.blank_forms import MAX_COPIES, OPTIONS_PER_ROW, printed_options, writing_lines
from kastedesk.domain.feedback_forms import FormSpec, QuestionKind, QuestionSpec
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import form_language, title_in
from kastedesk.formatting import format_meeting_time
from kastedesk.i18n import _, translator
from kastedesk.services.feedback_forms import default_form_id, load_form
from kastedesk.services.pdf_export import convert_to_pdf
from kastedesk.storage.database import Database
from kastedesk.storage.models.workshops import Workshop

BOX = "☐"
DIGIT_COLOUR = RGBColor(0x70, 0x70, 0x70)
SIZE = Pt(10)


@dataclass(frozen=True)
class BlankFormContent:
    workshop: str
    place: str
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    form: FormSpec
    language: str  # the workshop's form language
    workshop_sv: str = ""  # the Swedish title, if any


def blank_form_content(db: Database, workshop_id: int) -> BlankFormContent:
    with db.session() as session:  # the default form is made on first need
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise ValidationError({"": _("No workshop with id {id}.").format(id=workshop_id)})
        form_id = workshop.form_id or default_form_id(session)
        places = [workshop.place, workshop.municipality]
        place = ", ".join(dict.fromkeys(p.strip() for p in places if p.strip()))
        when = (workshop.date, workshop.start_time, workshop.end_time)
        coordinator = workshop.coordinator
        language = form_language(
            workshop.language, workshop.region, coordinator.language if coordinator else None
        )
        title, title_sv = workshop.title, workshop.title_sv
    spec = load_form(db, form_id).spec
    return BlankFormContent(title, place, *when, spec, language, title_sv)


def _check(languages: Sequence[str], copies: int) -> None:
    if not languages or any(lang not in ("fi", "sv") for lang in languages):
        raise ValidationError({"languages": _("Choose the document language: fi, sv or fi+sv.")})
    if not 1 <= copies <= MAX_COPIES:
        raise ValidationError({"copies": _("Print 1 to {max} copies.").format(max=MAX_COPIES)})


def build_blank_forms(
    content: BlankFormContent, languages: Sequence[str], copies: int = 1
) -> DocumentObject:
    _check(languages, copies)
    document = open_template(None)
    section = document.sections[0]
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    writing = writing_lines(content.form.questions, languages)
    for copy in range(copies):
        _one_form(document, content, languages, writing, first=copy == 0)
    return document


def _paragraph(document: DocumentObject, space_after: float = 2) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def _run(
    paragraph: Paragraph, text: str, bold: bool = False, italic: bool = False, size: Length = SIZE
) -> Run:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, size
    return run


def _both(texts: Sequence[str]) -> str:
    return " / ".join(dict.fromkeys(t for t in texts if t))


def _one_form(
    document: DocumentObject,
    content: BlankFormContent,
    languages: Sequence[str],
    writing: int,
    first: bool,
) -> None:
    heading = _paragraph(document, 4)
    if not first:
        heading.paragraph_format.page_break_before = True
    _run(heading, _both([content.form.name(lang) for lang in languages]), bold=True, size=Pt(15))
    workshop = _paragraph(document, 0)
    titles = [title_in(content.workshop, content.workshop_sv, lang) for lang in languages]
    _run(workshop, _both(titles), bold=True, size=Pt(11))
    details = _paragraph(document, 6)
    when = (
        format_meeting_time(content.date, content.start, content.end, languages[0])
        if content.date
        else ""
    )
    _run(details, " · ".join(filter(None, [content.place, when])))
    guide = _paragraph(document, 8)
    texts = [
        translator(lang).gettext(
            "Tick one box for each question. The small numbers are for typing in the answers."
        )
        for lang in languages
    ]
    for n, text in enumerate(texts):
        run = _run(guide, text, italic=True, size=Pt(9))
        if n < len(texts) - 1:
            run.add_break()
    for number, question in enumerate(content.form.questions, start=1):
        _question(document, number, question, languages, writing)


def _question(
    document: DocumentObject,
    number: int,
    question: QuestionSpec,
    languages: Sequence[str],
    writing: int,
) -> None:
    title = _paragraph(document, 2)
    title.paragraph_format.keep_with_next = True
    for n, lang in enumerate(languages):
        run = _run(title, f"{number}. {question.text(lang)}" if n == 0 else question.text(lang))
        run.bold, run.italic = n == 0, n > 0
        if n < len(languages) - 1:
            run.add_break()
    if question.kind is QuestionKind.MULTI:
        hint = _both([translator(lang).gettext("(tick all that apply)") for lang in languages])
        _run(title, f" {hint}", italic=True, size=Pt(9))
    if question.kind is QuestionKind.TEXT:
        for line in range(writing):
            ruled = _paragraph(document, 0)
            ruled.paragraph_format.keep_with_next = line < writing - 1
            _run(ruled, "_" * 95, size=Pt(10)).font.color.rgb = DIGIT_COLOUR
        _paragraph(document, 4)
        return
    options = printed_options(question, languages)
    per_row = OPTIONS_PER_ROW if question.has_options else len(options)
    rows = -(-len(options) // per_row)
    table = document.add_table(rows=rows, cols=per_row)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for n, option in enumerate(options):
        cell = table.cell(n // per_row, n % per_row)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, f"{BOX} ", size=Pt(13))
        digit = _run(paragraph, str(option.digit), size=Pt(8))
        digit.font.color.rgb = DIGIT_COLOUR
        if question.kind is QuestionKind.SCALE:
            digit.font.size, digit.font.color.rgb = SIZE, None
            digit.bold = True
        label = _both(option.texts)
        if label:
            joiner = "\n" if question.kind is QuestionKind.SCALE else "  "
            _run(
                paragraph, joiner + label, size=Pt(9 if question.kind is QuestionKind.SCALE else 10)
            )
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = row is not table.rows[-1]
    _no_borders(table)
    _paragraph(document, 4)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def write_blank_forms(
    db: Database,
    workshop_id: int,
    path: Path,
    languages: Sequence[str] | None = None,
    copies: int = 1,
) -> Path:
    """Write .docx, or .pdf (through LibreOffice), by the suffix of *path*.

    *languages*: ("fi",), ("sv",) or ("fi", "sv"); default the workshop's form language.
    """
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ValidationError({"path": _("The file name must end in .docx or .pdf.")})
    content = blank_form_content(db, workshop_id)
    document = build_blank_forms(content, languages or (content.language,), copies)
    if suffix == ".docx":
        with atomic_path(path) as temp:
            document.save(str(temp))
        return path
    with tempfile.TemporaryDirectory(prefix="kastedesk-") as work:
        docx = Path(work, path.with_suffix(".docx").name)
        document.save(str(docx))
        return convert_to_pdf(docx, path)


def blank_file_name(content: BlankFormContent, languages: Sequence[str], pdf: bool) -> str:
    """ "Lomakkeet Työpaja A Vaasa.docx" in the first language asked for, safe to save."""
    from kastedesk.file_names import ascii_name

    word = translator(languages[0] if languages else "fi").gettext("Blank forms")
    stem = ascii_name(f"{word} {content.workshop}")
    return f"{stem}{'.pdf' if pdf else '.docx'}"
