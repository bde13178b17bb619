"""The organisation's own Word template: page set-up, styles, header and footer kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
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
