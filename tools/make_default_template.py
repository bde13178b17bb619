"""Write resources/templates/kastedesk.docx, the default document template.

A4, Finnish-office margins, Calibri 11 pt body, clear headings. Organisations
replace it with their own letterhead template per group. Run by hand when the
look changes; the file is committed.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parent.parent / "resources" / "templates" / "kastedesk.docx"


def main() -> None:
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (
        ("Title", 16, 6),
        ("Heading 1", 14, 12),
        ("Heading 2", 12, 12),
        ("Heading 3", 11, 8),
    ):
        style = (
            styles[name]
            if name in [s.name for s in styles]
            else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        )
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    # The Title style of the stock template has a border line and a huge font: keep it plain.
    title = styles["Title"]
    title_pPr = title.element.pPr
    if title_pPr is not None:
        for border in title_pPr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"
        ):
            title_pPr.remove(border)
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    document.core_properties.author = "KasteDesk"
    document.core_properties.title = "KasteDesk"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(TARGET)
    print(TARGET)


if __name__ == "__main__":
    main()
