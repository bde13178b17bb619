"""``kastedesk self-check``: does this copy of the program have everything it needs?

Run after installing (and by the build's own test on the frozen bundle): it
works on a throw-away database in a temporary folder and never touches the
user's files, except the report it leaves in the log folder. Each check is a
plain function that returns a one-line detail or raises; the runner turns
exceptions into failed lines, so one broken part never hides the others.

Qt is imported only inside the checks that need it. Without a display (a
server, a build machine) Qt is told to draw offscreen.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from kastedesk import __version__
from kastedesk.atomic_files import atomic_path
from kastedesk.documents import phrases as P
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.registry import GroupKind
from kastedesk.formatting import format_count
from kastedesk.i18n import _, ngettext, translator
from kastedesk.paths import resource_path, user_log_dir
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import check_database, open_database
from kastedesk.storage.models.meetings import Meeting
from kastedesk.storage.models.registry import Group

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

REPORT_NAME = "self-check.txt"
DOCUMENT_LANGUAGES = ("fi", "sv")
# A word each document must contain, spelled out here so that a broken catalog is caught.
AGENDA_WORDS = {"fi": "ESITYSLISTA", "sv": "FÖREDRAGNINGSLISTA"}
MINUTES_WORDS = {"fi": "PÖYTÄKIRJA", "sv": "PROTOKOLL"}
# Qt's own catalogs: a word every qtbase translation has (the standard Cancel button).
QT_CANCEL = {"fi": "Peru", "sv": "Avbryt"}


class CheckFailed(Exception):
    """A check found something wrong; the message says what, in the user's language."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


@dataclass
class Workspace:
    """What the checks share: the temporary folder and the database made in it."""

    folder: Path
    db: Database | None = None

    def database(self) -> Database:
        if self.db is None:
            raise CheckFailed(_("No database: the database check failed."))
        return self.db


Check = Callable[[Workspace], str]


