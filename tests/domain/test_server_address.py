from __future__ import annotations

import pytest

from kastedesk.domain.server_address import ServerAddress, parse_server_address
from kastedesk.domain.validation import ValidationError


def test_a_typed_address_is_trimmed_and_the_port_defaults() -> None:
    assert parse_server_address(" db.office.fi ", "", " kastedesk ", " aino ") == ServerAddress(
        "db.office.fi", 5432, "kastedesk", "aino"
    )
    assert parse_server_address("db", "6543", "k", "u").port == 6543


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        (("", "5432", "k", "u"), {"host"}),
        (("db", "0", "k", "u"), {"port"}),
        (("db", "70000", "k", "u"), {"port"}),
        (("db", "５４３２", "k", "u"), {"port"}),
        (("db", "x", "", ""), {"port", "database", "user"}),
        (("db\nevil", "5432", "k", "u"), {"host"}),
        (("db", "5432", "k" * 64, "u"), {"database"}),
    ],
)
def test_each_wrong_field_is_named(fields: tuple[str, str, str, str], bad: set[str]) -> None:
    with pytest.raises(ValidationError) as info:
        parse_server_address(*fields)
    assert set(info.value.errors) == bad
