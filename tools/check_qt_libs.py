"""Before `make run` on Linux: are the system libraries Qt's xcb platform needs there?

Qt itself only says "Could not load the Qt platform plugin "xcb"" when one is
missing. This asks ``ldd`` which libraries the plugin cannot find and prints
the exact command that installs them (Debian/Ubuntu and Fedora), then exits 1.
Standard library only: it runs before anything of Qt is loaded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# soname prefix -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so": ("libxcb-shape0", "libxcb"),
    "libxcb-xfixes.so": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so": ("libxcb-xkb1", "libxcb"),
    "libxcb-shm.so": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so": ("libxcb-sync1", "libxcb"),
    "libxcb-render.so": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so": ("libxcb-xinput0", "libxcb"),
    "libxcb.so": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so": ("libx11-6", "libX11"),
    "libEGL.so": ("libegl1", "libglvnd-egl"),
    "libGL.so": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so": ("libfontconfig1", "fontconfig"),
    "libfreetype.so": ("libfreetype6", "freetype"),
    "libdbus-1.so": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so": ("libglib2.0-0", "glib2"),
}
NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` could not find, in order, without repeats."""
    return list(dict.fromkeys(NOT_FOUND.findall(ldd_output)))


def install_commands(missing: list[str]) -> tuple[str, str]:
    """(apt command, dnf command) installing the packages that hold *missing*."""
    debian: list[str] = []
    fedora: list[str] = []
    for soname in missing:
        prefix = soname.split(".so")[0] + ".so"
        deb, rpm = PACKAGES.get(prefix, (prefix.removesuffix(".so"), prefix.removesuffix(".so")))
        debian.append(deb)
        fedora.append(rpm)
    return (
        "sudo apt install " + " ".join(dict.fromkeys(debian)),
        "sudo dnf install " + " ".join(dict.fromkeys(fedora)),
    )


def plugin_files() -> list[Path]:
    spec = importlib.util.find_spec("PySide6")  # finds the package without loading Qt
    if spec is None or spec.origin is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")]
    return [p for p in candidates if p.is_file()]


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("", "xcb"):
        return 0  # offscreen, wayland …: not the xcb plugin
    ldd = shutil.which("ldd")
    files = plugin_files()
    if ldd is None or not files:
        return 0  # nothing to ask: let Qt speak
    output = "".join(
        subprocess.run([ldd, str(f)], capture_output=True, text=True).stdout for f in files
    )
    missing = missing_libraries(output)
    if not missing:
        return 0
    apt, dnf = install_commands(missing)
    print(
        "KasteDesk's window (Qt, xcb) needs system libraries that are missing:\n"
        f"  {', '.join(missing)}\n"
        "Install them, then run `make run` again:\n"
        f"  Debian/Ubuntu: {apt}\n"
        f"  Fedora:        {dnf}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