def ensure_display() -> None:
    """Use Qt's offscreen platform when there is nothing to draw on (no X11 or Wayland)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# --- checks ---------------------------------------------------------------------------


def check_resources(_ws: Workspace) -> str:
    names = ("kastedesk.png", "kastedesk.ico", "templates/kastedesk.docx")
    missing = [n for n in names if not resource_path(*n.split("/")).is_file()]
    if missing:
        raise CheckFailed(_("Missing: {files}").format(files=", ".join(missing)))
    return str(resource_path())


def check_database_created(ws: Workspace) -> str:
    ws.db = open_database(resolve_url(ws.folder / "self-check.sqlite"))
    report = check_database(ws.db)
    if not report.ok:
        raise CheckFailed("; ".join(report.problems))
    return _("schema {revision}").format(revision=report.revision)


def check_demo_data(ws: Workspace) -> str:
    from kastedesk.services.demo import load_demo
    from kastedesk.services.meeting_views import list_meetings

    db = ws.database()
    load_demo(db)
    count = len(list_meetings(db))
    if not count:
        raise CheckFailed(_("The demo data has no meetings."))
    return ngettext("{count} meeting", "{count} meetings", count).format(count=count)


def held_steering_meeting(db: Database) -> tuple[int, int]:
    """(id of the latest held meeting of a steering group, id of its next meeting)."""
    held = (MeetingStatus.HELD, MeetingStatus.APPROVED)
    with db.read() as s:
        rows = s.execute(
            select(Meeting.id, Meeting.status)
            .join(Group)
            .where(Group.kind == GroupKind.STEERING)
            .order_by(Meeting.date, Meeting.number)
        ).all()
    held_ids = [m_id for m_id, status in rows if status in held]
    if not held_ids:
        raise CheckFailed(_("The demo data has no held steering-group meeting."))
    upcoming = [m_id for m_id, status in rows if status not in held]
    return held_ids[-1], (upcoming or held_ids)[0]


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _document_check(kind: str, lang: str) -> Check:
    def check(ws: Workspace) -> str:
        from kastedesk.services.meeting_documents import write_agenda, write_minutes

        db = ws.database()
        held, upcoming = held_steering_meeting(db)
        if kind == "agenda":
            path = write_agenda(
                db, upcoming, ws.folder / f"agenda-{lang}.docx", (lang,), allow_missing=True
            )
            word = AGENDA_WORDS[lang]
        else:
            path = write_minutes(
                db, held, ws.folder / f"minutes-{lang}.docx", (lang,), allow_missing=True
            )
            word = MINUTES_WORDS[lang]
        if word not in _docx_text(path):
            raise CheckFailed(_("{word} is not in the document.").format(word=word))
        return _("{word} read back").format(word=word)

    return check


def _catalog_check(lang: str) -> Check:
    def check(_ws: Workspace) -> str:
        catalog = translator(lang)
        expected = AGENDA_WORDS[lang]
        if catalog.gettext(P.AGENDA) != expected:
            raise CheckFailed(_("The catalog does not translate {word}.").format(word=P.AGENDA))
        messages = len(getattr(catalog, "_catalog", {}))
        return ngettext("{count} message", "{count} messages", messages).format(count=messages)

    return check


def _application() -> QCoreApplication:
    from PySide6.QtWidgets import QApplication

    ensure_display()
    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kastedesk"])


def _qt_catalog_check(lang: str) -> Check:
    def check(_ws: Workspace) -> str:
        from PySide6.QtCore import QLibraryInfo, QTranslator

        app = _application()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_translator = QTranslator(app)
        if not qt_translator.load(f"qtbase_{lang}", folder):
            raise CheckFailed(
                _("qtbase_{lang}.qm is not in {folder}.").format(lang=lang, folder=folder)
            )
        word = qt_translator.translate("QPlatformTheme", "Cancel")
        if word != QT_CANCEL[lang]:
            raise CheckFailed(_("Qt's catalog gave {word!r}.").format(word=word))
        return Path(qt_translator.filePath()).name

    return check


def check_spreadsheet(ws: Workspace) -> str:
    """Members to .xlsx and back: openpyxl and its XML libraries are in place."""
    from kastedesk.services.member_export import export_members
    from kastedesk.services.table_files import read_table

    db = ws.database()
    with db.read() as s:
        group_id = s.scalar(select(Group.id).where(Group.kind == GroupKind.STEERING))
    if group_id is None:
        raise CheckFailed(_("The demo data has no steering group."))
    path = ws.folder / "members.xlsx"
    written = export_members(db, group_id, path, "fi")
    read = len(read_table(path).rows)
    if not written or read != written:
        raise CheckFailed(
            _("Wrote {written} rows, read {read} back.").format(written=written, read=read)
        )
    return ngettext("{count} row read back", "{count} rows read back", read).format(count=read)


def check_charts(ws: Workspace) -> str:
    from kastedesk.services.feedback_report import charts_for, report_data
    from kastedesk.services.feedback_results import ResultFilter

    _application()
    from kastedesk.ui.feedback.charts import render_png

    data = report_data(ws.database(), ResultFilter(), "fi")
    specs = charts_for(data, "fi")
    if not specs:
        raise CheckFailed(_("The demo data gives no charts."))
    png = render_png(specs[0], 400, 300)
    if not png.startswith(b"\x89PNG"):
        raise CheckFailed(_("The chart did not render."))
    charts = ngettext("{count} chart", "{count} charts", len(specs)).format(count=len(specs))
    return _("{charts}, the first as {size} bytes of PNG").format(
        charts=charts, size=format_count(len(png))
    )


# The keyring backend each platform uses; keyring finds it through its package metadata.
PLATFORM_KEYRING = {"win32": "keyring.backends.Windows", "darwin": "keyring.backends.macOS"}


def check_server_driver(_ws: Workspace) -> str:
    """psycopg with its libpq, SQLAlchemy's dialect for it and the keyring backends are here."""
    from importlib import import_module, metadata

    import psycopg
    from sqlalchemy import create_engine

    libpq = psycopg.pq.version()  # loads libpq (psycopg-binary's or the system's)
    create_engine("postgresql+psycopg://self-check@localhost/kastedesk").dispose()  # no connect
    backends = {entry.value for entry in metadata.entry_points(group="keyring.backends")}
    wanted = PLATFORM_KEYRING.get(sys.platform, "keyring.backends.SecretService")
    if not any(value.split(":")[0] == wanted for value in backends):
        raise CheckFailed(_("The system keyring backend {name} is missing.").format(name=wanted))
    import_module(wanted)
    return _("psycopg {version} ({implementation}), libpq {libpq}, {keyring}").format(
        version=psycopg.__version__,
        implementation=psycopg.pq.__impl__,
        libpq=f"{libpq // 10000}.{libpq % 10000}",
        keyring=wanted,
    )


