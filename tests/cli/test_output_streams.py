"""Output into files and pipes is UTF-8; a closed pipe on Windows ends quietly."""

from __future__ import annotations

import errno
import io
import json
import os
import sys
from pathlib import Path

import pytest

from kastedesk.cli import console
from kastedesk.cli.main import main
from kastedesk.storage.database import Database


class Redirected(io.TextIOWrapper):
    """stdout as Python on Windows opens it when redirected: the ANSI code page."""

    def __init__(self, encoding: str = "cp1252", console: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding=encoding, errors="strict")
        self._console = console

    def isatty(self) -> bool:
        return self._console

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no descriptor in a test")

    def raw_bytes(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined]


def test_redirected_output_is_utf8(
    demo_db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = Redirected("cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--db", str(db_path), "list", "members", "--json"]) == 0
    text = out.raw_bytes().decode("utf-8")  # strict: cp1252 bytes would fail here
    names = json.dumps(json.loads(text), ensure_ascii=False)
    assert any(ch in names for ch in "äöåÄÖÅ")


def test_a_name_the_code_page_lacks_does_not_break_a_redirected_table(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kastedesk.domain.registry_rules import ProjectData
    from kastedesk.services import registry

    registry.save_project(db, ProjectData(name_fi="Łódź-hanke ☂"))
    out = Redirected("cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--db", str(db_path), "list", "projects"]) == 0
    assert "Łódź-hanke ☂" in out.raw_bytes().decode("utf-8")


def test_a_console_keeps_its_encoding_and_escapes_what_it_cannot_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = Redirected("cp850", console=True)
    monkeypatch.setattr(sys, "stdout", out)
    console.configure_streams()
    assert sys.stdout.encoding == "cp850"
    print("Häggblom ☂")
    assert out.raw_bytes().decode("cp850").strip() == "Häggblom \\u2602"


@pytest.fixture
def closed_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """stdout whose reader has gone; its descriptor is a file the test owns."""
    with (tmp_path / "pipe").open("wb") as sink:

        def make(exc: OSError) -> None:
            class Closed(Redirected):
                def write(self, text: str) -> int:
                    raise exc

                def fileno(self) -> int:
                    return sink.fileno()

            monkeypatch.setattr(sys, "stdout", Closed("utf-8"))

        yield make


def test_a_closed_pipe_on_windows_ends_quietly(
    demo_db: Database, db_path: Path, closed_pipe, capsys
) -> None:
    # `kastedesk list members | Select-Object -First 3`: Windows says "Invalid argument".
    closed_pipe(OSError(errno.EINVAL, "Invalid argument"))
    assert main(["--db", str(db_path), "list", "members"]) == 0
    assert capsys.readouterr().err == ""


def test_a_broken_pipe_ends_quietly(demo_db: Database, db_path: Path, closed_pipe, capsys) -> None:
    closed_pipe(BrokenPipeError(errno.EPIPE, "Broken pipe"))
    assert main(["--db", str(db_path), "list", "members"]) == 0
    assert capsys.readouterr().err == ""


def test_invalid_argument_naming_a_file_is_still_an_error() -> None:
    assert not console.is_closed_pipe(OSError(errno.EINVAL, "Invalid argument", "C:\\a?.csv"))
    assert console.is_closed_pipe(BrokenPipeError(errno.EPIPE, "Broken pipe"))


@pytest.mark.processes  # the program in a process of its own
def test_a_real_pipe_gets_utf8_when_python_would_use_the_ansi_code_page(
    db: Database, db_path: Path
) -> None:
    """PYTHONIOENCODING=cp1252 stands in for Windows' ANSI code page on a pipe."""
    import subprocess

    from kastedesk.domain.registry_rules import ProjectData
    from kastedesk.services import registry
    from tests.subprocess_env import subprocess_env

    registry.save_project(db, ProjectData(name_fi="Łódź ja Närpes ☂"))
    env = subprocess_env(
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        PYTHONIOENCODING="cp1252",
        KASTEDESK_LANG="fi",
        KASTEDESK_DATA_DIR=os.environ["KASTEDESK_DATA_DIR"],
        KASTEDESK_LOG_DIR=os.environ["KASTEDESK_LOG_DIR"],
    )
    result = subprocess.run(
        [sys.executable, "-m", "kastedesk", "--db", str(db_path), "list", "projects"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert "Łódź ja Närpes ☂" in result.stdout.decode("utf-8")  # strict: no cp1252 bytes
