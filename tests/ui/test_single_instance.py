"""A second start hands its file to the window already open on the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kastedesk.ui import app as app_module
from kastedesk.ui import main_window as main_window_module
from kastedesk.ui import single_instance
from kastedesk.ui.qt_translations import QtTranslations
from kastedesk.ui.single_instance import HandOver, InstanceServer
from tests.subprocess_env import subprocess_env

ROOT = Path(__file__).resolve().parent.parent.parent


def later_start_env() -> dict[str, str]:
    return subprocess_env(
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        KASTEDESK_DATA_DIR=os.environ["KASTEDESK_DATA_DIR"],
        KASTEDESK_LOG_DIR=os.environ["KASTEDESK_LOG_DIR"],
        KASTEDESK_LANG="en",
    )


def run_until_done(qtbot, args: list[str], cwd: Path) -> int:
    """Another process; meanwhile this one's event loop lets the window answer."""
    process = subprocess.Popen([sys.executable, *args], cwd=cwd, env=later_start_env())
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    return process.returncode


HAND_OVER = (
    "import sys; from PySide6.QtCore import QCoreApplication; "
    "from kastedesk.ui.single_instance import HandOver, hand_over; "
    "app = QCoreApplication([]); "
    "sys.exit(0 if hand_over(HandOver.from_bytes(sys.argv[1].encode())) else 3)"
)


def hand_over_from_process(qtbot, request: HandOver, cwd: Path) -> bool:
    """True when the running window took *request* from a later start."""
    code = run_until_done(qtbot, ["-c", HAND_OVER, request.to_bytes().decode()], cwd)
    assert code in (0, 3)
    return code == 0


