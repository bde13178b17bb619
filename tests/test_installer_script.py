"""installer/kastedesk.iss keeps its promises (Inno Setup itself runs only on Windows)."""

from __future__ import annotations

import re
from pathlib import Path

from kastedesk import paths

SCRIPT = (Path(__file__).resolve().parent.parent / "installer" / "kastedesk.iss").read_text(
    encoding="utf-8"
)


def setting(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", SCRIPT, re.MULTILINE)
    assert match, name
    return match.group(1).strip()


def test_per_user_install_without_administrator_rights() -> None:
    assert setting("PrivilegesRequired") == "lowest"
    assert setting("DefaultDirName").startswith("{userpf}")
    assert "HKLM" not in SCRIPT and "{commonpf}" not in SCRIPT


def test_version_is_not_written_into_the_script() -> None:
    assert setting("AppVersion") == "{#AppVersion}"
    assert "GetVersionNumbersString" in SCRIPT  # from the exe's version resource


def test_bundle_files_open_in_kastedesk_for_this_user() -> None:
    assert 'Root: HKCU; Subkey: "Software\\Classes\\.kastebundle"' in SCRIPT
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in SCRIPT
    assert setting("ChangesAssociations") == "yes"


def test_uninstaller_keeps_the_users_data(monkeypatch, tmp_path: Path) -> None:
    # No [UninstallDelete]: the uninstaller removes only the files it installed.
    assert not re.search(r"^\[UninstallDelete\]", SCRIPT, re.MULTILINE)
    assert re.search(r'^Type: filesandordirs; Name: "\{app\}\\_internal"$', SCRIPT, re.MULTILINE)
    # The database is in platformdirs' user data folder, not in the program's folder.
    asked: list[tuple[str, bool]] = []

    def user_data_path(name: str, appauthor: bool) -> Path:
        asked.append((name, appauthor))
        return tmp_path / "LocalAppData" / name

    monkeypatch.delenv("KASTEDESK_DATA_DIR")
    monkeypatch.setattr(paths, "user_data_path", user_data_path)
    assert paths.default_database_path() == tmp_path / "LocalAppData/KasteDesk/kastedesk.sqlite"
    assert asked == [("KasteDesk", False)]  # %LOCALAPPDATA%\KasteDesk on Windows


def test_swedish_and_finnish_installers_are_official_translations() -> None:
    """Swedish.isl ships with Inno Setup from 6.4 on; the script asks for that version."""
    assert 'Name: "swedish"; MessagesFile: "compiler:Languages\\Swedish.isl"' in SCRIPT
    assert 'Name: "finnish"; MessagesFile: "compiler:Languages\\Finnish.isl"' in SCRIPT
    assert "#if Ver < EncodeVer(6, 4, 0, 0)" in SCRIPT
    assert "unofficial" not in SCRIPT.lower() and "HaveSwedish" not in SCRIPT
    assert "swedish.BundleType=KasteDesk-responspaket" in SCRIPT


def test_setup_and_uninstall_see_a_running_kastedesk() -> None:
    from kastedesk.ui.single_instance import APP_MUTEX

    assert setting("AppMutex") == APP_MUTEX
    assert setting("CloseApplications") == "yes"
