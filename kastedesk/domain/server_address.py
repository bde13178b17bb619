"""The server database a user types in: host, port, database and user name."""

from __future__ import annotations

from dataclasses import dataclass

from kastedesk.domain.text_limits import text_errors
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _

DEFAULT_PORT = 5432
NAME_MAX = 63  # PostgreSQL's identifier limit (database and role names)
HOST_MAX = 253  # a DNS name


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str


def parse_server_address(host: str, port: str, database: str, user: str) -> ServerAddress:
    """The address, or ValidationError naming each field that is wrong."""
    host, port, database, user = host.strip(), port.strip(), database.strip(), user.strip()
    errors = text_errors(
        [
            ("host", host, HOST_MAX, False),
            ("database", database, NAME_MAX, False),
            ("user", user, NAME_MAX, False),
        ]
    )
    for name, value in (("host", host), ("database", database), ("user", user)):
        if not value and name not in errors:
            errors[name] = _("Fill in this field.")
    number = DEFAULT_PORT
    if port:
        if port.isascii() and port.isdigit() and 1 <= int(port) <= 65535:
            number = int(port)
        else:
            errors["port"] = _("Enter a port number from 1 to 65535.")
    if errors:
        raise ValidationError(errors)
    return ServerAddress(host, number, database, user)
