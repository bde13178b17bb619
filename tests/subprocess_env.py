"""Environments for the programs tests start, as small as the test needs.

Windows needs ``SYSTEMROOT`` in every child's environment (without it Python
cannot even seed its random numbers), and a few other variables to find the
user's folders; they are kept, everything else is left out.
"""

from __future__ import annotations

import os

# Kept from the test's own environment when set: what Windows and Python need to start, and
# the temporary folder (TMPDIR on Unix), where a running window's socket file is looked for.
KEPT = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP",
        "TMPDIR", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "HOME", "PATH")  # fmt: skip


def subprocess_env(**variables: str) -> dict[str, str]:
    """*variables* plus what the platform needs to start a program, nothing else."""
    env = {name: os.environ[name] for name in KEPT if name in os.environ}
    env.update(variables)
    return env
