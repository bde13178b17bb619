"""The command line's exit codes: 0 success, 1 failure with one line, 2 usage."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kastedesk import __version__
from kastedesk.cli.main import main
from tests.subprocess_env import subprocess_env


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --version, --help and usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _err = run(capsys, "--version")
    assert code == 0
    assert __version__ in out


def test_init_then_check(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    assert run(capsys, "--db", str(path), "init")[0] == 0
    code, out, err = run(capsys, "--db", str(path), "check")
    assert (code, err) == (0, "")
    assert "sound" in out


def test_db_from_environment(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("KASTEDESK_DB", str(path))
    assert run(capsys, "init")[0] == 0
    assert path.exists()


def test_garbage_file_exits_1_with_one_line(capsys, tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"\x00\x01garbage" * 100)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in ("check", "init"):
        code, _out, err = run(capsys, "--db", str(path), command)
        assert code == 1
        assert err.count("\n") == 1 and "not a KasteDesk database" in err
        assert "Traceback" not in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_newer_schema_exits_1(capsys, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    assert run(capsys, "--db", str(path), "init")[0] == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.commit()
    conn.close()
    code, _out, err = run(capsys, "--db", str(path), "check")
    assert code == 1
    assert "newer version" in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys) -> None:
    assert run(capsys, "no-such-command")[0] == 2
    assert run(capsys, "backup")[0] == 2  # OUT missing
    assert run(capsys, "--bogus")[0] == 2


def test_usage_errors_are_translated(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "fi")
    code, _out, err = run(capsys, "backup")
    assert code == 2
    assert "seuraavat argumentit ovat pakollisia" in err


def test_backup_command(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    out_path = tmp_path / "copy.sqlite"
    assert run(capsys, "--db", str(path), "init")[0] == 0
    code, out, _err = run(capsys, "--db", str(path), "backup", str(out_path))
    assert code == 0 and str(out_path) in out
    assert run(capsys, "--db", str(out_path), "check")[0] == 0


def test_backup_to_unwritable_place_exits_1(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    code, _out, err = run(capsys, "--db", str(path), "backup", str(tmp_path / "no" / "c.sqlite"))
    assert code == 1 and "does not exist" in err


def test_errors_in_the_users_language(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "sv")
    path = tmp_path / "garbage.sqlite"
    path.write_text("hello")
    code, _out, err = run(capsys, "--db", str(path), "check")
    assert code == 1 and "är inte en KasteDesk-databas" in err


@pytest.mark.processes  # the program in a process of its own
def test_commands_need_no_qt(tmp_path: Path, migrated_file: Path) -> None:
    """Nor python-docx, icalendar or the bundle code, except in the commands that write
    documents or bundles: a command is its own process, and importing them cost each
    one about 0.2 s (kastedesk list members: 0.9 → 0.7 s)."""
    shutil.copyfile(migrated_file, tmp_path / "p.sqlite")  # no migrations in the child
    code = (
        "import sys; from kastedesk.cli.main import main; "
        f"rc = main(['--db', {str(tmp_path / 'p.sqlite')!r}, 'init']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "late = ('docx', 'icalendar', 'kastedesk.services.bundles', "
        "'kastedesk.storage.server_copy'); "
        "early = sorted(m for m in late if m in sys.modules); "
        "assert not early, f'imported at start: {early}'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        env=subprocess_env(KASTEDESK_LANG="en", KASTEDESK_DATA_DIR=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr


def test_document_kinds_of_the_commands_are_the_services() -> None:
    from kastedesk.cli.main import build_parser
    from kastedesk.services import meeting_documents

    parser = build_parser()
    for command, kind in (
        ("agenda", meeting_documents.AGENDA),
        ("minutes", meeting_documents.MINUTES),
    ):
        assert parser.parse_args([command, "1", "-o", "x.docx"]).kind == kind


@pytest.mark.parametrize("table", ["person", "feedback_answer"])
def test_check_reports_a_damaged_page_instead_of_crashing(capsys, copy_cli_demo, table) -> None:
    path = copy_cli_demo("damaged.sqlite")  # what `kastedesk demo` makes (tests/cli/conftest.py)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with path.open("r+b") as fh:  # overwrite the page's cell pointers in a copy of the data
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * 200)
    code, out, err = run(capsys, "--db", str(path), "check")
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "damaged" in err or "problems" in err
    assert out.strip()  # every problem is listed on stdout
