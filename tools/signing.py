"""Optional Authenticode signing of the built program, one command from the environment.

IT sets ``KASTEDESK_SIGN_CMD`` to the signing command without the file name,
for example::

    signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /sha1 <THUMBPRINT>

``build.spec`` then signs ``KasteDesk.exe`` after the build (the file's quoted
path is appended), and ``installer/kastedesk.iss`` signs the installer and the
uninstaller with the same command (PowerShell:
``iscc "/Skastedesk=$env:KASTEDESK_SIGN_CMD `$f" installer\\kastedesk.iss``).
Without the variable nothing is signed and the build is unchanged.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

SIGN_ENV = "KASTEDESK_SIGN_CMD"


class SigningFailed(RuntimeError):
    pass


def sign_command(template: str, path: Path) -> str | list[str]:
    """The command line for one file: Windows takes a string, POSIX a list."""
    if sys.platform == "win32":
        return f'{template} "{path}"'
    return [*shlex.split(template), str(path)]


def sign_from_environment(
    paths: Sequence[Path],
    environ: Mapping[str, str] | None = None,
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
) -> list[Path]:
    """Sign *paths* with ``$KASTEDESK_SIGN_CMD``; returns what was signed (nothing if unset)."""
    template = (environ if environ is not None else os.environ).get(SIGN_ENV, "").strip()
    if not template:
        return []
    for path in paths:
        result = run(sign_command(template, path), capture_output=True, text=True)
        if result.returncode != 0:
            raise SigningFailed(
                f"signing {path} failed ({result.returncode}): {result.stderr or result.stdout}"
            )
    return list(paths)
