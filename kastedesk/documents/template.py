"""The organisation's own Word template: page set-up, styles, header and footer kept."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from kastedesk.i18n import _
from kastedesk.paths import resource_path

DEFAULT_TEMPLATE = ("templates", "kastedesk.docx")
# The styles the documents are written in; a template missing one gets it added.
PARAGRAPH_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")


class TemplateError(Exception):
    """The template cannot be used; the message says why, in the user's language."""


def default_template() -> Path:
    return resource_path(*DEFAULT_TEMPLATE)


def add_paragraphs(document: DocumentObject, texts: Iterable[str], style: str) -> None:
    """One paragraph of style *style* for each of *texts*, at the end of the body.

    What ``document.add_paragraph(text, style=style)`` writes, in a fraction of the time
    when they are many (a report's 10,000 comments: 20 s): python-docx searches every
    style by name for each paragraph and the body from its start for where to put it.
    """
    body = document.element.body
    end = body.find(qn("w:sectPr"))  # the section's properties stay last
    empty = document.add_paragraph(style=style)._p  # each is a copy of this one
    body.remove(empty)
    parent = document._body
    for text in texts:
        element = copy.deepcopy(empty)
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)
        if text:  # line breaks and tabs as add_paragraph writes them; no run for ""
            Paragraph(element, parent).add_run(text)


def open_template(path: Path | None) -> DocumentObject:
    """A document made from *path* (or the default) with its body emptied.

    Sections (page size, margins, header, footer) and styles stay as they are.
    """
    path = Path(path) if path else default_template()
    if path.suffix.lower() in (".dotx", ".dot", ".doc"):
        raise TemplateError(
            _("{name}: save the template as a Word document (.docx) and choose that.").format(
                name=path.name
            )
        )
    try:
        document = Document(str(path))
    except etree.LxmlError as exc:  # a part whose XML is broken (hand-edited, cut short)
        raise TemplateError(
            _("{name} cannot be used as a template: its contents are damaged ({reason}).").format(
                name=path.name, reason=" ".join(str(exc).split())
            )
        ) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateError(
            _("{name} cannot be used as a template: it is not a readable Word document (.docx).")
            .format(name=path.name)
        ) from exc  # fmt: skip
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    names = {style.name for style in document.styles}
    for name in PARAGRAPH_STYLES:
        if name not in names:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"] if "Normal" in names else None
            if name != "Normal":
                style.font.bold = True
    return document
