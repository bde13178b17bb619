"""The Windows version resource build.spec writes comes from the package version."""

from __future__ import annotations

import pytest

from kastedesk import __version__
from tools.win_version_info import version_info_text, version_tuple


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0.0.dev3", (2, 0, 0, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_four_numbers(text: str, numbers: tuple[int, int, int, int]) -> None:
    assert version_tuple(text) == numbers


def test_resource_text_is_what_pyinstaller_parses() -> None:
    calls: dict[str, list] = {}

    def recorder(name: str):
        def make(*args, **kwargs):
            calls.setdefault(name, []).append((args, kwargs))
            return name

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]  # fmt: skip
    eval(version_info_text(__version__), {n: recorder(n) for n in names})  # the format is Python
    fixed = calls["FixedFileInfo"][0][1]
    assert fixed["filevers"] == fixed["prodvers"] == version_tuple(__version__)
    strings = dict(args for args, _kw in calls["StringStruct"])
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "KasteDesk.exe"


def test_resource_declares_finnish_and_finland_swedish() -> None:
    calls: dict[str, list] = {}

    def recorder(name: str):
        def make(*args, **kwargs):
            calls.setdefault(name, []).append((args, kwargs))
            return name

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]  # fmt: skip
    eval(version_info_text(__version__), {n: recorder(n) for n in names})
    (_key, translation), _kw = calls["VarStruct"][0]
    assert translation == [0x040B, 1200, 0x081D, 1200]  # fi-FI and sv-FI, Unicode
    assert [args[0] for args, _kw in calls["StringTable"]] == ["040b04b0", "081d04b0"]
