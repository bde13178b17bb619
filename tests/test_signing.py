"""Signing is one optional step, driven by KASTEDESK_SIGN_CMD (tools/signing.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.signing import SIGN_ENV, SigningFailed, sign_command, sign_from_environment

ROOT = Path(__file__).resolve().parent.parent
SIGNTOOL = "signtool sign /fd SHA256 /tr http://timestamp.example /td SHA256 /sha1 ABC123"


def test_nothing_is_signed_without_the_variable() -> None:
    def run(*_args, **_kwargs):
        raise AssertionError("no command may run")

    assert sign_from_environment([Path("KasteDesk.exe")], {}, run) == []
    assert sign_from_environment([Path("KasteDesk.exe")], {SIGN_ENV: "  "}, run) == []


def test_the_command_gets_the_programs_path(tmp_path: Path) -> None:
    program = tmp_path / "Käyttäjä Ö" / "KasteDesk.exe"
    ran: list[object] = []

    def run(command, **_kwargs):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    assert sign_from_environment([program], {SIGN_ENV: SIGNTOOL}, run) == [program]
    assert ran == [sign_command(SIGNTOOL, program)]
    if sys.platform == "win32":
        assert ran[0] == f'{SIGNTOOL} "{program}"'
    else:
        assert ran[0] == [*SIGNTOOL.split(), str(program)]


def test_a_failed_signing_stops_the_build(tmp_path: Path) -> None:
    def run(command, **_kwargs):
        return subprocess.CompletedProcess(command, 1, "", "SignTool Error: No certificates")

    with pytest.raises(SigningFailed, match="No certificates"):
        sign_from_environment([tmp_path / "KasteDesk.exe"], {SIGN_ENV: SIGNTOOL}, run)


def test_build_spec_and_installer_sign_with_the_same_variable() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "sign_from_environment([PROGRAM])" in spec
    assert spec.index("sign_from_environment([PROGRAM])") > spec.index("coll = COLLECT(")
    script = (ROOT / "installer" / "kastedesk.iss").read_text(encoding="utf-8")
    block = script[script.index(f'#if GetEnv("{SIGN_ENV}") != ""') :]
    block = block[: block.index("#endif")]
    assert "SignTool=kastedesk" in block and "SignedUninstaller=yes" in block
