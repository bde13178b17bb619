"""``kastedesk self-check`` from the source tree: every check passes, failures are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from kastedesk import self_check
from kastedesk.cli import main as cli_main
from tests.cli.test_db_commands import run


def test_every_check_passes_and_is_reported_in_swedish(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KASTEDESK_LANG", "sv")
    report = tmp_path / "rapport.txt"
    code, out, err = run(capsys, "self-check", "--report", str(report))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    ok_lines = [line for line in lines if line.startswith("OK ")]
    assert len(ok_lines) == len(self_check.checks()) == 14
    for word in ("ESITYSLISTA", "FÖREDRAGNINGSLISTA", "PÖYTÄKIRJA", "PROTOKOLL"):
        assert word in out
    assert "qtbase_fi.qm" in out and "qtbase_sv.qm" in out
    assert "psycopg 3" in out and "libpq" in out  # the server database driver is there
    assert "Föredragningslista (finska)" in out
    assert lines[-1] == "Självtestet lyckades: 14 kontroller."
    text = report.read_text(encoding="utf-8")
    assert all(line in text for line in ok_lines)
    assert text.splitlines()[-1] == lines[-1]


def test_self_check_option_writes_the_report_to_the_log_folder(capsys, tmp_path: Path) -> None:
    code, out, _err = run(capsys, "--self-check")
    assert code == 0
    report = tmp_path / "log" / "self-check.txt"  # KASTEDESK_LOG_DIR of the test
    assert f"Report written: {report}" in out
    assert report.read_text(encoding="utf-8").splitlines()[-1] == "Self-check passed: 14 checks."


def test_a_failing_check_is_named_and_the_others_still_run(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_ws: self_check.Workspace) -> str:
        raise RuntimeError("no demo today")

    monkeypatch.setattr(self_check, "check_demo_data", broken)
    code, out, err = run(capsys, "self-check")
    assert code == 1
    assert "FAILED  Demo data: no demo today" in out
    assert "OK      New database, migrated: schema" in out
    assert "OK      Translations (Swedish)" in out  # later checks still ran
    assert "FAILED  Agenda (Finnish)" in out  # needs the demo meetings
    assert err.strip().startswith("kastedesk: Self-check failed: ")
    assert "Traceback" not in err


def test_offscreen_only_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(self_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    self_check.ensure_display()
    assert "QT_QPA_PLATFORM" not in self_check.os.environ
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    self_check.ensure_display()
    assert self_check.os.environ["QT_QPA_PLATFORM"] == "offscreen"


@pytest.mark.parametrize(
    ("argv", "rest", "path"),
    [
        (["C:\\Users\\a\\Lasse.kastebundle"], [], Path("C:\\Users\\a\\Lasse.kastebundle")),
        (["--db", "x.sqlite", "b.KASTEBUNDLE"], ["--db", "x.sqlite"], Path("b.KASTEBUNDLE")),
        (["--db", "y.kastebundle"], ["--db", "y.kastebundle"], None),  # an option's value
        (["feedback", "import", "c.kastebundle"], ["feedback", "import", "c.kastebundle"], None),
        (["check"], ["check"], None),
        ([], [], None),
    ],
)
def test_a_bundle_file_in_place_of_a_command_is_opened_by_the_window(
    argv: list[str], rest: list[str], path: Path | None
) -> None:
    assert cli_main.split_file_argument(argv) == (rest, path)


def test_the_window_is_started_with_the_bundle_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import kastedesk.ui.app as app

    started: list[tuple[str | None, Path | None]] = []
    monkeypatch.setattr(app, "run_gui", lambda db, path=None: started.append((db, path)) or 0)
    assert cli_main.main(["--db", "k.sqlite", "palaute.kastebundle"]) == 0
    assert started == [("k.sqlite", Path("palaute.kastebundle"))]


def test_a_windowed_program_without_streams_can_still_print(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """KasteDesk.exe (windowed) has sys.stdout None; printing must never crash."""
    from kastedesk.cli import console

    monkeypatch.setattr(console.sys, "stdout", None)
    monkeypatch.setattr(console.sys, "stderr", None)
    monkeypatch.setattr(console, "_parent_console", lambda: None)  # no console to attach to
    console.ensure_streams(attach=True)
    assert console.sys.stdout is not None and console.sys.stderr is not None
    print("Itsetarkistus", file=console.sys.stdout)
    console.sys.stdout.close()
