"""Windows version information for the frozen KasteDesk.exe, made from ``kastedesk.__version__``.

build.spec writes this text to a file at build time and hands it to PyInstaller,
which parses it on Windows (the format of ``pyi-grab_version``). Kept here, not
in the spec, so that a fast test can check it on any platform.
"""

from __future__ import annotations

import re

COMPANY = "KasteDesk"
DESCRIPTION = "KasteDesk – steering groups, meetings and workshop feedback"
# Language ids of the resource: Finnish (Finland) and Swedish (Finland), not Sweden's
# 0x041D; 1200 is the Unicode code page. Explorer shows the strings of the first.
LANGUAGES = (0x040B, 0x081D)
CODEPAGE = 1200


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' or '1.2.3.dev4' → (1, 2, 3, 0): Windows wants four numbers."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0].split(".dev")[0])[:4]]
    if not numbers:
        raise ValueError(f"not a version: {version!r}")
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_info_text(version: str, name: str = "KasteDesk") -> str:
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": COMPANY,
        "OriginalFilename": f"{name}.exe",
        "ProductName": name,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    tables = ",\n".join(
        f"      StringTable('{lang:04x}{CODEPAGE:04x}', [\n{string_structs}\n      ])"
        for lang in LANGUAGES
    )
    translation = ", ".join(f"0x{lang:04x}, {CODEPAGE}" for lang in LANGUAGES)
    return f"""# UTF-8 -- written by tools/win_version_info.py from kastedesk.__version__
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
{tables}
    ]),
    VarFileInfo([VarStruct('Translation', [{translation}])])
  ]
)
"""
