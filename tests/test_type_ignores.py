"""Every ``# type: ignore`` in the program says why (issue #13): on its own line after
the code, or in a comment on the line above. An ignore without a reason hides a
mistake the type checker found, and nobody can tell whether it still applies."""

from __future__ import annotations

import re
from pathlib import Path

PROGRAM = Path(__file__).resolve().parent.parent / "kastedesk"
IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(?P<after>.*)$")


def ignores_without_a_reason(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = IGNORE.search(line)
            if match is None:
                continue
            said_after = match.group("after").strip().startswith("#")
            said_above = number > 1 and lines[number - 2].strip().startswith("#")
            if not (said_after or said_above):
                found.append(f"{path.relative_to(root.parent)}:{number}")
    return found


def test_every_type_ignore_in_the_program_gives_its_reason() -> None:
    assert ignores_without_a_reason(PROGRAM) == []


def test_an_ignore_without_a_reason_is_found(tmp_path: Path) -> None:
    package = tmp_path / "kastedesk"
    package.mkdir()
    (package / "a.py").write_text(
        "x = f()  # type: ignore[misc]\n"
        "y = g()  # type: ignore[misc]  # g is untyped\n"
        "# h comes from a C module\n"
        "z = h()  # type: ignore[attr-defined]\n",
        encoding="utf-8",
    )
    assert ignores_without_a_reason(package) == ["kastedesk/a.py:1"]
