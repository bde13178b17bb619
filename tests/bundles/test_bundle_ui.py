"""File → Export/Import feedback bundle…, the preview and report, the conflicts view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kastedesk import i18n
from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.ui.bundles.export_dialog import ExportDialog
from kastedesk.ui.bundles.import_dialog import ImportDialog
from tests.bundles.conftest import add_registry, add_workshop, type_responses


def _source(laptop):
    a = laptop("a")
    reg = add_registry(a)
    first = add_workshop(a, reg)
    second = add_workshop(a, reg, "Työpaja A Seinäjoki")
    type_responses(a, first, [5, 4, 3])
    type_responses(a, second, [1])
    return a, first, second


def _table(model) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_file_menu_has_the_two_bundle_actions(make_window, laptop) -> None:
    window = make_window(laptop("a"))
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    at = texts.index("E&xport feedback bundle…")
    assert texts[at + 1] == "&Import feedback bundle…"
    assert texts.index("&Back up database…") < at < texts.index("Look around in the &demo data")
    window.set_language("fi")
    assert window.bundles.export_action.text() == "V&ie palautenippu…"
    window.set_language("sv")
    assert window.bundles.import_action.text() == "&Importera responspaket…"


def test_export_dialog_all_or_chosen_workshops(qtbot, laptop, tmp_path) -> None:
    a, _first, second = _source(laptop)
    dialog = ExportDialog(a)
    qtbot.addWidget(dialog)
    assert "none yet" in dialog.since_last.text()
    assert not dialog.workshops.isEnabled()
    dialog.chosen_button.setChecked(True)
    assert dialog.workshops.isEnabled()
    dialog.choose_file()  # nothing ticked: says so, asks for no file
    assert dialog.message.text() == "Choose at least one workshop."
    for n in range(dialog.workshops.count()):
        item = dialog.workshops.item(n)
        if item.data(Qt.ItemDataRole.UserRole) == second:
            assert "1 response" in item.text()
            item.setCheckState(Qt.CheckState.Checked)
    path = tmp_path / "one.kastebundle"
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.export_to(path)
    assert dialog.summary.workshops == 1 and dialog.summary.responses == 1
    assert path.exists()
    again = ExportDialog(a)
    qtbot.addWidget(again)
    assert "none yet" not in again.since_last.text()


def test_import_preview_then_import_then_nothing_new(make_window, laptop, qtbot, tmp_path):
    a, _first, _second = _source(laptop)
    path = tmp_path / "a.kastebundle"
    export_bundle(a, path)
    b = laptop("b")
    window = make_window(b)
    dialog = window.bundles.import_bundle(str(path))
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    rows = _table(dialog.model)
    assert rows[0] == ["New", "2", "1", "4", "0"]
    assert "Lasten ja perheiden palvelut" in dialog.details.text()
    assert dialog.import_button.isEnabled()
    with b.read() as session:  # the preview wrote nothing
        assert session.scalar(select(func.count()).select_from(FeedbackResponse)) == 0
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert not dialog.close_button.isEnabled()  # no cancelling half-way
        dialog.reject()  # what Escape does
    assert rejected == []
    assert dialog.close_button.isEnabled()
    assert dialog.heading.text().startswith("Imported a.kastebundle")
    assert dialog.close_button.text() == "Close"
    # the tabs show the imported data at once
    feedback = window.findChild(type(window._pages[3]), "tab_feedback")
    origins = _table(feedback.exchange.origins)
    assert {r[2] for r in origins} == {origins[0][2]} and origins[0][2] != "this computer"
    dialog.reject()

    second = window.bundles.import_bundle(str(path))
    qtbot.waitUntil(lambda: second.plan is not None, timeout=10_000)
    assert _table(second.model)[2] == ["Unchanged", "2", "1", "4", "0"]
    assert not second.import_button.isEnabled()
    assert "nothing to import" in second.details.text()
    second.reject()


def test_escape_waits_while_the_bundle_is_written(laptop, qtbot, tmp_path, monkeypatch):
    import threading

    from kastedesk.ui.bundles import export_dialog

    a, _first, _second = _source(laptop)
    go_on = threading.Event()
    monkeypatch.setattr(
        export_dialog, "export_bundle", lambda *args: (go_on.wait(10), export_bundle(*args))[1]
    )
    dialog = ExportDialog(a)
    qtbot.addWidget(dialog)
    dialog.show()
    path = tmp_path / "all.kastebundle"
    dialog.export_to(path)
    dialog.reject()  # what Escape and the close button do
    assert dialog.isVisible() and dialog.result() == 0
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        go_on.set()
    assert dialog.summary is not None and path.exists()  # the window hears how it ended


def test_cancelled_while_planning_the_dialog_goes_and_the_plan_reaches_nothing(
    make_window, laptop, qtbot, tmp_path, monkeypatch
):
    """A closed dialog is deleted (kastedesk/ui/modal.py) while its planning may still run
    in a worker thread: the plan that arrives afterwards is dropped, not shown in a
    deleted window."""
    import threading

    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    a, _first, _second = _source(laptop)
    path = tmp_path / "a.kastebundle"
    export_bundle(a, path)
    window = make_window(laptop("b"))
    go_on = threading.Event()
    read_and_plan = ImportDialog._read_and_plan
    monkeypatch.setattr(
        ImportDialog, "_read_and_plan", lambda self: (go_on.wait(10), read_and_plan(self))[1]
    )
    dialog = window.bundles.import_bundle(str(path))
    dialog.reject()  # Cancel while the bundle is read and planned
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the event loop's
    assert not shiboken6.isValid(dialog)
    go_on.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # the worker's signal, had it anywhere to go
    assert dialog.plan is None  # _planned never ran on the deleted dialog


def test_bad_bundle_is_refused_in_the_dialog(laptop, qtbot, tmp_path) -> None:
    b = laptop("b")
    path = tmp_path / "bad.kastebundle"
    path.write_bytes(b"not a bundle")
    dialog = ImportDialog(b, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.error), timeout=10_000)
    assert "Nothing was changed" in dialog.heading.text()
    assert "not a KasteDesk bundle" in dialog.details.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_conflict_is_shown_and_resolved_in_the_feedback_tab(make_window, laptop, qtbot, tmp_path):
    a, first, _second = _source(laptop)
    shared = tmp_path / "shared.kastebundle"
    export_bundle(a, shared)
    b = laptop("b")
    import_bundle(b, shared)
    for db, wid, attended in ((a, first, 30), (b, None, 31)):
        wid = wid or next(w.id for w in list_workshops(b) if w.title == "Työpaja A Vaasa")
        data = workshop_data(db, wid)
        data.attended = attended
        update_workshop(db, wid, data)
    newer = tmp_path / "newer.kastebundle"
    export_bundle(a, newer)
    window = make_window(b)
    dialog = window.bundles.import_bundle(str(newer))
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert _table(dialog.model)[3] == ["Conflicts", "1", "0", "0", "0"]
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert not dialog.conflicts_button.isHidden()
    dialog.conflicts_button.click()
    page = window.tabs.currentWidget()
    assert page.objectName() == "tab_feedback"
    view = page.exchange
    assert page.inner.currentWidget() is view
    assert _table(view.conflicts)[0][:2] == ["Workshop", "Työpaja A Vaasa"]
    assert ["Attended", "31", "30"] in _table(view.differences)
    assert view.conflicts_label.text().startswith("1 conflict")
    assert view.take_button.isEnabled()
    view.take_button.click()
    assert view.conflicts.rowCount() == 0
    assert view.conflicts_label.text() == "No conflicts from imported bundles."
    assert next(w for w in list_workshops(b) if w.title == "Työpaja A Vaasa").attended == 30
    i18n.set_language("en")


def test_exchange_view_follows_the_language(make_window, laptop) -> None:
    window = make_window(laptop("a"))
    page = window.findChild(type(window._pages[3]), "tab_feedback")
    window.set_language("fi")
    assert page.inner.tabText(2) == "Alkuperä ja ristiriidat"
    assert page.exchange.keep_button.text() == "&Säilytä tämän tietokannan versio"
    window.set_language("sv")
    assert page.inner.tabText(2) == "Ursprung och konflikter"
    assert isinstance(page.exchange.origins.headerData(2, Qt.Orientation.Horizontal), str)


def test_origins_name_this_computer_and_the_sender(make_window, laptop, tmp_path) -> None:
    a, _first, _second = _source(laptop)
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    import_bundle(b, out)
    wid = next(w.id for w in list_workshops(b) if w.title == "Työpaja A Vaasa")
    type_responses(b, wid, [2, 2])
    window = make_window(b)
    page = window.findChild(type(window._pages[3]), "tab_feedback")
    page.show_exchange()
    rows = {(r.workshop, r.installation): r.responses for r in page.exchange.origins.all_rows()}
    sender = next(r.installation for r in page.exchange.origins.all_rows() if r.responses == 3)
    assert rows[("Työpaja A Vaasa", "this computer")] == 2
    assert rows[("Työpaja A Vaasa", sender)] == 3
    assert rows[("Työpaja A Seinäjoki", sender)] == 1
    assert sender != "this computer"


def test_a_bundle_given_at_start_opens_the_import_preview(
    make_window, laptop, tmp_path, qtbot
) -> None:
    """Explorer opens a .kastebundle with KasteDesk: the window offers its import."""
    a, _first, _second = _source(laptop)
    bundle = tmp_path / "a.kastebundle"
    export_bundle(a, bundle)
    window = make_window(laptop("b"))
    window.open_path_later(bundle)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None)
    dialog = window.findChild(ImportDialog)
    assert dialog.isVisible() and dialog.path == bundle
    dialog.reject()


# The test closes the engine's pool while the dialog's import holds a connection;
# psycopg then warns when that connection is collected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_losing_side_of_two_imports_gets_a_message(laptop, qtbot, tmp_path, monkeypatch):
    import sqlite3

    from kastedesk.storage import database
    from tests.db_support import ON_POSTGRES

    a, _first, _second = _source(laptop)
    path = tmp_path / "a.kastebundle"
    export_bundle(a, path)
    b = laptop("b")
    dialog = ImportDialog(b, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(database, "FIRST_TRY_MS", 50)  # the short try before "waiting"
    b.engine.dispose()  # new connections wait 0.2 s only
    if ON_POSTGRES:  # the other import holds the write turn
        import psycopg

        conninfo = b.url.set(drivername="postgresql").render_as_string(hide_password=False)
        winner = psycopg.connect(conninfo)
        winner.execute(f"SELECT pg_advisory_xact_lock({database.WRITE_LOCK_KEY})")
    else:
        winner = sqlite3.connect(b.url.database, isolation_level=None)
        winner.execute("BEGIN EXCLUSIVE")  # the other import, still writing
    try:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        # First the backup (on a server a SQLite snapshot: seconds on a loaded machine).
        qtbot.waitUntil(lambda: bool(dialog.error), timeout=40_000)
    finally:
        winner.rollback()
        winner.close()
    assert dialog.error == "The database is busy: another program is writing to it. Try again."
    assert dialog.close_button.isEnabled()
    with b.read() as session:
        assert session.scalar(select(func.count()).select_from(FeedbackResponse)) == 0
