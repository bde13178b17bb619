"""``demo``, ``list projects|groups|members`` and ``members import|export``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.test_db_commands import run


@pytest.fixture
def demo_file(copy_cli_demo) -> Path:
    """What ``kastedesk --db demo.sqlite demo`` makes (tests/cli/conftest.py)."""
    return copy_cli_demo("demo.sqlite")


def test_demo_fills_the_model_case(capsys, demo_file: Path) -> None:
    code, out, _err = run(capsys, "--db", str(demo_file), "list", "groups", "--json")
    assert code == 0
    groups = json.loads(out)
    steering = groups[0]
    assert {k: steering[k] for k in ("id", "project", "name_fi", "name_sv", "kind")} == {
        "id": 1, "project": "LasSe", "name_fi": "Ohjausryhmä", "name_sv": "Styrgrupp",
        "kind": "steering",
    }  # fmt: skip
    assert steering["quorum_min"] == 8
    development = groups[1]
    assert development["languages"] == "fi+sv"

    code, out, _err = run(
        capsys, "--db", str(demo_file), "list", "members", "--group", "1", "--json"
    )
    members = json.loads(out)
    active = [m for m in members if m["end_date"] is None]
    assert len(active) == 24
    roles = [m["role"] for m in active]
    for role in ("chair", "vice_chair", "secretary", "presenter", "for_information"):
        assert roles.count(role) == 1
    assert roles.count("deputy") >= 5 and roles.count("expert") >= 1
    assert len({m["region"] for m in active} - {"01"}) == 5  # five project regions
    ministry = next(m for m in active if m["role"] == "for_information")
    assert "ministeriö" in ministry["organisation"]
    keys = {"id", "person_id", "group_id", "first_name", "last_name", "role", "organisation",
            "municipality", "region", "email", "phone", "language"}  # fmt: skip
    assert keys <= set(members[0])
    assert all(m["email"].endswith(".example") for m in members)

    code, out, _err = run(
        capsys, "--db", str(demo_file), "list", "members", "--group", "2", "--json"
    )
    ostrobothnia = json.loads(out)
    swedish = sum(m["language"] == "sv" for m in ostrobothnia)
    assert swedish > len(ostrobothnia) / 2


def test_demo_refuses_a_database_with_data(capsys, demo_file: Path) -> None:
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    code, out, err = run(capsys, "--db", str(demo_file), "demo")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "already has data" in err
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before


def test_list_in_swedish_as_a_table(capsys, demo_file: Path, monkeypatch) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "sv")
    code, out, _err = run(capsys, "--db", str(demo_file), "list", "groups")
    assert code == 0 and "Styrgrupp" in out and "Österbottens utvecklingsgrupp" in out
    code, out, _err = run(capsys, "--db", str(demo_file), "list", "members", "--group", "2")
    assert "Österbotten" in out


def test_unknown_group(capsys, demo_file: Path) -> None:
    code, _out, err = run(capsys, "--db", str(demo_file), "list", "members", "--group", "99")
    assert code == 1 and "99" in err and err.count("\n") == 1


def test_export_and_import(capsys, demo_file: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "styrgrupp.xlsx"
    code, out, err = run(
        capsys, "--db", str(demo_file), "members", "export", "--group", "1", str(out_file)
    )
    assert code == 0 and out_file.exists()
    assert "Wrote 25 people to" in out  # 24 active and one who left

    fresh = tmp_path / "fresh.sqlite"
    run(capsys, "--db", str(fresh), "list", "projects")
    code, out, err = run(
        capsys, "--db", str(fresh), "members", "import", str(out_file), "--group", "1"
    )
    assert code == 1 and "no group" in err  # an empty database has no groups


def test_import_report_and_dry_run(capsys, demo_file: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "new.csv"
    csv_file.write_bytes(
        "\ufeffEtunimi;Sukunimi;Sähköposti\r\nAino;Uusi;aino@x.example\r\n;Vailla;\r\n".encode()
    )
    args = ["--db", str(demo_file), "members", "import", str(csv_file), "--group", "2"]
    code, out, _err = run(capsys, *args, "--dry-run")
    assert code == 0
    assert "Added 1, matched 0, already in the group 0, rejected 1." in out
    assert "Row 3: " in out and "Dry run" in out
    code, out, _err = run(
        capsys, "--db", str(demo_file), "list", "members", "--group", "2", "--json"
    )
    assert "Aino" not in out
    code, out, _err = run(capsys, *args)
    assert code == 0 and "Added 1," in out
    code, out, _err = run(
        capsys, "--db", str(demo_file), "list", "members", "--group", "2", "--json"
    )
    assert "Aino" in out


def test_unreadable_import_file_exits_1(capsys, demo_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    code, out, err = run(
        capsys, "--db", str(demo_file), "members", "import", str(bad), "--group", "1"
    )
    assert code == 1 and out == "" and err.count("\n") == 1 and "bad.xlsx" in err


def test_export_needs_a_known_suffix_and_group(capsys, demo_file: Path, tmp_path: Path) -> None:
    code, _out, err = run(
        capsys, "--db", str(demo_file), "members", "export", "--group", "1", str(tmp_path / "x.pdf")
    )
    assert code == 1 and ".xlsx" in err
    code, _out, _err = run(
        capsys, "--db", str(demo_file), "members", "export", str(tmp_path / "x.csv")
    )
    assert code == 2  # --group is required: a usage error


@pytest.mark.processes  # the program in a process of its own
def test_output_cut_short_by_the_reader_is_not_an_error(
    capsys, demo_file: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    many = tmp_path / "many.csv"  # output (about 250 bytes a member) thrice what a pipe holds
    rows = [f"Etu{n};Suku{n};p{n}@x.example" for n in range(700)]
    many.write_text("Etunimi;Sukunimi;Sähköposti\n" + "\n".join(rows), encoding="utf-8-sig")
    assert (
        run(capsys, "--db", str(demo_file), "members", "import", str(many), "--group", "2")[0] == 0
    )
    command = [sys.executable, "-m", "kastedesk.cli.main", "--db", str(demo_file),
               "list", "members", "--json"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0 and b"Broken pipe" not in err


def test_projects_are_listed_with_finnish_dates(capsys, demo_file: Path) -> None:
    """1.4.2025, not 2025-04-01 (the JSON keeps ISO dates for scripts)."""
    code, out, _err = run(capsys, "--db", str(demo_file), "list", "projects", "--json")
    [project] = json.loads(out)
    start, end = (dt.date.fromisoformat(project[k]) for k in ("start_date", "end_date"))
    code, out, _err = run(capsys, "--db", str(demo_file), "list", "projects")
    row = out.splitlines()[1]
    assert code == 0 and row.split()[-2:] == [
        f"{start.day}.{start.month}.{start.year}",
        f"{end.day}.{end.month}.{end.year}",
    ]


def test_every_list_names_its_ids_alike(capsys, demo_file: Path, monkeypatch) -> None:
    """"Tunnus" over the ids of every list in Finnish ("ID" in one, "Tunnus" in the rest)."""
    monkeypatch.setenv("KASTEDESK_LANG", "fi")
    for what in (["projects"], ["groups"], ["members"], ["meetings"], ["workshops"]):
        code, out, _err = run(capsys, "--db", str(demo_file), "list", *what)
        assert code == 0 and out.split()[0] == "Tunnus", what
