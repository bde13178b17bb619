"""The same bundles give the same result on SQLite and on PostgreSQL (make test-pg)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.bundles.test_bundle_exchange import _counts, _snapshot
from tests.cli.test_db_commands import run
from tests.db_support import ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs a server: make test-pg")
PARTS = ("workshops.json", "forms.json", "responses.json")


def _parts(path: Path) -> dict[str, list]:
    """The records of each part, by UUID (their order in the file carries no meaning)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: json.loads(archive.read(name)) for name in PARTS}
    return {
        name: sorted(records, key=lambda r: r["uuid"])
        for name, body in parts.items()
        for records in body.values()
    }


def test_the_same_bundles_give_the_same_database_on_both_engines(
    tmp_path: Path, capsys, empty_pg_url: str
) -> None:
    # Two laptops in the field, on SQLite: a plans and collects, c adds and edits.
    a = open_database(resolve_url(tmp_path / "a.sqlite"))
    c = open_database(resolve_url(tmp_path / "c.sqlite"))
    try:
        reg = add_registry(a)
        workshop = add_workshop(a, reg)
        type_responses(a, workshop, [5, 4, 3], comment="Hyvä päivä – ÅÄÖ")
        first = tmp_path / "first.kastebundle"
        export_bundle(a, first)
        add_registry(c, extra_person=True)
        c_file = str(tmp_path / "c.sqlite")
        assert run(capsys, "--db", c_file, "bundle", "import", str(first))[0] == 0
        type_responses(c, 1, [1, 2])
        second = tmp_path / "second.kastebundle"
        export_bundle(c, second)
    finally:
        a.dispose()
        c.dispose()

    reports = {}
    for name, target in (("sqlite", str(tmp_path / "office.sqlite")), ("server", empty_pg_url)):
        outputs = []
        for bundle in (first, second, first):  # the third changes nothing
            code, out, err = run(capsys, "--db", target, "bundle", "import", str(bundle), "--json")
            assert (code, err) == (0, ""), err
            outputs.append(json.loads(out))
        reports[name] = outputs
    assert reports["sqlite"] == reports["server"]
    assert reports["server"][2]["inserted"] == 0

    office = open_database(resolve_url(tmp_path / "office.sqlite"))
    server = open_database(resolve_url(empty_pg_url))
    try:
        assert _snapshot(office) == _snapshot(server)
        assert _counts(office) == _counts(server) == (1, 5, _counts(office)[2])
        export_bundle(office, tmp_path / "from-sqlite.kastebundle")
        export_bundle(server, tmp_path / "from-server.kastebundle")
    finally:
        office.dispose()
        server.dispose()
    assert _parts(tmp_path / "from-sqlite.kastebundle") == _parts(
        tmp_path / "from-server.kastebundle"
    )
