"""File → Connect to server…: a PostgreSQL database shared by a project office."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kastedesk.domain.server_address import DEFAULT_PORT, ServerAddress, parse_server_address
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.database import Database, server_database_url
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.migrate import open_database
from kastedesk.storage.server_password import save_password
from kastedesk.ui.dialog_base import FormDialog

PASSWORD_MAX = 1000


@dataclass(frozen=True)
class ServerRequest:
    address: ServerAddress
    password: str | None  # None: PGPASSWORD, .pgpass or the keyring
    remember: bool  # keep the typed password in the system keyring


def open_server(request: ServerRequest) -> tuple[Database, bool]:
    """The opened database and whether a password to remember could not be kept.

    A server that cannot be reached, a refused login or a missing database
    raise ValidationError with the reason, for the dialog's message line.
    """
    address = request.address
    url = server_database_url(
        address.host, address.port, address.database, address.user, request.password
    )
    try:
        db = open_database(url)
    except DatabaseError as exc:
        raise ValidationError({"": str(exc)}) from exc
    not_kept = bool(request.remember and request.password) and not save_password(
        url, request.password or ""
    )
    return db, not_kept


class ServerDialog(FormDialog):
    """Host, port, database, user and an optional password; OK connects.

    *connect* gets a :class:`ServerRequest` and raises ValidationError with the
    reason (unreachable, refused login, missing database) shown in the dialog,
    which stays open for another try.
    """

    help_topic = "server"  # the user guide's page (F1)

    def __init__(
        self,
        connect: Callable[[ServerRequest], object],
        parent: QWidget | None = None,
        initial: ServerAddress | None = None,
    ) -> None:
        super().__init__(connect, parent)
        self.setWindowTitle(_("Connect to a server database"))
        self.host = self.form.add_field("host", lambda: _("&Server:"), QLineEdit())
        self.port = self.form.add_field("port", lambda: _("&Port:"), QLineEdit())
        self.port.setPlaceholderText(str(DEFAULT_PORT))
        self.database = self.form.add_field("database", lambda: _("&Database:"), QLineEdit())
        self.user = self.form.add_field("user", lambda: _("&User name:"), QLineEdit())
        self.password = self.form.add_field("password", lambda: _("Pass&word:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("empty: from .pgpass or the system keyring"))
        self.remember = QCheckBox(_("&Remember the password in the system keyring"))
        self.form.addRow(self.remember)
        for widget in (self.host, self.port, self.database, self.user, self.password):
            widget.setMaxLength(PASSWORD_MAX if widget is self.password else 253)
        if initial is not None:
            self.host.setText(initial.host)
            self.port.setText(str(initial.port))
            self.database.setText(initial.database)
            self.user.setText(initial.user)
        self.setMinimumWidth(420)

    def collect(self) -> ServerRequest:
        address = parse_server_address(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )
        password = self.password.text() or None
        return ServerRequest(address, password, self.remember.isChecked() and bool(password))


def last_server_address(settings: QSettings) -> ServerAddress | None:
    """The server database opened last (its URL is kept without a password), if any."""
    last = settings.value("database/last")
    if not isinstance(last, str) or not last.startswith("postgresql"):
        return None
    try:
        url = make_url(last)
    except ArgumentError:
        return None
    host = url.host or str(url.query.get("host") or "")
    port = url.port or int(str(url.query.get("port") or DEFAULT_PORT))
    return ServerAddress(host, port, url.database or "", url.username or "")
