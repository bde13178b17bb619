"""A plain, non-editable install carries everything the program reads at run time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Building and installing a wheel takes a minute: `make test-dist` (pytest -m dist) runs it.
pytestmark = pytest.mark.dist


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("kastedesk-*.whl"))


@pytest.mark.slow
def test_wheel_contains_catalogs_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("fi", "sv"):
        assert f"kastedesk/locale/{lang}/LC_MESSAGES/kastedesk.mo" in names
    assert "kastedesk/resources/kastedesk.png" in names
    assert "kastedesk/resources/guide/guide.css" in names  # Help → User guide, offline
    for lang in ("en", "fi", "sv"):
        assert f"kastedesk/resources/guide/{lang}/index.html" in names
    for lang in ("fi", "sv"):
        assert f"kastedesk/resources/guide/img/{lang}/meetings.png" in names
    assert "kastedesk/storage/migrations/env.py" in names
    assert "kastedesk/storage/migrations/script.py.mako" in names
    assert "kastedesk/storage/migrations/versions/0001_initial.py" in names


@pytest.mark.slow
def test_installed_package_runs_from_its_own_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = (
        "import sys, kastedesk.paths as p, kastedesk.cli.main as m;"
        f"assert str(p.PACKAGE_DIR.parent) == {str(target)!r}, p.PACKAGE_DIR;"
        "assert p.locale_dir().is_relative_to(p.PACKAGE_DIR), p.locale_dir();"
        "assert p.resource_path('kastedesk.png').is_file();"
        f"sys.exit(m.main(['--db', {str(tmp_path / 'x.sqlite')!r}, 'check']))"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "KASTEDESK_LANG": "sv"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        encoding="utf-8",  # the command writes UTF-8 into a pipe on every platform
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Databasen är felfri" in result.stdout