@pytest.fixture
def running(qtbot, qapp, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A window started as run_gui starts it, on tmp_path/kaste.sqlite."""
    opened: list[Path] = []
    monkeypatch.setattr(main_window_module, "open_file", lambda _w, path: opened.append(path))
    translations = QtTranslations(qapp)
    window = app_module.start_window(str(tmp_path / "kaste.sqlite"), None, settings, translations)
    assert window is not None
    qtbot.addWidget(window)
    window.opened = opened  # type: ignore[attr-defined]
    yield window
    window.findChild(InstanceServer).close()
    window.db.dispose()
    translations.apply("en")


def test_a_bundle_opened_from_explorer_goes_to_the_running_window(
    running, qtbot, tmp_path: Path
) -> None:
    bundle = tmp_path / "Lataukset" / "työpajat.kastebundle"
    assert hand_over_from_process(qtbot, HandOver(None, bundle), tmp_path) is True
    qtbot.waitUntil(lambda: running.opened == [bundle])


def test_starting_again_raises_the_window_without_opening_anything(
    running, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    raised: list[bool] = []
    monkeypatch.setattr(running, "bring_to_front", lambda: raised.append(True))
    assert hand_over_from_process(qtbot, HandOver(), tmp_path) is True
    assert raised == [True]
    assert running.opened == []


def test_the_same_database_named_explicitly_is_handed_over(running, qtbot, tmp_path) -> None:
    request = app_module.hand_over_request(str(tmp_path / "kaste.sqlite"), None)
    assert hand_over_from_process(qtbot, request, tmp_path) is True


def test_another_database_gets_a_window_of_its_own(running, qtbot, tmp_path: Path) -> None:
    request = app_module.hand_over_request(str(tmp_path / "toinen.sqlite"), None)
    assert hand_over_from_process(qtbot, request, tmp_path) is False
    assert running.opened == []


def test_without_a_running_window_nothing_answers(qapp) -> None:
    assert single_instance.hand_over(HandOver()) is False


@pytest.mark.processes  # the program in a process of its own
def test_a_second_program_start_hands_over_and_ends(running, qtbot, tmp_path: Path) -> None:
    """The real thing: `KasteDesk.exe "file.kastebundle"` while the window is open."""
    bundle = tmp_path / "palaute.kastebundle"
    bundle.write_bytes(b"PK")
    code = run_until_done(qtbot, ["-m", "kastedesk", str(bundle)], tmp_path)
    assert code == 0
    qtbot.waitUntil(lambda: running.opened == [bundle])


def test_malformed_messages_are_ignored(running, qtbot) -> None:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(single_instance.server_name())
    assert socket.waitForConnected(1000)
    socket.write(b"{not json\n")
    socket.flush()
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert running.opened == []


def test_a_window_on_another_database_does_not_take_the_name(qtbot, qapp, tmp_path: Path) -> None:
    first = InstanceServer(lambda _r: True)
    second = InstanceServer(lambda _r: True)
    try:
        assert first.listen() is True
        assert second.listen() is False
        assert hand_over_from_process(qtbot, HandOver(), tmp_path) is True
    finally:
        first.close()
        second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a crashed window leaves a socket file on Unix")
def test_a_crashed_window_does_not_block_the_next_start(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QDir

    leftover = Path(QDir.tempPath()) / single_instance.server_name()
    leftover.write_bytes(b"")  # what a killed window leaves behind
    server = InstanceServer(lambda _r: True)
    try:
        assert server.listen() is True
    finally:
        server.close()


def test_windows_holds_the_mutex_the_installer_looks_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    created: list[str] = []

    class Kernel32:
        @staticmethod
        def CreateMutexW(_security, _owned, name: str) -> int:
            created.append(name)
            return 42

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": Kernel32}), raising=False)
    monkeypatch.setattr(single_instance, "_mutex_handle", None)
    single_instance.hold_app_mutex()
    single_instance.hold_app_mutex()  # once is enough
    assert created == [single_instance.APP_MUTEX]
    script = (ROOT / "installer" / "kastedesk.iss").read_text(encoding="utf-8")
    assert f"AppMutex={single_instance.APP_MUTEX}\n" in script


def test_a_start_asks_only_when_a_window_may_be_listening(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No socket file (Unix) or no program mutex (Windows): nobody to ask, QtNetwork unneeded."""
    import ctypes

    from PySide6.QtCore import QDir

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert Path(QDir.tempPath()) == tmp_path
    assert single_instance.may_be_listening("KasteDesk-probe") is False
    (tmp_path / "KasteDesk-probe").write_bytes(b"")
    assert single_instance.may_be_listening("KasteDesk-probe") is True

    held: list[str] = []
    closed: list[int] = []

    class Function:  # a ctypes function: its restype and argtypes can be set
        def __init__(self, call) -> None:
            self.call = call

        def __call__(self, *args):
            return self.call(*args)

    class Kernel32:
        OpenMutexW = Function(lambda _access, _inherit, name: 7 if name in held else 0)
        CloseHandle = Function(lambda handle: closed.append(handle.value))

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": Kernel32}), raising=False)
    assert single_instance.may_be_listening("any") is False  # no KasteDesk holds the mutex
    held.append(single_instance.APP_MUTEX)
    assert single_instance.may_be_listening("any") is True
    assert closed == [7]  # the handle opened to look is closed again


def test_hand_over_messages_round_trip(tmp_path: Path) -> None:
    request = HandOver("sqlite:////tmp/a.sqlite", tmp_path / "ä.kastebundle")
    assert HandOver.from_bytes(request.to_bytes()) == request
    with pytest.raises(ValueError):
        HandOver.from_bytes(b'{"open": 5}\n')


def test_a_malformed_database_url_is_not_handed_over() -> None:
    request = app_module.hand_over_request("postgresql://u@palvelin:portti/kanta", None)
    assert request.database == "postgresql://u@palvelin:portti/kanta"


def test_each_data_folder_and_user_has_its_own_server_name(monkeypatch, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    name = single_instance.server_name(first)
    assert name == single_instance.server_name(first)  # the next start finds it
    assert name != single_instance.server_name(second)
    assert name.startswith("KasteDesk-") and len(name) == len("KasteDesk-") + 16
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "toinen")
    assert single_instance.server_name(first) != name
