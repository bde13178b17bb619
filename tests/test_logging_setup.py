"""The log file: two processes share it, and rotation never fails or loses records."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kastedesk import logging_setup
from kastedesk.logging_setup import SharedRotatingFileHandler


@pytest.fixture
def make_logger(tmp_path: Path) -> Iterator:
    made: list[tuple[logging.Logger, logging.Handler]] = []

    def make(name: str) -> tuple[logging.Logger, SharedRotatingFileHandler]:
        handler = SharedRotatingFileHandler(tmp_path / "kastedesk.log", max_bytes=2_000)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger(f"test.shared.{name}")
        logger.propagate = False
        logger.addHandler(handler)
        made.append((logger, handler))
        return logger, handler

    yield make
    for logger, handler in made:
        logger.removeHandler(handler)
        handler.close()


def all_lines(folder: Path) -> list[str]:
    return [
        line
        for path in folder.glob("kastedesk.log*")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_a_log_held_by_another_process_grows_instead_of_failing(
    tmp_path: Path, make_logger, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    logger, handler = make_logger("window")
    log_path = tmp_path / "kastedesk.log"
    real_replace = os.replace

    def replace(src, dst):
        if Path(src) == log_path:  # Windows: the other process has the file open
            exc = PermissionError(13, "The process cannot access the file")
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    for n in range(100):
        logger.warning("record %03d with ä and ö", n)
    assert "Logging error" not in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.glob("kastedesk.log*")) == ["kastedesk.log"]
    assert len(log_path.read_text(encoding="utf-8").splitlines()) == 100

    monkeypatch.setattr(os, "replace", real_replace)  # the other process let go
    monkeypatch.setattr(logging_setup, "RETRY_ROTATION_SECONDS", 0.0)
    handler._retry_after = 0.0
    logger.warning("after the other process let go")
    assert (tmp_path / "kastedesk.log.1").is_file()
    lines = all_lines(tmp_path)
    assert len(lines) == 101 and lines.count("after the other process let go") == 1


def test_a_process_follows_a_rotation_made_by_another(tmp_path: Path, make_logger) -> None:
    window, _h1 = make_logger("window")
    command, _h2 = make_logger("command")
    for n in range(250):
        window.warning("window %03d", n)  # rotates at least once
    command.warning("command writes after the rotation")
    assert (tmp_path / "kastedesk.log.1").is_file()
    current = (tmp_path / "kastedesk.log").read_text(encoding="utf-8")
    assert "command writes after the rotation" in current
    assert len(all_lines(tmp_path)) == 251


def test_a_removed_log_folder_is_made_again_without_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone cleans up the log folder while the window runs: the log goes on, and no
    "Logging error" traceback reaches stderr (the command line's output)."""
    import shutil

    folder = tmp_path / "log"
    folder.mkdir()
    handler = SharedRotatingFileHandler(folder / "kastedesk.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test.removed_folder")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        logger.warning("before")
        shutil.rmtree(folder)
        logger.warning("after the folder went")
        logger.warning("and once more")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert capsys.readouterr().err == ""
    assert all_lines(folder) == ["after the folder went", "and once more"]


def test_setup_logging_uses_the_shared_handler(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    try:
        path = logging_setup.setup_logging()
        added = [h for h in root.handlers if h not in before]
        assert [type(h) for h in added] == [SharedRotatingFileHandler]
        assert Path(added[0].baseFilename) == path
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
