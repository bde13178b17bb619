"""The demo database as ``kastedesk demo`` makes it, once per session; tests get copies."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kastedesk import i18n
from kastedesk.cli.main import main


@pytest.fixture(scope="session")
def cli_demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file filled by ``kastedesk --db FILE demo`` (about two seconds: made once)."""
    path = tmp_path_factory.mktemp("cli-demo") / "demo.sqlite"
    out, err = io.StringIO(), io.StringIO()
    previous = i18n.current_language()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(path), "demo"])
    finally:
        i18n.set_language(previous)  # main() sets the command line's language
    assert (code, err.getvalue()) == (0, "")
    # The command closed the database: everything is in the file itself, none in a WAL.
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return path


@pytest.fixture
def copy_cli_demo(cli_demo_file: Path, tmp_path: Path) -> Callable[[str], Path]:
    """copy_cli_demo("demo.sqlite") -> a fresh copy of that file in the test's folder."""

    def copy(name: str) -> Path:
        path = tmp_path / name
        shutil.copyfile(cli_demo_file, path)
        return path

    return copy
