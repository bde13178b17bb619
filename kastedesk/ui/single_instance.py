"""One KasteDesk window per database: a second start hands its file to the running window.

Opening a ``.kastebundle`` from Explorer, or starting KasteDesk again from the
Start menu, while a window is open must not start a second window on the same
database. The first window listens on a local socket (a named pipe on Windows)
whose name is private to the user and the data folder; a new start first asks
there. The running window raises itself and offers the bundle's import
(``MainWindow.open_path_later``), and the new process ends. Only a start with
another database (``--db``) opens a window of its own.

On Windows the program also holds a named mutex for as long as it runs, which
the installer's ``AppMutex`` looks for: setup and uninstall then ask the user to
close KasteDesk first.

A plain start first looks whether anybody could be listening (the socket file
on Unix, the mutex on Windows) and only then loads Qt's network module and
asks: the window shows sooner when KasteDesk is not running yet.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QDir, QObject

from kastedesk.paths import user_data_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

# installer/kastedesk.iss names the same mutex in AppMutex=.
APP_MUTEX = "KasteDeskRunning"
CONNECT_MS = 500
REPLY_MS = 5000
ACCEPTED = b"ok\n"
REFUSED = b"other-database\n"
MAX_MESSAGE = 64 * 1024

_mutex_handle: int | None = None


class HandOver(NamedTuple):
    """What a new start asks of the running window.

    A named tuple, not a dataclass: every start makes one before its window shows, and
    the dataclasses module is not loaded by then.
    """

    database: str | None = None  # an explicit --db (as a URL); None: the window's own
    open_path: Path | None = None  # a file to open there (a .kastebundle)

    def to_bytes(self) -> bytes:
        import json  # not before the window shows: a plain start sends nothing

        data = {
            "database": self.database,
            "open": str(self.open_path.absolute()) if self.open_path else None,
        }
        return json.dumps(data).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> HandOver:
        import json

        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a hand-over")
        database, path = data.get("database"), data.get("open")
        if not isinstance(database, str | None) or not isinstance(path, str | None):
            raise ValueError("not a hand-over")
        return cls(database, Path(path) if path else None)


def server_name(data_dir: Path | None = None) -> str:
    """Private to this user and data folder (portable copies and tests do not meet)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = os.environ.get("USERNAME", "")
    key = f"{user}|{data_dir or user_data_dir()}".encode()
    # Two checksums, not hashlib: a name needs no cryptography, and hashlib loads
    # OpenSSL's library before the window can show (about 2 % of a start's instructions).
    return f"KasteDesk-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def hand_over(request: HandOver | Callable[[], HandOver], name: str | None = None) -> bool:
    """Give *request* to a running window; True when it took it (this start may end).

    *request* may be a function: it is called only when a window answers (working out
    which database was asked for loads the storage code, which a plain start defers)."""
    name = name or server_name()
    if not may_be_listening(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    if not isinstance(request, HandOver):
        request = request()
    _allow_foreground()
    socket.write(request.to_bytes())
    socket.flush()
    reply = b""
    while not reply.endswith(b"\n") and socket.waitForReadyRead(REPLY_MS):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply == ACCEPTED


def may_be_listening(name: str) -> bool:
    """False only when no KasteDesk window can be listening on *name* (nothing to ask).

    Unix: the server's socket file is missing. Windows: no KasteDesk holds the
    program's mutex (:func:`hold_app_mutex`, taken right after the window listens)."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32
        kernel32.OpenMutexW.restype = wintypes.HANDLE  # a pointer-sized handle, not an int
        kernel32.OpenMutexW.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR)
        handle = kernel32.OpenMutexW(0x00100000, False, APP_MUTEX)  # SYNCHRONIZE
        if not handle:
            return False
        kernel32.CloseHandle(wintypes.HANDLE(handle))
        return True
    return os.path.exists(os.path.join(QDir.tempPath(), name))


def _answers(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    if not probe.waitForConnected(CONNECT_MS):
        return False
    probe.disconnectFromServer()
    return True


def _allow_foreground() -> None:
    """Windows gives focus only to the process the user started; let the running window raise."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY


class InstanceServer(QObject):
    """Listens for later starts and hands their requests to *accept* (True: taken)."""

    def __init__(
        self, accept: Callable[[HandOver], bool], name: str | None = None, parent=None
    ) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._accept = accept
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._connected)

    def listen(self) -> bool:
        """Serve, unless another window already does (then this one serves nobody)."""
        if _answers(self.name):
            return False  # a window on another database has the name
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)  # left by a crashed window (Unix)
            if self._server.listen(self.name):
                return True
        log.warning("Cannot listen for later starts: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():  # arrived before readyRead was connected
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MAX_MESSAGE:
            socket.abort()
            return
        if not buffer.endswith(b"\n"):
            return
        try:
            request = HandOver.from_bytes(bytes(buffer))
        except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            log.warning("Ignored a malformed message from a later start")
            socket.abort()
            return
        taken = self._accept(request)
        log.info("A later start %s: %s", "handed over" if taken else "was refused", request)
        socket.write(ACCEPTED if taken else REFUSED)
        socket.flush()
        socket.disconnectFromServer()


def hold_app_mutex() -> None:
    """Windows: the named mutex the installer's AppMutex checks, held until exit."""
    global _mutex_handle
    if sys.platform != "win32" or _mutex_handle is not None:
        return
    import ctypes

    _mutex_handle = ctypes.windll.kernel32.CreateMutexW(None, False, APP_MUTEX) or None
