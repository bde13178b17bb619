"""The window starts without importing the command line's modules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kastedesk import launch


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None,)),
        (["--db", "k.sqlite"], ("k.sqlite",)),
        (["--db=k.sqlite"], ("k.sqlite",)),
        (["--db"], None),
        (["--db", "--version"], None),
        (["--version"], None),
        (["--self-check"], None),
        (["check"], None),
        (["--db", "k.sqlite", "list", "groups"], None),
        (["palaute.kastebundle"], None),  # the command line offers its import
        (["-h"], None),
    ],
)
def test_only_a_bare_start_skips_the_command_line(argv, expected) -> None:
    assert launch.window_database(argv) == expected


def test_commands_still_go_to_the_command_line(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        launch.main(["--version"])
    assert exit_.value.code == 0
    assert "KasteDesk" in capsys.readouterr().out


def test_the_window_path_imports_no_command_module() -> None:
    code = (
        "import sys, kastedesk.launch, kastedesk.ui.app;"
        "print(sorted(m for m in sys.modules if m.startswith('kastedesk.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "kastedesk.cli.main" not in out.stdout
    assert "kastedesk.cli.bundle_commands" not in out.stdout
