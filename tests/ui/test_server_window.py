"""The window on a server database: connecting, live updates from others, authors.

The dialog tests need no server; the others run with ``make test-pg``.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QSettings

from kastedesk.services import registry
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.ui.server_dialog import ServerDialog, last_server_address, open_server
from tests.db_support import ON_POSTGRES, db_arg

needs_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs a server: make test-pg")


def test_wrong_fields_are_shown_next_to_them_and_nothing_connects(qtbot) -> None:
    tried = []
    dialog = ServerDialog(tried.append)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.toimisto.fi")
    dialog.port.setText("99999")
    dialog.accept()
    assert dialog.isVisible() or dialog.result() != ServerDialog.DialogCode.Accepted
    assert "65535" in dialog.form.error_text("port")
    assert dialog.form.error_text("database") and dialog.form.error_text("user")
    assert tried == []


def test_an_unreachable_server_is_named_in_the_dialog_which_stays_open(qtbot) -> None:
    dialog = ServerDialog(lambda request: open_server(request)[0])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("127.0.0.1")
    dialog.port.setText("1")
    dialog.database.setText("kastedesk")
    dialog.user.setText("aino")
    dialog.password.setText("salainen")
    dialog.accept()
    assert dialog.isVisible()
    message = dialog.form.error_text("")
    assert "Cannot reach the database server" in message
    assert "salainen" not in message
    assert dialog.password.text() == "salainen"  # typing kept for another try


@needs_server
def test_connecting_through_the_window_remembers_the_server_without_its_password(
    make_window, db: Database, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(db)
    url = db.url
    monkeypatch.setattr(ServerDialog, "exec", lambda self: self._fill_and_accept())

    def fill_and_accept(dialog: ServerDialog) -> int:
        dialog.host.setText(str(url.host or url.query.get("host")))
        dialog.port.setText(str(url.port or 5432))
        dialog.database.setText(str(url.database))
        dialog.user.setText(str(url.username))
        dialog.password.setText("not-needed-here")
        dialog.accept()
        return int(dialog.result())

    ServerDialog._fill_and_accept = fill_and_accept  # type: ignore[attr-defined]
    try:
        assert window.open_server_dialog()
    finally:
        del ServerDialog._fill_and_accept  # type: ignore[attr-defined]
    assert window.db is not db and window.db.url.database == url.database
    remembered = str(settings.value("database/last"))
    assert "not-needed-here" not in remembered
    address = last_server_address(settings)
    assert address is not None and address.database == url.database
    window.close()
    window.db.dispose()  # run_gui does this when the window closes


@needs_server
def test_another_window_s_save_shows_within_seconds_keeping_the_selection(
    make_window, demo_db: Database
) -> None:
    window = make_window(demo_db)
    window.tabs.setCurrentIndex(0)
    page = window.page("members")
    target = registry.member_rows(demo_db, 1)[3]
    page.select_membership(target.membership_id)
    other = open_database(resolve_url(db_arg(demo_db)))
    try:
        assert not window.check_outside_changes()
        changed = dataclasses.replace(target.person_data(), phone="050 765 4321")
        registry.update_member(
            other, target.membership_id, changed, target.membership_data(), target.versions
        )
        deadline = time.monotonic() + 3
        while not window.check_outside_changes():
            assert time.monotonic() < deadline, "not seen within 3 s"
            time.sleep(0.1)
    finally:
        other.dispose()
    selected = page.selected_row()
    assert selected is not None
    assert (selected.membership_id, selected.phone) == (target.membership_id, "050 765 4321")


def test_the_chosen_name_is_the_author_of_saves(
    make_window, demo_db: Database, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    window = make_window(demo_db)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("Aino\nSihteeri", True))
    )
    assert window.choose_author_name()
    assert window.db.author == "Aino Sihteeri"  # one line
    row = registry.member_rows(demo_db, 1)[0]
    changed = dataclasses.replace(row.person_data(), phone="040 123 4567")
    registry.update_member(demo_db, row.membership_id, changed, row.membership_data(), None)
    from kastedesk.storage.models.registry import Person

    with demo_db.read() as s:
        assert s.get(Person, row.person_id).updated_by == "Aino Sihteeri"


def test_a_lost_connection_while_saving_keeps_the_dialog_and_its_typing(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import psycopg
    from PySide6.QtWidgets import QLineEdit, QMessageBox
    from sqlalchemy.exc import OperationalError

    from kastedesk.ui import crash
    from kastedesk.ui.dialog_base import FormDialog

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    attempts: list[str] = []

    def save(text: object) -> object:
        attempts.append(str(text))
        if len(attempts) == 1:  # the server went away under this save
            lost = psycopg.OperationalError("server closed the connection unexpectedly")
            raise OperationalError("UPDATE person SET phone=%(phone)s", {"phone": "x"}, lost)
        return text

    class PhoneDialog(FormDialog):
        def __init__(self) -> None:
            super().__init__(save)
            self.phone = self.form.add_field("phone", lambda: "Phone", QLineEdit())

        def collect(self) -> object:
            return self.phone.text()

    dialog = PhoneDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.phone.setText("040 765 4321")
    try:
        dialog.accept()
    except OperationalError:
        crash._excepthook(*sys.exc_info())
    assert dialog.isVisible() and dialog.phone.text() == "040 765 4321"
    assert shown and "connection to the database server was lost" in shown[0]
    assert "UPDATE" not in shown[0]
    dialog.accept()  # the server is back: the same typing is saved
    assert not dialog.isVisible() and attempts == ["040 765 4321", "040 765 4321"]


@needs_server
def test_window_restores_a_server_database_from_its_backups(
    make_window, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import func, select

    from kastedesk.domain.backup_retention import BackupReason
    from kastedesk.services.demo import load_demo
    from kastedesk.storage.backup_store import auto_backup, list_backups
    from kastedesk.storage.models.registry import Person

    def people() -> int:
        with window.db.read() as s:
            return int(s.scalar(select(func.count(Person.id))) or 0)

    load_demo(db)
    window = make_window(db)
    before = people()
    window.backup_on_open()  # the day's automatic backup: a SQLite snapshot of the server
    window.wait_for_backup()
    [entry] = list_backups(db.url)
    assert entry.reason is BackupReason.OPEN and entry.counts and entry.counts.people == before
    with db.session() as s:
        s.add(Person(first_name="Uusi", last_name="Myöhemmin"))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _parent, _title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    dialog = window.restore_from_backup_dialog()
    assert dialog is not None and dialog.model.rowCount() == 1
    dialog.accept()
    assert asked and "for everyone using it" in asked[0]
    assert people() == before
    assert "kept as" in window.statusBar().currentMessage()
    assert auto_backup(db, BackupReason.OPEN) is None  # still once a day
    window.close()


def _server_away(database: str, away: bool) -> None:
    """The database refuses new connections and its sessions are cut (a server restart)."""
    from sqlalchemy import text

    from tests.db_support import admin_engine

    admin = admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(
                text(f"ALTER DATABASE {database} ALLOW_CONNECTIONS {'false' if away else 'true'}")
            )
            if away:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": database},
                )
    finally:
        admin.dispose()


@needs_server
def test_the_server_going_away_mid_edit_keeps_the_dialog_its_typing_and_draft(
    make_window, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy.exc import SQLAlchemyError

    from kastedesk.ui import crash
    from kastedesk.ui.draft_keeper import DraftKeeper, draft_store

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = make_window(demo_db)
    members = window.page("members")
    members.view.selectRow(0)
    row = members.selected_row()
    name = str(demo_db.url.database)
    store = draft_store(demo_db)
    seen: list[tuple[object, ...]] = []

    def type_then_save(dialog) -> bool:
        dialog.phone.setText("040 765 4321")
        for keeper in dialog.findChildren(DraftKeeper):
            keeper.keep_now()
        _server_away(name, True)
        try:
            try:
                dialog.accept()
            except SQLAlchemyError:  # what Qt hands to the program's excepthook
                crash._excepthook(*sys.exc_info())
            assert not window.check_outside_changes()  # the window goes on, quietly
            seen.append(
                (dialog.result(), dialog.phone.text(), [d.key for d in store.all()], list(shown))
            )
        finally:
            _server_away(name, False)
        dialog.accept()  # the server is back: the same typing is saved
        return dialog.result() == QMessageBox.DialogCode.Accepted

    members.run_dialog = type_then_save
    members.edit_member()
    [(result, phone, drafts, messages)] = seen
    assert result != QMessageBox.DialogCode.Accepted and phone == "040 765 4321"
    assert drafts == [f"member-{row.membership_id}"]  # kept on disk meanwhile
    assert len(messages) == 1 and "connection to the database server was lost" in messages[0]
    assert name not in messages[0] and "UPDATE" not in messages[0]
    rows = registry.member_rows(demo_db, row.group_id)
    [saved] = [r for r in rows if r.membership_id == row.membership_id]
    assert saved.phone == "040 765 4321"
    assert window.check_outside_changes()  # listening again; what happened meanwhile is read
    window.close()
