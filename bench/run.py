"""`make bench`: issue #13's measurements on a real programme's data, with baselines.

Every measurement runs several times and reports the median with min and max;
where the issue names a baseline it is measured in the same run and the ratio
is what the target is about (absolute times drift on a shared machine). The
table is printed and written to ``docs/benchmarks.md`` with the machine's
description and the date.

``python bench/run.py --smoke`` runs every measurement once on a tiny dataset
(the test suite does that, so the benchmarks cannot rot).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dataset as data
from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"

# What the profiles (cProfile, python -X importtime) showed where a target is missed;
# kept by hand, printed under the table.
NOTES = """\
## Where the time goes (profiles)

- **Start**: the window is built, shown and painted before SQLAlchemy, Alembic,
  python-docx and Babel are imported (a test builds and shows it and checks); the
  database opens after the first paint and only the visible tab is built and read.
  The program-wide checks (fitting windows to the screen, F1 in dialogs) are no
  event filters on the application any more and start once the window shows.
  PySide6 makes all 93 enums of Qt's namespace (`QtCore.Qt`) on its first use,
  about 20 ms the bare window never pays: nothing reads it before the window shows
  (a test checks), and the message box, file dialog and item view classes (their
  enums) wait too. What is left over the bare window: the types the window needs
  (events, actions, key sequences, about 20 ms), our modules with platformdirs and
  gettext (about 25 ms) and building the window, its menus and the welcome page
  (about 15 ms). The program's bytecode is compiled first, as an installed program's
  is (with PYTHONDONTWRITEBYTECODE set every start compiled it: about 25 ms).
  Nor are dates, dataclasses, hashlib (OpenSSL's library) and the locale module
  loaded before the window shows, and the cycle collector is remembered rather than
  found with `findChild`, whose walk wrapped the application's style and made a dozen
  of QStyle's enums. Counted in instructions (callgrind, same hash seed), the start
  to the window shown went from 1.46 to 1.31 times the bare window's (752 and 678
  against 516 million); in time a start comes in two bands tens of ms apart on this
  shared machine, hence 21 starts of each.
  "Shown" is now painted, for both: the program logs its line after the first paint
  and the bare window processes its events before it counts. That paint had waited
  for the F1 keys, whose module imported the guide's window and made Qt's namespace
  of enums (about 50 ms), and the screen fitter that followed it looked itself up
  with `findChild` (QStyle's enums again, 8 ms) before the database could open. The
  keys now come from a small module and the guide loads at the first F1; the
  program's application-wide helpers are remembered, never looked up. To the end of
  `show_window` (painted, fitter installed): 875 → 684 million instructions against
  the bare painted window's 521 (1.68× → 1.31×); in time, old and new started in
  turn 15 times each: 324 → 248 ms against 170 ms (1.90× → 1.46×).
- **A 40-item meeting in the editor**: the meeting's read model and the offer of
  the group's waiting items in one read: 10 statements whatever the number of items.
- **A group with 1,000 meetings**: one read of plain columns, formatting 6,000
  cells, columns sized from the display strings of 60 rows once per group.
- **Bundle re-import**: after reading and checking (the baseline), a response is
  compared with the local one in plain values from one read without its answers: the
  same time of its last change (to the microsecond: every writer sets it with the
  answers, typing and correcting to the moment, an import to the sender's), the same
  workshop, form and deletion, its UUID already exchanged, the same revision. Those
  saved again here at another time are compared by their answers (JSON built by the
  database, parsed in one call); only those that still differ are read as records and
  merged. The first read keeps the driver's rows (no object per response); Python's
  cycle collector is paused while planning. In instructions (callgrind, three calls
  less one in a warm process): planning 1,609 → 874 million; read 2,522 million,
  re-import 3,507 million (**1.39×**; it was 4,401 against 2,561, 1.72×, when every
  response's answers were read as JSON: the same statement without them runs in a
  third of the time, and 20,000 answer lists were parsed and compared). In time
  planning went from 350–390 ms to 145–270 ms (the machine's speed moved that much
  within minutes); applying a plan of same responses from 14–22 ms to 4 ms (they are
  set aside once instead of walked by every step). Re-import and read are timed in
  turn, twice as many times as the others: a read alone took 270–610 ms within one run
  on this shared machine, and the timed ratio runs above the instructions' (planning's
  B-tree walks and look-ups over 20,000 UUIDs run at fewer instructions per cycle than
  reading's JSON parsing). Reading the bundle (the baseline, and part of the re-import)
  itself takes 11 % fewer instructions than before its checks were written out
  (2,989 → 2,665 million).
- **Feedback summary**: the baseline reads each response's answers and groups them in
  a temporary B-tree (175–250 ms); the summary did the same, and with the responses
  counted per workshop and form (one walk over an index, migration 0017, 12 ms), the
  comments (21 ms) and Python (15 ms) came to 1.25–1.34×. A summary over at least two
  fifths of its forms' responses (a project's, as here) now counts the answers in one
  walk of the question-and-value index, which holds the response (migration 0019),
  keeping those in scope: 80 against 190 ms, in index order, no sorting. A workshop's
  or a region's summary still reads its responses' answers (the walk would read every
  answer of the form: 25 ms against 0.2 ms for one workshop).
- **Members tab**: `member_rows` (10,000 rows × 19 columns, dates parsed, named
  rows) is most of it; enum columns cost one dictionary lookup per value; cells are
  formatted when shown and the search texts made in idle slices. Every other load
  took 120 ms while a full cycle collection walked the start-up's objects: the
  program freezes those once its first tab shows (each measurement here starts so).
"""


@dataclass
class Result:
    name: str
    unit: str  # "ms" or "statements"
    values: list[float]
    baseline_name: str = ""
    baseline: list[float] = field(default_factory=list)
    target: str = ""
    met: bool | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.median / statistics.median(self.baseline)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def starts(repeat: int) -> int:
    """Pairs of starts for *repeat* runs: a start is a whole process on a shared machine,
    and its time comes in two bands a few tens of ms apart (the bare window's too), so
    three times the others' runs; the smoke test's single run starts once."""
    return repeat * 3 if repeat > 1 else 1


def timed_against(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """(ours, baseline) times, run in turn: a shared machine's slow minutes hit both alike,
    where all of one and then all of the other would put them on one side of a ratio."""
    values: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        base += timed(baseline, 1)
        values += timed(ours, 1)
    return values, base


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements *engine* runs inside the block (BEGIN and COMMIT included)."""
    seen: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def statements(engine: Engine, fn: Callable[[], object]) -> int:
    with counting(engine) as seen:
        fn()
    return len(seen)


class Bench:
    def __init__(
        self, dataset: data.Dataset, repeat: int, folder: Path, settle: bool = True
    ) -> None:
        self.d = dataset
        self.repeat = repeat
        self.settle = settle  # a heap like a fresh program's before each step (not in smoke)
        self.folder = folder
        self.results: list[Result] = []
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(sys.argv)

    def open(self, name: str):
        from kastedesk.storage.database import resolve_url
        from kastedesk.storage.migrate import open_database

        return open_database(resolve_url(data.working_copy(self.d, self.folder, name)))

    def add(self, result: Result) -> None:
        self.results.append(result)
        line = f"  {result.name:<46} {result.median:9.1f} {result.unit}"
        if result.ratio is not None:
            line += f"   baseline {statistics.median(result.baseline):8.1f}  {result.ratio:5.2f}×"
        if result.met is not None:
            line += "   ok" if result.met else "   MISSED"
        print(line, flush=True)

    # --- the measurements --------------------------------------------------------------

    def startup(self) -> None:
        """Process start to the window shown: `python -m kastedesk` against a bare window."""
        import compileall
        import subprocess

        from kastedesk.ui.single_instance import server_name

        path = data.working_copy(self.d, self.folder, "start.sqlite")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KASTEDESK_LANG": "fi",
            "KASTEDESK_DATA_DIR": str(self.folder / "data"),
            "KASTEDESK_LOG_DIR": str(self.folder / "log"),
            "XDG_CONFIG_HOME": str(self.folder / "config"),
            "PYTHONPATH": str(ROOT),
        }
        log = self.folder / "log" / "kastedesk.log"
        leftover = Path(tempfile.gettempdir()) / server_name(Path(env["KASTEDESK_DATA_DIR"]))

        def start(command: list[str], *ready: Callable[[], bool]) -> list[float]:
            """ms from the process start until each of *ready* holds, in turn (one start)."""
            log.unlink(missing_ok=True)
            begin = time.perf_counter()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)  # fmt: skip
            times: list[float] = []
            try:
                while time.perf_counter() - begin < 120:
                    if ready[len(times)]():
                        times.append((time.perf_counter() - begin) * 1000)
                        if len(times) == len(ready):
                            return times
                        continue
                    if process.poll() is not None:
                        raise RuntimeError(f"{command} exited with {process.returncode}")
                    time.sleep(0.005)
                raise RuntimeError("no window within 120 s")
            finally:
                process.terminate()
                process.wait(timeout=30)
                # A killed window leaves its socket file on Unix (a window closed by its user
                # removes it): without this the next start would ask a window that is gone.
                leftover.unlink(missing_ok=True)

        def logged(line: str) -> Callable[[], bool]:
            return lambda: log.is_file() and line in log.read_text(encoding="utf-8")

        marker = self.folder / "bare-shown"

        def bare_shown() -> bool:
            return marker.exists()

        bare_script = (
            "import sys, pathlib\n"
            "from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget\n"
            "app = QApplication(sys.argv)\n"
            "window = QMainWindow(); tabs = QTabWidget()\n"
            "for title in ('Jäsenet', 'Kokoukset', 'Työpajat', 'Palaute'):\n"
            "    tabs.addTab(QWidget(), title)\n"
            "window.setCentralWidget(tabs); window.resize(1100, 720); window.show()\n"
            "app.processEvents()\n"  # painted, as the program's "window shown" line is
            f"pathlib.Path({str(marker)!r}).touch()\n"
            "app.exec()\n"
        )
        # Compiled as an installed program is (pip and PyInstaller write the bytecode): with
        # PYTHONDONTWRITEBYTECODE set, every start would compile the program's sources again.
        compileall.compile_dir(ROOT / "kastedesk", quiet=1)
        ours_command = [sys.executable, "-m", "kastedesk", "--db", str(path)]
        bare_command = [sys.executable, "-c", bare_script]
        shown, with_data = logged("window shown"), logged("The visible tab shows its data")
        baseline, values, data_values = [], [], []
        if self.repeat > 1:
            start(ours_command, shown)  # a first start warms the disk cache
        for _ in range(starts(self.repeat)):
            marker.unlink(missing_ok=True)
            baseline += start(bare_command, bare_shown)
            # Both from one start: the window shows, then its first tab's data.
            shown_ms, data_ms = start(ours_command, shown, with_data)
            values.append(shown_ms)
            data_values.append(data_ms)
        ratio = statistics.median(values) / statistics.median(baseline)
        name = "start to the window shown (large database)"
        self.add(Result(name, "ms", values, "bare 4-tab window", baseline, "≤ 1.5×", ratio <= 1.5))
        # Not a target of its own: the window is usable (menus, tabs) before the data shows.
        name = "start to the Members tab showing its data (10,000 people)"
        self.add(Result(name, "ms", data_values, "bare 4-tab window", baseline))

    def meetings(self) -> None:
        from kastedesk.services.meeting_attendance import AttendanceFields
        from kastedesk.ui.meetings.meetings_page import MeetingsPage

        db = self.open("meetings.sqlite")
        page = MeetingsPage(db, today=dt.date(2014, 9, 1))
        page.resize(1300, 700)
        page.ensure_loaded()
        page.groups.select_group(self.d.steering_group_id)
        values = timed(page.refresh_meetings, self.repeat)
        name = f"open a group with {self.d.scale.meetings:,} meetings"
        met = statistics.median(values) <= 100
        self.add(Result(name, "ms", values, target="≤ 100 ms", met=met))
        editor = page.editor
        count = statements(db.engine, lambda: editor.open_meeting(self.d.big_meeting_id))
        values = timed(lambda: editor.open_meeting(self.d.big_meeting_id), self.repeat)
        items = len(editor.detail.items) if editor.detail else 0
        self.add(Result(f"open a {items}-item meeting in the editor", "ms", values))
        self.add(Result(f"open a {items}-item meeting: SQL statements", "statements",
                        [count], target="≤ 10", met=count <= 10))  # fmt: skip
        page.table.selectRow(page.model.position_of(lambda r: r.id == self.d.big_meeting_id))

        def tick() -> None:
            assert editor.detail is not None
            row = editor.detail.attendance[0]
            fields = AttendanceFields(present=not row.present, stands_in=False,
                                      arrived_at=row.arrived_at, left_at=row.left_at)  # fmt: skip
            editor.attendance._save(row, fields)

        count = statements(db.engine, tick)
        values = timed(tick, self.repeat)
        self.add(Result("tick one attendance box", "ms", values, target="≤ 30 ms",
                        met=statistics.median(values) <= 30))  # fmt: skip
        self.add(Result("tick one attendance box: SQL statements", "statements", [count],
                        target="≤ 5", met=count <= 5))  # fmt: skip
        page.deleteLater()
        db.dispose()

    def minutes(self) -> None:
        import io

        from docx import Document

        from kastedesk.documents.docx_builder import build_minutes
        from kastedesk.services.meeting_documents import meeting_content

        db = self.open("minutes.sqlite")
        content = meeting_content(db, self.d.big_meeting_id)
        db.dispose()
        langs = ["fi", "sv"]

        def ours() -> None:
            build_minutes(content, langs, None).save(io.BytesIO())

        def bare() -> None:
            doc = Document()
            doc.add_paragraph(content.title.fi if hasattr(content, "title") else "", "Title")
            for item in content.items:
                for lang in langs:
                    title = getattr(item.title, lang)
                    doc.add_paragraph(f"{item.section} § {title}", style="Heading 2")
                    for text in (item.background, item.proposal, item.decision):
                        doc.add_paragraph(text)
                if item.actions:
                    table = doc.add_table(rows=1, cols=3)
                    for action in item.actions:
                        cells = table.add_row().cells
                        cells[0].text = action.what
                        cells[1].text = action.responsible
                        cells[2].text = str(action.due or "")
            doc.save(io.BytesIO())

        bare()
        ours()
        values, baseline = timed_against(ours, bare, self.repeat)
        ratio = statistics.median(values) / statistics.median(baseline)
        name = f"{len(content.items)}-item minutes as DOCX (fi+sv)"
        base = "bare python-docx, same text"
        self.add(Result(name, "ms", values, base, baseline, "≤ 1.5×", ratio <= 1.5))

    def feedback(self) -> None:
        from kastedesk.services.feedback_results import ResultFilter, summarize

        db = self.open("feedback.sqlite")
        where = ResultFilter(project_id=self.d.project_id)
        summarize(db, where)
        plain = sqlite3.connect(str(db.path))
        query = (
            "SELECT a.question_id, a.value, count(*) FROM feedback_answer a "
            "JOIN feedback_response r ON r.id = a.response_id "
            "JOIN workshop w ON w.id = r.workshop_id "
            "WHERE w.project_id = ? AND r.deleted_at IS NULL "
            "GROUP BY a.question_id, a.value"
        )
        values, baseline = timed_against(
            lambda: summarize(db, where),
            lambda: plain.execute(query, (self.d.project_id,)).fetchall(),
            self.repeat,
        )
        plain.close()
        db.dispose()
        ratio = statistics.median(values) / statistics.median(baseline)
        self.add(Result(f"feedback summary, {self.d.scale.responses:,} responses", "ms", values,
                        "sqlite3 GROUP BY", baseline, "≤ 1.3×", ratio <= 1.3))  # fmt: skip

    def bundles(self) -> None:
        from sqlalchemy import func, select

        from kastedesk.services.bundles import import_bundle, read_bundle
        from kastedesk.services.bundles.exporter import export_bundle
        from kastedesk.storage.database import resolve_url
        from kastedesk.storage.migrate import open_database
        from kastedesk.storage.models.feedback import FeedbackResponse
        from kastedesk.storage.models.workshops import Workshop

        source = self.open("bundle-source.sqlite")
        share = max(1, round(self.d.scale.workshops * 20_000 / 50_000))
        with source.read() as s:
            ids = list(s.scalars(select(Workshop.id).order_by(Workshop.id).limit(share)))
            responses = s.scalar(select(func.count()).where(FeedbackResponse.workshop_id.in_(ids)))
        path = self.folder / "bench.kastebundle"
        export_bundle(source, path, workshop_ids=ids)
        source.dispose()
        target = open_database(resolve_url(self.folder / "bundle-target.sqlite"))
        import_bundle(target, path)
        # Twice the pairs of the others: a read alone varies 270-610 ms within one run here.
        values, baseline = timed_against(
            lambda: import_bundle(target, path), lambda: read_bundle(path), self.repeat * 2
        )
        target.dispose()
        # The 1.0 s against its 0.65 s read, as a ratio: absolute times drift with
        # the shared machine's speed (this read took 290-590 ms within an hour).
        ratio = statistics.median(values) / statistics.median(baseline)
        self.add(Result(f"bundle re-import, {responses:,} responses", "ms", values,
                        "read and check only", baseline, "≤ 1.54× (1.0 s / 0.65 s)",
                        ratio <= 1.0 / 0.65))  # fmt: skip

    def add_person(self) -> None:
        from kastedesk.domain.registry_rules import MembershipData, PersonData
        from kastedesk.services import registry

        db = self.open("people.sqlite")
        counter = iter(range(1_000_000))

        def add(group_id: int) -> None:
            n = next(counter)
            registry.add_member(db, group_id, PersonData("Uusi", f"Henkilö {n}"), MembershipData())

        big, empty = self.d.big_group_id, self.d.empty_group_id
        add(big)
        add(empty)
        baseline, values = [], []
        for _ in range(self.repeat * 3):  # interleaved: the disk's flushes hit both alike
            baseline += timed(lambda: add(empty), 1)
            values += timed(lambda: add(big), 1)
        counts = [statements(db.engine, lambda g=g: add(g)) for g in (big, empty)]
        db.dispose()
        self.add(Result(f"add one person to a group of {self.d.scale.people:,}: statements",
                        "statements", [counts[0]], "in an empty group", [counts[1]],
                        "the same", counts[0] == counts[1]))  # fmt: skip
        ratio = statistics.median(values) / statistics.median(baseline)
        self.add(Result(f"add one person to a group of {self.d.scale.people:,}", "ms", values,
                        "the same in an empty group", baseline, "independent of size (≤ 1.5×)",
                        ratio <= 1.5))  # fmt: skip

    def members(self) -> None:
        from kastedesk.ui.members.members_page import MembersPage

        db = self.open("members.sqlite")
        page = MembersPage(db)
        page.resize(1300, 700)
        page.ensure_loaded()

        def load() -> None:
            index = page.group_combo.findData(self.d.big_group_id)
            page.group_combo.setCurrentIndex(-1)
            page.group_combo.setCurrentIndex(index)

        load()
        values = timed(load, self.repeat)
        self.add(Result(f"members tab, {self.d.scale.people:,} people: load", "ms", values,
                        target="≤ 150 ms", met=statistics.median(values) <= 150))  # fmt: skip
        strokes = []
        model = page.view.model()
        while not model.search_ready():
            self.app.processEvents()  # the search texts are made while the user looks
        for _ in range(self.repeat):
            for text in ["t", "ta", "tam", "tamp", "tampe", "tamper", "tampere", ""]:
                strokes += timed(lambda t=text: page.filter_edit.setText(t), 1)
        p95 = statistics.quantiles(strokes, n=20)[-1] if len(strokes) > 1 else strokes[0]
        self.add(Result("members tab: keystroke in the filter, p95", "ms", [p95],
                        target="≤ 16 ms", met=p95 <= 16))  # fmt: skip
        page.deleteLater()
        db.dispose()

    def run(self, only: list[str] | None = None) -> list[Result]:
        import gc

        for step in (self.startup, self.meetings, self.minutes, self.feedback, self.bundles,
                     self.add_person, self.members):  # fmt: skip
            if only is not None and step.__name__ not in only:
                continue
            # Each measurement starts as in a program that has just started: what exists
            # now (the harness, the earlier measurements' leftovers) is out of the cycle
            # collector's way, as the window's start-up puts its own (kastedesk.ui.long_lived).
            # (The smoke test runs each step once to see that it runs: nothing to steady.)
            if self.settle:
                gc.collect()
                gc.freeze()
            step()
        return self.results


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.1f}"
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def markdown(results: list[Result], dataset: data.Dataset, repeat: int) -> str:
    s = dataset.scale
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    from PySide6 import __version__ as pyside
    from sqlalchemy import __version__ as sqlalchemy

    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand.",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, {cpu}",
        f"- Load average at the end: {', '.join(f'{x:.1f}' for x in load) if load else '?'} "
        "(a shared machine: compare ratios, not absolute times)",
        f"- Python {platform.python_version()}, PySide6 {pyside}, SQLAlchemy {sqlalchemy}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"- Dataset: {s.people:,} people in one group, {s.meetings:,} meetings with "
        f"{(s.meetings - 1) * s.items_per_meeting + s.big_meeting_items:,} agenda items, "
        f"{s.workshops:,} workshops, {s.responses:,} responses (`bench/dataset.py`)",
        f"- Each time: median (min–max) of {repeat} runs ({starts(repeat)} starts, each "
        f"against a bare window started just before it; the re-import {repeat * 2}, each "
        "against a read just before it), in ms unless said",
        "",
        "| measurement | KasteDesk | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        base = f"{r.baseline_name}: {spread(r.baseline)}" if r.baseline else "–"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
        value = spread(r.values) + (" statements" if r.unit == "statements" else "")
        met = "–" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.name} | {value} | {base} | {ratio} | {r.target or '–'} | {met} |")
    return "\n".join(lines) + "\n\n" + NOTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny dataset, every step once")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=data.CACHE)
    parser.add_argument("--output", type=Path, default=DOC)
    parser.add_argument("--only", nargs="*", default=None, help="these steps (no report)")
    args = parser.parse_args(argv)
    scale = data.TINY if args.smoke else data.LARGE
    repeat = 1 if args.smoke else args.repeat
    started = time.perf_counter()
    dataset = data.cached_dataset(scale, args.cache)
    print(f"dataset {dataset.path.name} ready in {time.perf_counter() - started:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="kastedesk-bench-") as folder:
        results = Bench(dataset, repeat, Path(folder), settle=not args.smoke).run(args.only)
    if not args.smoke and args.only is None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(markdown(results, dataset, repeat), encoding="utf-8")
        print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
