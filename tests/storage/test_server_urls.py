"""Server URLs, passwords and failure sentences: no server needed."""

from __future__ import annotations

import psycopg
import pytest
from keyring.backend import KeyringBackend

from kastedesk.storage import server_password
from kastedesk.storage.database import (
    describe,
    resolve_url,
    server_database_url,
    url_to_remember,
)
from kastedesk.storage.failures import failure_message


def test_libpq_style_urls_use_psycopg_3() -> None:
    for text in ("postgresql://aino@db.office.fi/kastedesk", "postgres://aino@db/kastedesk"):
        assert resolve_url(text).drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg://a@h/d").drivername == "postgresql+psycopg"


def test_a_password_is_never_shown_or_remembered() -> None:
    url = server_database_url("db.office.fi", 5433, "kastedesk", "aino", "salainen")
    assert url.password == "salainen" and url.port == 5433
    assert "salainen" not in describe(url)
    remembered = url_to_remember(url)
    assert "salainen" not in remembered
    assert resolve_url(remembered).database == "kastedesk"
    socket = server_database_url("/run/postgresql", 5432, "k", "u")
    assert socket.query["host"] == "/run/postgresql"


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


def test_the_keyring_keeps_the_password_unless_pgpassword_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring

    memory = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        url = resolve_url("postgresql://aino@db.office.fi/kastedesk")
        assert server_password.password_for(url) is None
        assert server_password.save_password(url, "salainen")
        assert memory.saved == {("KasteDesk", "aino@db.office.fi:5432/kastedesk"): "salainen"}
        assert server_password.password_for(url) == "salainen"
        monkeypatch.setenv("PGPASSWORD", "from-the-environment")
        assert server_password.password_for(url) is None  # libpq uses PGPASSWORD itself
        server_password.forget_password(url)
        assert memory.saved == {}
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            psycopg.OperationalError('connection failed: FATAL: database "x" does not exist'),
            "does not exist on the server",
        ),
        (
            psycopg.OperationalError(
                'connection failed: FATAL: password authentication failed for user "aino"'
            ),
            "refused the login",
        ),
        (
            psycopg.OperationalError("failed to resolve host 'db.office.fi': Name unknown"),
            "Cannot reach the database server",
        ),
        (
            psycopg.OperationalError(
                'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
                "Connection refused"
            ),
            "Cannot reach the database server",
        ),
        (
            psycopg.OperationalError("consuming input failed: server closed the connection"),
            "connection to the database server was lost",
        ),
        (psycopg.errors.LockNotAvailable("lock timeout"), "busy"),
    ],
)
def test_server_failures_are_one_sentence(error: Exception, words: str) -> None:
    message = failure_message(error)
    assert message is not None and words in message
    assert "\n" not in message and "aino" not in message
