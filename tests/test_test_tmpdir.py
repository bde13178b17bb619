"""tools/test_tmpdir.sh: the temporary folder `make test` gives the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "test_tmpdir.sh"

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="a POSIX shell")


def _choose(folder: Path, fakes: Path, *, system: str, free_kib: int) -> str:
    """The script's answer for *folder* when uname says *system* and df *free_kib* free."""
    fakes.mkdir(exist_ok=True)
    for name, text in (
        ("uname", f"echo {system}"),
        ("df", f"echo 'Filesystem 1024-blocks Used Available Capacity Mounted on'\n"
               f"echo 'tmpfs 99999999 1 {free_kib} 1% {folder}'"),
    ):  # fmt: skip
        path = fakes / name
        path.write_text(f"#!/bin/sh\n{text}\n", encoding="utf-8")
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{fakes}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["sh", str(SCRIPT), str(folder)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0 and done.stderr == ""
    return done.stdout.strip()


def test_a_roomy_memory_folder_on_linux_is_chosen(tmp_path: Path) -> None:
    folder = tmp_path / "shm"
    folder.mkdir()
    assert _choose(folder, tmp_path / "bin", system="Linux", free_kib=8_000_000) == str(folder)


def test_a_small_one_a_missing_one_or_another_system_keeps_the_usual_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "shm"
    folder.mkdir()
    fakes = tmp_path / "bin"
    assert _choose(folder, fakes, system="Linux", free_kib=65_536) == ""  # a container's 64 MiB
    assert _choose(folder, fakes, system="Darwin", free_kib=8_000_000) == ""
    assert _choose(tmp_path / "missing", fakes, system="Linux", free_kib=8_000_000) == ""


def test_make_test_runs_pytest_with_the_chosen_folder() -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("needs make")
    done = subprocess.run(
        [make, "-n", "test", "TEST_TMPDIR=/some/where"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert "TMPDIR=/some/where " in done.stdout and "pytest -n" in done.stdout
    done = subprocess.run(
        [make, "-n", "test", "TEST_TMPDIR="], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert "TMPDIR=" not in done.stdout.replace("TEST_TMPDIR", "")
