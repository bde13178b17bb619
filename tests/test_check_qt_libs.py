"""`make run` names the missing Qt system libraries and the command that installs them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "check_qt_libs.py"
spec = importlib.util.spec_from_file_location("check_qt_libs", TOOL)
assert spec is not None and spec.loader is not None
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

LDD = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibQt6XcbQpa.so.6 => /x/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


def test_the_missing_libraries_are_read_from_ldd() -> None:
    assert check.missing_libraries(LDD) == [
        "libxcb-cursor.so.0",
        "libxkbcommon-x11.so.0",
        "libxcb-icccm.so.4",
    ]
    assert check.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_the_install_commands_name_the_packages() -> None:
    apt, dnf = check.install_commands(check.missing_libraries(LDD))
    assert apt == "sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4"
    assert dnf == "sudo dnf install xcb-util-cursor libxkbcommon-x11 xcb-util-wm"


def test_nothing_is_checked_for_the_offscreen_platform(monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert check.main() == 0
