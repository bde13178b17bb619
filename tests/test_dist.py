"""The frozen program: build.spec builds it, and it passes its own self-check.

Takes a minute or more (a full PyInstaller build), so ``make test`` leaves it out
(marker ``dist``); ``make test-dist`` and ``.ci/run`` run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Linux: 153 MB (10^6 bytes) measured on 23.11.2026; 266 MB before trimming. 170 MB on
# 29.11.2026 with Qt's network library back (the local pipe that hands a second start's
# file to the open window) and the libraries it links on Linux; psycopg's libpq for the
# server database comes on top. The guard catches an untrimmed build (over 250 MB).
MAX_BUNDLE_MB = 195
SHIPPED_LIBRARY_PREFIXES = ("libQt6", "libicu", "libpyside6", "libshiboken6", "libpython")

pytestmark = [pytest.mark.slow, pytest.mark.dist]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    assert pyinstaller, "PyInstaller is missing: make test-dist installs the 'dist' extra"
    out = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=1200,
    )
    return out / "dist" / "KasteDesk"


def program(bundle: Path) -> Path:
    return bundle / ("KasteDesk.exe" if sys.platform == "win32" else "KasteDesk")


def frozen_env(tmp_path: Path, lang: str) -> dict[str, str]:
    """No display, no Qt platform chosen, own folders: as on a fresh machine."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "KASTEDESK_DB")
    }
    env.update(
        KASTEDESK_LANG=lang,
        KASTEDESK_DATA_DIR=str(tmp_path / "data"),
        KASTEDESK_LOG_DIR=str(tmp_path / "log"),
    )
    return env


def test_bundle_holds_what_the_program_reads_and_nothing_it_does_not(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.name for p in files}
    internal = bundle / "_internal" / "kastedesk"
    assert (internal / "resources" / "templates" / "kastedesk.docx").is_file()
    assert (internal / "resources" / "kastedesk.ico").is_file()
    guide = internal / "resources" / "guide"
    assert (guide / "guide.css").is_file()
    for lang in ("en", "fi", "sv"):
        assert (guide / lang / "index.html").is_file()
    for lang in ("fi", "sv"):
        assert (guide / "img" / lang / "meetings.png").is_file()
    for lang in ("fi", "sv"):
        assert (internal / "locale" / lang / "LC_MESSAGES" / "kastedesk.mo").is_file()
    assert (internal / "storage" / "migrations" / "versions" / "0001_initial.py").is_file()
    assert {n for n in names if n.startswith("qtbase_")} == {"qtbase_fi.qm", "qtbase_sv.qm"}
    unwanted = ("Quick", "Qml", "Pdf", "WebEngine", "Multimedia", "3D")
    assert not [n for n in names if any(word in n for word in unwanted)]
    assert not [p for p in files if p.parent.name in ("tls", "networkinformation")]
    assert any("Qt6Network" in n for n in names)  # local pipe for a second start only
    assert any("Qt6Charts" in n for n in names)  # the Feedback tab's charts stay
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb < MAX_BUNDLE_MB, f"{size_mb:.0f} MB"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_bundled_library_finds_the_libraries_it_links(bundle: Path) -> None:
    """Trimming dropped no library that a kept plugin or module still needs."""
    missing: dict[str, list[str]] = {}
    for path in bundle.rglob("*.so*"):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        lost = [
            line.split()[0]
            for line in result.stdout.splitlines()
            if "not found" in line and line.strip().startswith(SHIPPED_LIBRARY_PREFIXES)
        ]
        if lost:
            missing[str(path.relative_to(bundle))] = lost
    assert missing == {}


def test_frozen_self_check_passes_without_a_display(bundle: Path, tmp_path: Path) -> None:
    workdir = tmp_path / "elsewhere"  # not the source tree: nothing may come from the cwd
    workdir.mkdir()
    result = subprocess.run(
        [str(program(bundle)), "--self-check"],
        cwd=workdir,
        env=frozen_env(tmp_path, "sv"),
        capture_output=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output.decode("utf-8", errors="replace")
    # The report file is UTF-8 everywhere. What the windowed program prints goes, on
    # Windows, to the console it was started from (in its code page), not to our pipe.
    report = tmp_path / "log" / "self-check.txt"
    lines = report.read_text(encoding="utf-8").splitlines()
    from kastedesk.self_check import checks

    total = len(checks())  # every check the source tree has ran in the frozen program
    assert lines[-1] == f"Självtestet lyckades: {total} kontroller."
    assert sum(line.startswith("OK ") for line in lines) == total
    program_files = next(line for line in lines if "Programmets filer" in line)
    assert str(bundle) in program_files  # resources from the bundle, not the repository
    if sys.platform != "win32":
        assert result.stdout.decode("utf-8").splitlines()[-1] == lines[-1]


def test_frozen_window_starts_and_logs_its_start(bundle: Path, tmp_path: Path) -> None:
    env = {**frozen_env(tmp_path, "fi"), "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "log" / "kastedesk.log"
    output = tmp_path / "output.txt"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [str(program(bundle)), "--db", str(tmp_path / "uusi.sqlite")],
            cwd=tmp_path,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log.is_file() and "started on" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert process.poll() is None, output.read_text(encoding="utf-8", errors="replace")
        assert "started on" in log.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)
