"""Every window state and dialog of KasteDesk, for the tests that walk them all.

``dialog_factories`` builds each dialog class as the program opens it (on the
demo database); ``DIALOGS`` names them for ``pytest.mark.parametrize``.
``window_states`` shows the main window's tabs one by one, and inside each the
sub-tabs (the meeting editor's with a meeting open), yielding a readable name
for each state. The screen-fit, mnemonic, accessibility, focus and error-message
tests all use this one registry, so a new dialog is checked by all of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from kastedesk.domain.registry import DocLanguages
from kastedesk.storage.database import Database
from kastedesk.ui.main_window import MainWindow
from kastedesk.ui.restore_dialog import RestoreDialog

_bundles: dict[str, Path] = {}


def _bundle(db: Database, tmp_path: Path) -> Path:
    """A bundle of the demo data, exported once per test process.

    Every test's demo database is a copy of one file (tests/conftest.py), so one
    export serves them all: the import dialog only plans what the bundle would change.
    """
    from kastedesk.services.bundles.exporter import export_bundle

    path = _bundles.get("demo")
    if path is None or not path.is_file():
        path = tmp_path / "palaute.kastebundle"
        export_bundle(db, path)
        _bundles["demo"] = path
    return path


def _member_import(tmp_path: Path):
    from kastedesk.services import member_import
    from kastedesk.services.table_files import read_table
    from kastedesk.ui.members.import_dialog import ImportDialog

    rows = "\n".join(f"Etu{n};Suku{n};etu{n}@kunta.fi;Vaasa" for n in range(200))
    path = tmp_path / "jäsenet.csv"
    path.write_text("Etunimi;Sukunimi;Sähköposti;Kunta\n" + rows, encoding="utf-8")
    table = read_table(path)
    return lambda db: ImportDialog(
        path.name,
        table,
        member_import.guess_mapping(table.headers),
        lambda mapping: member_import.preview_import(db, 1, table, mapping),
        lambda mapping: member_import.run_import(db, 1, table, mapping),
    )


def dialog_factories(tmp_path: Path) -> dict[str, Callable[[Database], QDialog]]:
    """{name: a function building that dialog on the demo database}, as the program opens it.

    A new dialog class is added here (and to DIALOGS); test_every_dialog_class_is_listed
    fails until it is.
    """
    from kastedesk.domain.item_languages import MissingText
    from kastedesk.services import costs, costs_import, costs_report
    from kastedesk.services.workshops import list_workshops
    from kastedesk.ui.bundles.export_dialog import ExportDialog
    from kastedesk.ui.bundles.import_dialog import ImportDialog as BundleImportDialog
    from kastedesk.ui.costs.dialogs import AttachDialog, EntryDialog
    from kastedesk.ui.costs.setup_dialog import SetupDialog
    from kastedesk.ui.evaluation.dialogs import (
        ChecklistDialog,
        GoalDialog,
        MeasureDialog,
        RoundDialog,
        TextDialog,
        workshop_items,
    )
    from kastedesk.ui.feedback.blank_dialog import BlankFormsDialog
    from kastedesk.ui.feedback.entry import FeedbackEntryDialog
    from kastedesk.ui.feedback.forms import FormEditorDialog
    from kastedesk.ui.feedback.import_dialog import ImportResponsesDialog
    from kastedesk.ui.feedback.responses import ResponsesDialog
    from kastedesk.ui.meetings.approve_dialog import ApproveDialog
    from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog
    from kastedesk.ui.meetings.details_form import NewMeetingDialog
    from kastedesk.ui.meetings.document_dialog import DocumentDialog
    from kastedesk.ui.meetings.extract_dialog import ExtractDialog
    from kastedesk.ui.meetings.missing_texts import MissingTextsDialog
    from kastedesk.ui.meetings.new_item_dialog import NewItemDialog
    from kastedesk.ui.meetings.phrase_dialog import PhraseDialog
    from kastedesk.ui.meetings.vote_dialogs import DisqualifiedDialog, VoteDialog
    from kastedesk.ui.members.end_dialog import EndMembershipDialog
    from kastedesk.ui.members.group_dialog import GroupDialog
    from kastedesk.ui.members.member_dialog import MemberDialog
    from kastedesk.ui.members.project_dialog import ProjectDialog
    from kastedesk.ui.welcome.setup_wizard import ProjectSetupWizard
    from kastedesk.ui.workshops.copy_dialog import CopyWorkshopDialog
    from kastedesk.ui.workshops.editor import WorkshopDialog
    from kastedesk.ui.workshops.modules_dialog import ModulesDialog

    responses = tmp_path / "webropol.csv"
    responses.write_text(
        "Vastaaja;Kokonaisuutena\n" + "\n".join(f"{n};{n % 5 + 1}" for n in range(40)),
        encoding="utf-8",
    )

    from kastedesk.ui.help.help_window import HelpWindow
    from kastedesk.ui.help.shortcuts import ShortcutRow, ShortcutsDialog
    from kastedesk.ui.server_dialog import ServerDialog

    def save(_data: object) -> int:
        return 1

    return {
        "bundle export": lambda db: ExportDialog(db),
        "bundle import": lambda db: BundleImportDialog(db, _bundle(db, tmp_path)),
        "form editor": lambda db: FormEditorDialog(db),
        "feedback entry": lambda db: FeedbackEntryDialog(db, list_workshops(db)[0].id),
        "new meeting": lambda db: NewMeetingDialog(db, 1, "fi+sv", dt.date(2026, 11, 29)),
        "document": lambda db: DocumentDialog(
            "Esityslista", DocLanguages.FI_SV, lambda _l, _p: tmp_path / "a.docx", "", save
        ),
        "decision register": lambda db: DecisionRegisterDialog(db),
        "disqualified": lambda db: DisqualifiedDialog(7, _voters(24), [3, 4], save),
        "vote": lambda db: VoteDialog(7, _voters(24), ("fi", "sv"), _vote_by_name(), save),
        "start my project": lambda db: ProjectSetupWizard(db),
        "approve minutes": lambda db: ApproveDialog(
            "Ohjausryhmän 6. kokous", dt.date(2026, 11, 30), save
        ),
        "end membership": lambda db: EndMembershipDialog("Åsa Häggblom", "Ohjausryhmä", save),
        "group": lambda db: GroupDialog(None, save),
        "member": lambda db: MemberDialog(None, [], save, []),
        "member import": _member_import(tmp_path),
        "project": lambda db: ProjectDialog(None, save),
        "modules": lambda db: ModulesDialog(db, 1),
        "workshop": lambda db: WorkshopDialog(db, None, 1),
        "copy workshop": lambda db: CopyWorkshopDialog(db, list_workshops(db)[0]),
        "response import": lambda db: ImportResponsesDialog(
            db, list_workshops(db)[0].id, responses
        ),
        "responses": lambda db: ResponsesDialog(db, list_workshops(db)[0].id),
        "cost setup": lambda db: SetupDialog(
            costs.load_book(db, 1).categories, costs.load_book(db, 1).funding, save
        ),
        "cost entry": lambda db: EntryDialog(
            costs.load_book(db, 1).partners, costs.load_book(db, 1).categories, save
        ),
        "cost import": lambda db: _cost_import(db, tmp_path, costs_import),
        "restore from backup": lambda db: RestoreDialog(Path(str(db.url.database))),
        "cost attach": lambda db: AttachDialog(
            costs_report.agenda_items_of_project(db, 1, "fi"), "fi"
        ),
        "evaluation goal": lambda db: GoalDialog(save, None),
        "evaluation measure": lambda db: MeasureDialog(save, None),
        "evaluation round": lambda db: RoundDialog(save),
        "evaluation comment": lambda db: TextDialog("Kommentti", "Kuntakäynnit – Pohjanmaa", "x"),
        "evaluation checklist": lambda db: ChecklistDialog(
            "Näyttötyöpajat", "Valitse työpajat", workshop_items(list_workshops(db)), [1]
        ),
        "new item": lambda db: NewItemDialog(("fi", "sv"), save),
        "missing texts": lambda db: MissingTextsDialog(
            [MissingText(n, f"Asia {n}", "sv", ("title", "proposal")) for n in range(7, 30)]
        ),
        "standard texts": lambda db: PhraseDialog(db, 1),
        "server": lambda db: ServerDialog(save),
        "waiting items": _backlog_dialog,
        "user guide": lambda db: HelpWindow(),
        "keyboard shortcuts": lambda db: ShortcutsDialog(
            [ShortcutRow("Kokoukset", f"Toiminto {n}", "Ctrl+Vaihto+N") for n in range(60)]
        ),
        "blank forms": lambda db: BlankFormsDialog(db, list_workshops(db)[0].id, tmp_path),
        "extract": lambda db: ExtractDialog(
            [f"{n} §  Talousraportti ja toimintasuunnitelma" for n in range(7, 20)],
            DocLanguages.FI_SV,
            lambda _languages, _pdf: tmp_path / "ote.docx",
            "",
            lambda _request: tmp_path / "ote.docx",
            dt.date(2026, 12, 1),
        ),
    }


def _voters(count: int) -> list:
    from kastedesk.domain.votes import Voter

    return [Voter(n, f"Jäsen Jäseninen-Nummero {n}", True, False, True) for n in range(count)]


def _vote_by_name():
    """A vote by name over a whole steering group: the dialog at its tallest."""
    from kastedesk.services.meeting_views import VoteRow

    ballots = tuple((n, "yes" if n % 2 else "no") for n in range(24))
    return VoteRow(1, "Esittelijän ehdotus", "Föredragandens förslag", "Muutos", "Ändring",
                   True, 12, 12, 0, "yes", ballots)  # fmt: skip


def _backlog_dialog(db: Database) -> QDialog:
    """Thirty items waiting: the list scrolls, the buttons stay on screen."""
    from kastedesk.services import backlog
    from kastedesk.services.meeting_views import list_meetings
    from kastedesk.ui.meetings.backlog_dialog import BacklogDialog
    from tests.db_support import built_once

    def park_thirty() -> None:
        for n in range(len(backlog.group_backlog(db, 1)), 30):  # built again: parked already
            backlog.park_item(db, 1, backlog.ParkedFields(f"Odottava asia numero {n} " * 4))

    built_once("thirty waiting items", db, park_thirty)  # each walk of the dialogs wants them
    meeting = next(m for m in list_meetings(db, 1) if m.status != "approved")
    return BacklogDialog(db, meeting.id, 1, ("fi", "sv"))


def _cost_import(db: Database, tmp_path: Path, costs_import: Any) -> QDialog:
    from kastedesk.ui.costs.dialogs import CostImportDialog

    book_partner = "Vaasan kaupunki"
    path = tmp_path / "kulut.csv"
    rows = "\n".join(f"{book_partner};Henkilöstökulut;{m}/2026;1 000,00" for m in range(1, 13))
    path.write_text("Osatoteuttaja;Kustannuslaji;Kausi;Summa\n" + rows, encoding="utf-8")
    table = costs_import.read_cost_file(path)
    plan = costs_import.preview_import(db, 1, table, path.name)
    return CostImportDialog(plan, lambda: plan)


DIALOGS = [
    "bundle export", "bundle import", "form editor", "feedback entry", "new meeting",
    "document", "decision register", "end membership", "group", "member", "member import",
    "project", "modules", "workshop", "copy workshop", "response import", "responses",
    "cost setup", "cost entry", "cost import", "cost attach", "restore from backup",
    "evaluation goal", "evaluation measure", "evaluation round", "evaluation comment",
    "evaluation checklist",
    "new item", "missing texts", "standard texts",
    "server", "blank forms", "waiting items", "user guide", "keyboard shortcuts", "extract",
    "approve minutes", "disqualified", "vote", "start my project",
]  # fmt: skip


def settle() -> None:
    """Let background work a dialog started on opening finish while the dialog is alive.

    (The bundle import plans in a worker thread; a job outliving its dialog and the
    test's database would touch both after they are gone.)
    """
    QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()


def shown_dialogs(qtbot: Any, db: Database, tmp_path: Path) -> Iterator[tuple[str, QDialog]]:
    """Every dialog in turn, shown and settled; closed when the caller asks for the next."""
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(db)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        yield name, dialog
        dialog.close()


def dialog_classes() -> set[type[QDialog]]:
    """Every QDialog subclass defined in kastedesk.ui (FormDialog, the base, excluded)."""
    import kastedesk.ui
    from kastedesk.ui.dialog_base import FormDialog

    found: set[type[QDialog]] = set()
    for module_info in pkgutil.walk_packages(kastedesk.ui.__path__, "kastedesk.ui."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            # A name with "_": a dialog's form embedded in a page, never a window of its own.
            mine = cls.__module__ == module.__name__ and not cls.__name__.startswith("_")
            if mine and issubclass(cls, QDialog):
                found.add(cls)
    return found - {FormDialog}


def _visible_tabs(root: QWidget) -> list[QTabWidget]:
    return [t for t in root.findChildren(QTabWidget) if t.isVisibleTo(root.window())]


def window_states(window: MainWindow, db: Database) -> Iterator[str]:
    """Show each main tab, and each page of every tab widget on it, in turn.

    The Meetings tab opens a meeting that is still being planned, so that the
    meeting editor and its own tabs (agenda, attendance, minutes …) are shown.
    Yields "Tab" or "Tab › Sub-tab" as the state now shown.
    """
    from kastedesk.services.meeting_views import list_meetings

    window.load_all_pages()  # every tab built and read, as a user who has seen them all
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        title = window.tabs.tabText(index)
        if page.objectName() == "tab_meetings":
            meeting = next(r for r in list_meetings(db, 1) if not r.agenda_sent)
            page.show_meeting(1, meeting.id)  # type: ignore[attr-defined]
        yield title
        for inner in _visible_tabs(page):
            for sub in range(inner.count()):
                inner.setCurrentIndex(sub)
                yield f"{title} › {inner.tabText(sub).replace('&', '')}"
            inner.setCurrentIndex(0)
