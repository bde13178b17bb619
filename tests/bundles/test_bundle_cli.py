"""``kastedesk bundle export|import``: reports, dry run, one-line refusals."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.cli.test_db_commands import run
from tests.db_support import db_arg


def _field_db(laptop) -> tuple[str, list[int]]:
    a = laptop("a")
    reg = add_registry(a)
    first = add_workshop(a, reg)
    second = add_workshop(a, reg, "Työpaja A Seinäjoki")
    type_responses(a, first, [5, 4, 3])
    type_responses(a, second, [2, 2])
    return db_arg(a), [first, second]


def test_export_then_import_with_report(capsys, laptop, tmp_path) -> None:
    source, _ids = _field_db(laptop)
    out = tmp_path / "a.kastebundle"
    code, text, err = run(capsys, "--db", str(source), "bundle", "export", "-o", str(out))
    assert (code, err) == (0, "")
    assert "(2 workshops, 1 feedback form, 5 responses)" in text
    target = tmp_path / "b.sqlite"

    code, text, err = run(capsys, "--db", str(target), "bundle", "import", str(out), "--dry-run")
    assert (code, err) == (0, "")
    assert "Dry run" in text
    code, text, _err = run(capsys, "--db", str(target), "bundle", "import", str(out), "--json")
    report = json.loads(text)
    assert (report["inserted"], report["unchanged"], report["dry_run"]) == (8, 0, False)
    assert report["by_kind"]["response"] == {"insert": 5}
    assert report["new_projects"] == ["Lasten ja perheiden palvelut"]

    code, text, _err = run(capsys, "--db", str(target), "bundle", "import", str(out))
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["Workshops", "Feedback", "forms", "Responses", "Evaluation"]
    assert lines[1].split() == ["New", "0", "0", "0", "0"]
    assert lines[3].split() == ["Unchanged", "2", "1", "5", "0"]


def test_export_chosen_workshops_and_since_last(capsys, laptop, tmp_path) -> None:
    source, ids = _field_db(laptop)
    out = tmp_path / "one.kastebundle"
    code, text, _err = run(
        capsys, "--db", str(source), "bundle", "export", "-o", str(out), "--workshop", str(ids[1])
    )
    assert code == 0 and "(1 workshop, 1 feedback form, 2 responses)" in text
    code, text, _err = run(
        capsys, "--db", str(source), "bundle", "export", "-o", str(out), "--since-last"
    )
    assert (
        code == 0 and "(1 workshop, 1 feedback form, 3 responses)" in text
    )  # the first workshop's


def test_unknown_workshop_is_a_one_line_error(capsys, laptop, tmp_path) -> None:
    source, _ids = _field_db(laptop)
    out = tmp_path / "x.kastebundle"
    code, _out, err = run(
        capsys, "--db", str(source), "bundle", "export", "-o", str(out), "--workshop", "999"
    )
    assert code == 1 and err.count("\n") == 1 and "999" in err
    assert not out.exists()


def test_refused_bundle_exits_1_with_one_line(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.kastebundle"
    bad.write_bytes(b"PK\x03\x04 not really")
    code, out, err = run(capsys, "--db", str(tmp_path / "b.sqlite"), "bundle", "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("kastedesk: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys, tmp_path) -> None:
    assert run(capsys, "--db", str(tmp_path / "b.sqlite"), "bundle", "export")[0] == 2
    assert run(capsys, "--db", str(tmp_path / "b.sqlite"), "bundle", "import")[0] == 2


def test_the_losing_side_of_two_imports_exits_1_with_a_message(
    capsys, laptop, tmp_path, monkeypatch
) -> None:
    import sqlite3

    from kastedesk.storage import database

    source, _ids = _field_db(laptop)
    out = tmp_path / "a.kastebundle"
    assert run(capsys, "--db", str(source), "bundle", "export", "-o", str(out))[0] == 0
    target = tmp_path / "b.sqlite"
    assert run(capsys, "--db", str(target), "init")[0] == 0
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(database, "FIRST_TRY_MS", 50)  # the short try before "waiting"
    winner = sqlite3.connect(target, isolation_level=None)
    winner.execute("BEGIN EXCLUSIVE")  # the other import of the same bundle, still writing
    try:
        code, _text, err = run(capsys, "--db", str(target), "bundle", "import", str(out))
    finally:
        winner.rollback()
        winner.close()
    assert code == 1
    assert err == "kastedesk: The database is busy: another program is writing to it. Try again.\n"
    code, _text, err = run(capsys, "--db", str(target), "bundle", "import", str(out))
    assert (code, err) == (0, "")  # the retry imports it


def test_the_report_writes_counts_the_finnish_way(capsys, laptop, tmp_path, monkeypatch) -> None:
    """"20 000 responses" as in the window, in every language (a no-break space apart)."""
    from kastedesk.services.bundles import report

    source, _ids = _field_db(laptop)
    out = tmp_path / "a.kastebundle"
    run(capsys, "--db", str(source), "bundle", "export", "-o", str(out))
    real = report.report_rows

    def thousands(plan):  # type: ignore[no-untyped-def]
        return [replace(row, responses=row.responses * 4000) for row in real(plan)]

    monkeypatch.setattr(report, "report_rows", thousands)
    target = tmp_path / "b.sqlite"
    for lang, word in (("fi", "Uusia"), ("sv", "Nya")):
        monkeypatch.setenv("KASTEDESK_LANG", lang)
        dry_run = ("bundle", "import", str(out), "--dry-run")
        code, text, _err = run(capsys, "--db", str(target), *dry_run)
        new = text.splitlines()[2]  # after "Dry run: …" and the headings
        cells = [cell for cell in new.split(" ") if cell]  # not at the no-break space
        assert code == 0 and cells == [word, "2", "1", "20\u00a0000", "0"]
