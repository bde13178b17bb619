"""PDF copies of documents through LibreOffice, when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kastedesk.atomic_files import atomic_path
from kastedesk.i18n import _

_WINDOWS_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
    / "LibreOffice"
    / "program"
    / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice"
    / "program"
    / "soffice.exe",
)
TIMEOUT_SECONDS = 120


class PdfUnavailable(Exception):
    """No PDF can be made; the message says why, in the user's language."""


def find_soffice() -> Path | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Path(found)
    return next((p for p in _WINDOWS_PLACES if p.is_file()), None)


def pdf_unavailable_reason() -> str:
    """ "" when PDFs can be made, else why not."""
    if find_soffice() is None:
        return _("PDF needs LibreOffice, which was not found on this computer.")
    return ""


def convert_to_pdf(docx: Path, target: Path) -> Path:
    """Convert *docx* to *target* (.pdf) with LibreOffice, headless, in a private profile."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(pdf_unavailable_reason())
    with tempfile.TemporaryDirectory(prefix="kastedesk-pdf-") as work:
        profile = Path(work, "profile").as_uri()  # never clashes with an open LibreOffice
        command = [
            str(soffice), f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", work, str(docx),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(
                _("LibreOffice could not make the PDF: {reason}").format(reason=exc)
            ) from exc
        made = Path(work, Path(docx).stem + ".pdf")
        if not made.is_file():
            raise PdfUnavailable(_("LibreOffice could not make the PDF."))
        with atomic_path(Path(target)) as tmp:
            shutil.copyfile(made, tmp)
    return Path(target)
