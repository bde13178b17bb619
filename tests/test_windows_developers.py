"""A Windows developer can follow the README and run the tests (issue 14, item 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.subprocess_env import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def windows_developers_section() -> str:
    start = README.index("## Windows developers")
    return README[start : README.index("\n## ", start + 1)]


def test_child_environments_keep_systemroot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSTEMROOT", r"C:\Windows")
    env = subprocess_env(KASTEDESK_LANG="fi")
    assert env["SYSTEMROOT"] == r"C:\Windows"
    assert env["KASTEDESK_LANG"] == "fi"


def test_no_test_starts_a_program_with_an_environment_made_from_scratch() -> None:
    """Without SYSTEMROOT, Python on Windows cannot start: use subprocess_env or os.environ."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "subprocess_env.py":
            continue
        text = path.read_text(encoding="utf-8")
        # an env keyword argument with a dict literal, handed to subprocess.run or Popen
        for match in re.finditer(r"\benv=(\{|dict\()", text):
            opening = text[match.end() : match.end() + 120]
            # Built from this environment (os.environ, or a helper that starts from it).
            if "os.environ" not in opening and "_env(" not in opening:
                offenders.append(
                    f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
                )
    assert offenders == []


def test_powershell_leaves_no_qt_platform_set_for_the_session() -> None:
    section = windows_developers_section()
    for line in section.splitlines():
        if "$env:QT_QPA_PLATFORM" in line and "=" in line.split("$env:QT_QPA_PLATFORM")[1][:3]:
            assert "finally { Remove-Item Env:QT_QPA_PLATFORM }" in line, line


def test_every_make_target_has_a_powershell_equivalent() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    assert phony
    targets = phony.group(1).split()
    section = windows_developers_section()
    missing = [
        t
        for t in targets
        if not re.search(rf"^\| `make {re.escape(t)}` \| \S", section, re.MULTILINE)
    ]
    assert missing == []
