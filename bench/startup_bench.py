"""Start-up time of the frozen program (``make dist`` first), against the source tree.

Measures, as a median of several starts on a database holding the demo data:

* window: from starting the process to the main window being mapped on the X
  server (under Xvfb, seen with ``xdotool``), or, without Xvfb/xdotool, to the
  log line the program writes right after ``window.show()`` (offscreen);
* self-check: the whole ``--self-check`` run, start to exit.

The baseline is the same program run from source (``python -m kastedesk``) in
the same run. Run with ``make bench`` (after ``make dist``) or
``python bench/startup_bench.py [path/to/KasteDesk]``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5


def frozen_program() -> Path:
    name = "KasteDesk.exe" if sys.platform == "win32" else "KasteDesk"
    return Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "KasteDesk" / name


def start_xvfb() -> tuple[subprocess.Popen, str] | None:
    """A private X server on a free display; None without Xvfb or xdotool."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        return None
    read_fd, write_fd = os.pipe()
    # -noreset: else a client connecting just as the last one leaves finds no server.
    command = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-noreset"]
    xvfb = subprocess.Popen(
        [*command, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("XVFB_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as ready:  # Xvfb writes its display number once it accepts clients
        number = ready.readline().strip()
    if not number or xvfb.poll() is not None:
        xvfb.kill()
        return None
    return xvfb, f":{number}"


def window_visible(env: dict[str, str]) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^KasteDesk"],
        env=env,
        capture_output=True,
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def time_to_window(command: list[str], env: dict[str, str], use_x: bool) -> float:
    log = Path(env["KASTEDESK_LOG_DIR"]) / "kastedesk.log"
    log.unlink(missing_ok=True)
    errors = log.parent.parent / "stderr.txt"
    start = time.perf_counter()
    with errors.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=sink)
    try:
        while time.perf_counter() - start < 60:
            if use_x and window_visible(env):
                return time.perf_counter() - start
            if not use_x and log.is_file() and "started on" in log.read_text(encoding="utf-8"):
                return time.perf_counter() - start
            if process.poll() is not None:
                detail = errors.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{command[0]} exited with {process.returncode}: {detail}")
            time.sleep(0.01)
        raise RuntimeError("no window within 60 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def time_self_check(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "--self-check"], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def median(fn) -> float:
    fn()  # warm the disk cache: the numbers are for a second start
    return statistics.median(fn() for _ in range(REPEAT))


def main() -> int:
    program = frozen_program()
    if not program.is_file():
        print(f"{program} is missing: run make dist first", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="kastedesk-startup-"))
    env = {
        **os.environ,
        "KASTEDESK_LANG": "fi",
        "KASTEDESK_DATA_DIR": str(folder / "data"),
        "KASTEDESK_LOG_DIR": str(folder / "log"),
        "XDG_CONFIG_HOME": str(folder / "config"),  # the window's settings stay here
    }
    database = folder / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "kastedesk", "--db", str(database), "demo"],
        env=env,
        check=True,
        capture_output=True,
    )
    server = start_xvfb()
    xvfb, display = server if server else (None, "")
    use_x = xvfb is not None
    if use_x:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env.update(QT_QPA_PLATFORM="offscreen")
    frozen = [str(program)]
    source = [sys.executable, "-m", "kastedesk"]
    try:
        how = "mapped on Xvfb (xdotool)" if use_x else "window.show() logged (offscreen)"
        print(f"Start-up to the window, {how}; median of {REPEAT} warm starts:")
        for label, command in (("frozen", frozen), ("source", source)):
            with_db = [*command, "--db", str(database)]
            seconds = median(lambda c=with_db: time_to_window(c, env, use_x))
            print(f"  {label:<7} {seconds * 1000:6.0f} ms")
        print(f"Self-check, start to exit; median of {REPEAT}:")
        for label, command in (("frozen", frozen), ("source", source)):
            seconds = median(lambda c=command: time_self_check(c, env))
            print(f"  {label:<7} {seconds * 1000:6.0f} ms")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
