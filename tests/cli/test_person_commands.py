from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.cli.main import main
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(copy_cli_demo) -> Path:
    """What ``kastedesk --db demo.sqlite demo`` makes (tests/cli/conftest.py)."""
    return copy_cli_demo("demo.sqlite")


def first_person(path: Path) -> Person:
    db = open_database(resolve_url(path))
    try:
        with db.read() as s:
            return s.scalars(select(Person).order_by(Person.id)).first()
    finally:
        db.dispose()


def test_person_export(capsys, demo_file: Path, tmp_path: Path) -> None:
    person = first_person(demo_file)
    out = tmp_path / "out.json"
    code, stdout, err = run(
        capsys, "--db", str(demo_file), "person", "export", str(person.id), "-o", str(out)
    )
    assert (code, err) == (0, "")
    assert str(out) in stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["last_name"] == person.last_name
    assert data["person"]["email"] == person.email
    assert data["memberships"]


def test_person_erase_in_swedish(capsys, demo_file: Path, monkeypatch) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "sv")
    person = first_person(demo_file)
    code, out, err = run(capsys, "--db", str(demo_file), "person", "erase", str(person.id))
    assert (code, err) == (0, "")
    assert f"Raderad person {person.id}" in out
    erased = first_person(demo_file)
    assert erased.full_name == f"Raderad person {person.id}" and erased.email == ""


def test_unknown_person_exits_1(capsys, demo_file: Path, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--db", str(demo_file), "person", "erase", "9999")
    assert code == 1 and err.count("\n") == 1 and "9999" in err
    code, _out, err = run(
        capsys, "--db", str(demo_file), "person", "export", "9999", "-o", str(tmp_path / "x.json")
    )
    assert code == 1 and not (tmp_path / "x.json").exists()


def test_export_to_missing_folder_exits_1(capsys, demo_file: Path, tmp_path: Path) -> None:
    code, _out, err = run(
        capsys,
        "--db",
        str(demo_file),
        "person",
        "export",
        "1",
        "-o",
        str(tmp_path / "no" / "x.json"),
    )
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1


def test_person_usage_errors(capsys, demo_file: Path) -> None:
    assert run(capsys, "--db", str(demo_file), "person", "erase")[0] == 2
    assert run(capsys, "--db", str(demo_file), "person", "export", "1")[0] == 2
    assert run(capsys, "--db", str(demo_file), "person", "erase", "x")[0] == 2
