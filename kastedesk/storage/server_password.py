"""Passwords of server databases: never in a file KasteDesk writes.

libpq finds them itself in ``PGPASSWORD``, ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf``
on Windows) or a ``pg_service.conf`` service. Otherwise the window asks and may
keep the answer in the operating system's keyring (Windows Credential Manager,
macOS Keychain, Secret Service), through the ``keyring`` package, under the
service ``KasteDesk`` and the account ``user@host:port/database``.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import URL

KEYRING_SERVICE = "KasteDesk"

log = logging.getLogger(__name__)


def keyring_account(url: URL) -> str:
    user = url.username or os.environ.get("PGUSER") or ""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return f"{user}@{host}:{url.port or 5432}/{url.database or ''}"


def password_for(url: URL) -> str | None:
    """The keyring's password for *url*, unless libpq has its own (PGPASSWORD)."""
    if os.environ.get("PGPASSWORD"):
        return None
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, keyring_account(url))
        except KeyringError as exc:
            log.info("keyring not available: %s", exc)
    except Exception as exc:  # a broken keyring backend must not stop the program
        log.info("keyring failed: %s", exc)
    return None


def save_password(url: URL, password: str) -> bool:
    """Keep *password* in the OS keyring; False when there is no keyring to use."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_account(url), password)
    except Exception as exc:
        log.info("keyring cannot save: %s", exc)
        return False
    return True


def forget_password(url: URL) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, keyring_account(url))
    except Exception as exc:
        log.info("keyring cannot forget: %s", exc)
