"""tools/venv_python.sh: the interpreter `make` makes .venv with."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "venv_python.sh"

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="a POSIX shell")


def _pick(*candidates: str | Path) -> str:
    done = subprocess.run(
        ["sh", str(SCRIPT), *map(str, candidates)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def _fake_python(folder: Path, name: str, exit_code: int) -> Path:
    """A stand-in interpreter whose version check exits with *exit_code*."""
    path = folder / name
    path.write_text(f"#!/bin/sh\nexit {exit_code}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_first_candidate_that_is_new_enough_and_can_make_a_venv(tmp_path: Path) -> None:
    too_old = _fake_python(tmp_path, "python3.9", 1)
    fine = _fake_python(tmp_path, "python3.12", 0)
    assert _pick(tmp_path / "missing", too_old, fine, sys.executable) == str(fine)


def test_without_a_suitable_candidate_it_is_python3(tmp_path: Path) -> None:
    assert _pick(tmp_path / "missing", _fake_python(tmp_path, "old", 1)) == "python3"


def test_the_default_choice_is_a_python_that_makes_a_venv() -> None:
    chosen = _pick()
    assert chosen in {"/usr/bin/python3", "python3"}
    check = "import sys, ensurepip, venv; print(sys.version_info >= (3, 11))"
    done = subprocess.run([chosen, "-c", check], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True"