def checks() -> list[tuple[str, Check]]:
    """Every check, in order, with its name in the current language."""
    found: list[tuple[str, Check]] = [
        (_("Program files"), check_resources),
        (_("New database, migrated"), check_database_created),
        (_("Demo data"), check_demo_data),
    ]
    names = {"fi": _("Finnish"), "sv": _("Swedish")}
    for lang in DOCUMENT_LANGUAGES:
        found.append(
            (
                _("Agenda ({language})").format(language=names[lang]),
                _document_check("agenda", lang),
            )
        )
        found.append(
            (
                _("Minutes ({language})").format(language=names[lang]),
                _document_check("minutes", lang),
            )
        )
    found.append((_("Members as a spreadsheet"), check_spreadsheet))
    for lang in DOCUMENT_LANGUAGES:
        found.append(
            (_("Translations ({language})").format(language=names[lang]), _catalog_check(lang))
        )
    for lang in DOCUMENT_LANGUAGES:
        found.append(
            (
                _("Qt's translations ({language})").format(language=names[lang]),
                _qt_catalog_check(lang),
            )
        )
    found.append((_("Feedback charts"), check_charts))
    found.append((_("Server database driver"), check_server_driver))
    return found


@contextmanager
def _workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="kastedesk-self-check-") as folder:
        ws = Workspace(Path(folder))
        try:
            yield ws
        finally:
            if ws.db is not None:
                ws.db.dispose()


def run_checks(
    selected: list[tuple[str, Check]] | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Run the checks in a temporary folder; a failure never stops the later ones."""
    results: list[CheckResult] = []
    with _workspace() as ws:
        for name, check in checks() if selected is None else selected:
            try:
                result = CheckResult(name, True, check(ws))
            except Exception as exc:  # a check reports whatever broke, then the next runs
                result = CheckResult(name, False, str(exc) or type(exc).__name__)
            results.append(result)
            if on_result is not None:
                on_result(result)
    return results


def format_result(result: CheckResult) -> str:
    mark = _("OK") if result.ok else _("FAILED")
    return f"{mark:<8}{result.name}: {result.detail}"


def summary(results: list[CheckResult]) -> str:
    failed = sum(not r.ok for r in results)
    if failed:
        return ngettext(
            "Self-check failed: {failed} of {total} check.",
            "Self-check failed: {failed} of {total} checks.",
            len(results),
        ).format(failed=failed, total=len(results))
    return ngettext(
        "Self-check passed: {total} check.", "Self-check passed: {total} checks.", len(results)
    ).format(total=len(results))


def report_text(results: list[CheckResult], when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    head = f"KasteDesk {__version__} · {sys.platform} · {when:%d.%m.%Y %H.%M}"
    lines = [head, *(format_result(r) for r in results), summary(results)]
    return "\n".join(lines) + "\n"


def default_report_path() -> Path:
    return user_log_dir() / REPORT_NAME


def write_report(results: list[CheckResult], path: Path | None = None) -> Path:
    target = path or default_report_path()
    with atomic_path(target) as temp:
        temp.write_text(report_text(results), encoding="utf-8")
    return target
