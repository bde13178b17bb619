"""tools/static_checks.sh: ruff and mypy, with a fresh clone's test bytecode made meanwhile."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "static_checks.sh"

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="a POSIX shell")


def _run(clone: Path, ruff: int = 0, mypy: int = 0) -> tuple[int, list[str]]:
    """Run the script in *clone* with stand-ins that log their arguments and exit so."""
    bin_dir = clone / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = clone / "calls.log"
    for name, code in (("ruff", ruff), ("mypy", mypy), ("python", 0), ("pytest", 0)):
        path = bin_dir / name
        path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexit {code}\n', encoding="utf-8")
        path.chmod(0o755)
    done = subprocess.run(["sh", str(SCRIPT), str(bin_dir)], cwd=clone, timeout=60)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, sorted(calls)


def test_a_fresh_clone_compiles_the_tests_while_the_checks_run(tmp_path: Path) -> None:
    code, calls = _run(tmp_path, mypy=1)
    assert code == 1  # mypy's verdict, not the compiling's
    assert calls == [
        "mypy ",
        "pytest -q --collect-only -p no:cacheprovider",
        "python -m compileall -q kastedesk tests",
        "ruff check .",
    ]


def test_compiled_tests_are_not_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "tests" / "__pycache__"
    cache.mkdir(parents=True)
    (cache / "conftest.cpython-311-pytest-9.2.0.pyc").write_bytes(b"")
    assert _run(tmp_path) == (0, ["mypy ", "ruff check ."])


def test_a_ruff_finding_stops_before_mypy(tmp_path: Path) -> None:
    code, calls = _run(tmp_path, ruff=1)
    assert code == 1 and "ruff check ." in calls and not any(c.startswith("mypy") for c in calls)
