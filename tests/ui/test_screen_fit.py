"""At 1920×1080 and 150 % scaling (about 1280×672 available) every window fits.

The available area is patched to that size; each dialog is opened as the
program opens it, and must fit with its OK/Cancel (or Close) buttons on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QWidget

from kastedesk.domain.registry import DocLanguages
from kastedesk.storage.database import Database
from kastedesk.ui import screen_fit
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.restore_dialog import RestoreDialog

AVAILABLE = QRect(0, 0, 1280, 672)  # 1920×1080 at 150 %, taskbar at the bottom


@pytest.fixture
def small_screen(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QRect]:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(AVAILABLE))
    fitter = screen_fit.install(qapp)
    yield AVAILABLE
    qapp.removeEventFilter(fitter)
    fitter.setParent(None)
    fitter.deleteLater()


def visible_on_screen(widget: QWidget, window: QWidget) -> bool:
    """*widget* is shown and lies wholly inside *window*, which lies inside the area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return widget.isVisible() and inside and AVAILABLE.contains(window.frameGeometry())


def buttons(dialog: QWidget) -> list[QAbstractButton]:
    return [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]


def must_see(dialog: QWidget) -> list[QWidget]:
    """OK/Cancel/Close; the keyboard-only feedback entry shows its key hints instead."""
    hints = [w for w in (getattr(dialog, "hint_label", None),) if isinstance(w, QWidget)]
    return [*buttons(dialog), *hints]


def check_fits(qtbot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.minimumSizeHint()
    name = type(dialog).__name__
    assert size.width() <= AVAILABLE.width() and size.height() <= AVAILABLE.height(), (name, size)
    assert AVAILABLE.contains(dialog.frameGeometry()), (name, dialog.frameGeometry())
    shown = must_see(dialog)
    assert shown, f"{name} has no button box"
    for button in shown:
        if not button.isHidden():
            assert visible_on_screen(button, dialog), (name, button.text())
    if isinstance(dialog, FormDialog):
        # Every field refused at once: the error lines make the form longest.
        message = "Tieto puuttuu tai on virheellinen; korjaa kenttä ennen tallennusta."
        dialog.form.show_errors({field: message for field in ["", *dialog.form._fields]})
        dialog.adjustSize()
        screen_fit.fit_to_screen(dialog)
        tallest = dialog.minimumSizeHint()
        assert tallest.height() <= AVAILABLE.height(), (name, tallest)
        for button in shown:
            assert visible_on_screen(button, dialog), (name, "with errors", button.text())
    dialog.close()


def test_the_main_window_fits_on_every_tab(small_screen, make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.resize(1600, 1000)  # as saved on a bigger screen
    window.show()
    qtbot.waitExposed(window)
    assert AVAILABLE.contains(window.frameGeometry()), window.frameGeometry()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= AVAILABLE.width(), (index, minimum)
        assert minimum.height() <= AVAILABLE.height(), (index, minimum)


def test_a_window_shown_partly_off_screen_is_moved_onto_it(small_screen, qtbot) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(400, 300)
    dialog.move(1100, 600)
    dialog.show()
    assert AVAILABLE.contains(dialog.frameGeometry())


def _bundle(db: Database, tmp_path: Path) -> Path:
    from kastedesk.services.bundles.exporter import export_bundle

    path = tmp_path / "palaute.kastebundle"
    export_bundle(db, path)
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


def dialog_factories(tmp_path: Path) -> dict[str, Callable[[Database], QWidget]]:
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
    from kastedesk.ui.feedback.entry import FeedbackEntryDialog
    from kastedesk.ui.feedback.forms import FormEditorDialog
    from kastedesk.ui.feedback.import_dialog import ImportResponsesDialog
    from kastedesk.ui.feedback.responses import ResponsesDialog
    from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog
    from kastedesk.ui.meetings.details_form import NewMeetingDialog
    from kastedesk.ui.meetings.document_dialog import DocumentDialog
    from kastedesk.ui.meetings.missing_texts import MissingTextsDialog
    from kastedesk.ui.meetings.new_item_dialog import NewItemDialog
    from kastedesk.ui.meetings.phrase_dialog import PhraseDialog
    from kastedesk.ui.meetings.vote_dialogs import DisqualifiedDialog, VoteDialog
    from kastedesk.ui.members.end_dialog import EndMembershipDialog
    from kastedesk.ui.members.group_dialog import GroupDialog
    from kastedesk.ui.members.member_dialog import MemberDialog
    from kastedesk.ui.members.project_dialog import ProjectDialog
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
        "disqualified": lambda db: DisqualifiedDialog(7, _voters(24), [3, 4], save),
        "vote": lambda db: VoteDialog(7, _voters(24), ("fi", "sv"), _vote_by_name(), save),
    }


def _backlog_dialog(db: Database) -> QWidget:
    """Thirty items waiting: the list scrolls, the buttons stay on screen."""
    from kastedesk.services import backlog
    from kastedesk.services.meeting_views import list_meetings
    from kastedesk.ui.meetings.backlog_dialog import BacklogDialog

    meeting = next(m for m in list_meetings(db, 1) if m.status != "approved")
    for n in range(30):
        backlog.park_item(db, 1, backlog.ParkedFields(f"Odottava asia numero {n} " * 4))
    return BacklogDialog(db, meeting.id, 1, ("fi", "sv"))


def _voters(count: int) -> list:
    from kastedesk.domain.votes import Voter

    return [Voter(n, f"Jäsen Jäseninen-Nummero {n}", True, False, True) for n in range(count)]


def _vote_by_name():
    """A vote by name over a whole steering group: the dialog at its tallest."""
    from kastedesk.services.meeting_views import VoteRow

    ballots = tuple((n, "yes" if n % 2 else "no") for n in range(24))
    return VoteRow(1, "Esittelijän ehdotus", "Föredragandens förslag", "Muutos", "Ändring",
                   True, 12, 12, 0, "yes", ballots)  # fmt: skip


def _cost_import(db: Database, tmp_path: Path, costs_import) -> QWidget:
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
    "server", "waiting items", "user guide", "keyboard shortcuts", "disqualified", "vote",
]  # fmt: skip


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_with_its_buttons_on_screen(
    name: str, small_screen, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    dialog = dialog_factories(tmp_path)[name](demo_db)
    check_fits(qtbot, dialog)


def test_every_dialog_class_is_checked(tmp_path: Path) -> None:
    """A new dialog gets added to DIALOGS (the list above is complete)."""
    import kastedesk.ui

    root = Path(kastedesk.ui.__file__).parent
    classes = {
        (path.name, line.split("(")[0].removeprefix("class ").strip())
        for path in root.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("class ") and ("(QDialog)" in line or "(FormDialog)" in line)
    }
    assert len(classes) == len(DIALOGS) == len(dialog_factories(tmp_path))


def test_the_program_fits_every_window_from_the_start(qapp: QApplication) -> None:
    from kastedesk.ui.app import create_application

    names = qapp.organizationName(), qapp.applicationName(), qapp.applicationVersion()
    try:
        assert create_application() is qapp
        fitter = qapp.findChild(screen_fit.ScreenFitter)
        assert fitter is not None
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
        qapp.setApplicationVersion(names[2])
    qapp.removeEventFilter(fitter)
    fitter.setParent(None)
    fitter.deleteLater()
