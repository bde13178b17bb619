"""A process killed in the middle of a write leaves all of it or none of it.

The kill comes from inside the process at a chosen moment (the Nth INSERT,
UPDATE or DELETE sent to SQLite, or the moment a finished file would replace
the old one), so every run kills where it means to.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path

import pytest

from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.demo import load_demo
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import check_database, open_database

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

KILL_AT_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    target, seen = int(sys.argv[1]), [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def kill(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            seen[0] += 1
            if seen[0] == target:
                os.kill(os.getpid(), signal.SIGKILL)

    if sys.argv[2] == "--replace":  # die instead of putting a finished file in place
        os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        del sys.argv[2]
    from kastedesk.cli.main import main
    sys.exit(main(sys.argv[2:]))
    """
)


def _run_killed(*args: str, at: int = 10**9) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KASTEDESK_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-c", KILL_AT_WRITE, str(at), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    return result.returncode


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            t
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not t.startswith("sqlite_")
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _sound(path: Path) -> None:
    db = open_database(resolve_url(path))
    try:
        assert check_database(db).ok
    finally:
        db.dispose()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "kanta.sqlite"
    db = open_database(resolve_url(path))
    load_demo(db)
    db.dispose()
    return path


@pytest.mark.parametrize("at", [1, 40, 500])
def test_a_killed_member_import_adds_nobody(tmp_path: Path, demo_file: Path, at: int) -> None:
    csv = tmp_path / "people.csv"
    lines = ["Etunimi;Sukunimi;Sähköposti"]
    lines += [f"Anna{i};Aho{i};anna{i}@example.fi" for i in range(400)]
    csv.write_text("\n".join(lines), encoding="utf-8")
    before = _counts(demo_file)
    code = _run_killed("--db", str(demo_file), "members", "import", str(csv), "--group", "1", at=at)
    assert code == -signal.SIGKILL
    _sound(demo_file)
    after = _counts(demo_file)
    assert (after["person"], after["membership"]) == (before["person"], before["membership"])


@pytest.mark.parametrize("at", [1, 60])
def test_a_killed_demo_load_leaves_an_empty_database(tmp_path: Path, at: int) -> None:
    path = tmp_path / "empty.sqlite"
    open_database(resolve_url(path)).dispose()
    assert _run_killed("--db", str(path), "demo", at=at) == -signal.SIGKILL
    _sound(path)
    counts = _counts(path)
    assert counts["person"] == counts["project"] == counts["meeting"] == 0
    assert _run_killed("--db", str(path), "demo") == 0  # and it can be loaded afterwards


@pytest.mark.parametrize("at", [1, 25])
def test_a_killed_bundle_import_merges_nothing(tmp_path: Path, demo_file: Path, at: int) -> None:
    source = open_database(resolve_url(demo_file))
    bundle = tmp_path / "palaute.kastebundle"
    try:
        export_bundle(source, bundle)
    finally:
        source.dispose()
    target = tmp_path / "toinen.sqlite"
    open_database(resolve_url(target)).dispose()
    before = _counts(target)
    code = _run_killed("--db", str(target), "bundle", "import", str(bundle), at=at)
    assert code == -signal.SIGKILL
    _sound(target)
    after = _counts(target)
    for table in ("workshop", "feedback_response", "feedback_answer", "person", "project"):
        assert after[table] == before[table], table


def test_a_document_killed_before_it_is_in_place_leaves_no_half_file(
    tmp_path: Path, demo_file: Path
) -> None:
    out = tmp_path / "pöytäkirja.docx"
    code = _run_killed("--replace", "--db", str(demo_file), "minutes", "1", "-o", str(out))
    assert code == -signal.SIGKILL
    assert not out.exists()
    assert _run_killed("--db", str(demo_file), "minutes", "1", "-o", str(out)) == 0
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert "word/document.xml" in archive.namelist()


def test_two_writers_and_a_reader_see_no_lost_doubled_or_hidden_rows(demo_file: Path) -> None:
    writer = textwrap.dedent(
        """
        import sys
        from kastedesk.domain.registry_rules import MembershipData, PersonData
        from kastedesk.services.registry import add_member
        from kastedesk.storage.database import resolve_url
        from kastedesk.storage.migrate import open_database
        db = open_database(resolve_url(sys.argv[1]))
        for i in range(60):
            name = sys.argv[2]
            person = PersonData(name, f"Kirjoittaja{i}", email=f"{name}{i}@example.fi")
            add_member(db, 1, person, MembershipData())
        db.dispose()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = _counts(demo_file)["person"]
    procs = [
        subprocess.Popen([sys.executable, "-c", writer, str(demo_file), name], env=env)
        for name in ("Aino", "Ville")
    ]
    seen: list[int] = []
    stop = threading.Event()

    def read() -> None:
        conn = sqlite3.connect(demo_file, timeout=30)
        while not stop.is_set():
            seen.append(conn.execute("SELECT count(*) FROM person").fetchone()[0])
        conn.close()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert [p.wait(timeout=180) for p in procs] == [0, 0]
    finally:
        stop.set()
        reader.join()
    assert seen == sorted(seen), "a reader saw rows disappear"
    conn = sqlite3.connect(demo_file)
    emails = [e for (e,) in conn.execute("SELECT email FROM person WHERE last_name LIKE 'Kirj%'")]
    conn.close()
    assert len(emails) == len(set(emails)) == 120
    assert _counts(demo_file)["person"] == start + 120


@pytest.mark.parametrize("at", [1, 2])
def test_a_killed_cost_import_adds_no_cost(tmp_path: Path, demo_file: Path, at: int) -> None:
    csv = tmp_path / "kulut.csv"
    rows = [f"Tampereen kaupunki;Henkilöstömenot;{m}/2026;1 234,56" for m in range(1, 13)]
    rows += [f"Tampereen kaupunki;Vuokrat;{m}/2025;99,00" for m in range(1, 13)]
    csv.write_text("Osatoteuttaja;Kustannuslaji;Kausi;Summa\n" + "\n".join(rows), "utf-8")
    before = _counts(demo_file)
    code = _run_killed("--db", str(demo_file), "costs", "import", str(csv), "--project", "1", at=at)
    assert code == -signal.SIGKILL
    _sound(demo_file)
    assert _counts(demo_file) == before
    assert _run_killed("--db", str(demo_file), "costs", "import", str(csv), "--project", "1") == 0
    assert _counts(demo_file) != before  # the same file does go in when not killed


# 2: the 60 responses are in (one INSERT), their answers not yet.
@pytest.mark.parametrize("at", [1, 2])
def test_a_killed_response_import_adds_no_response(
    tmp_path: Path, demo_file: Path, at: int
) -> None:
    from openpyxl import Workbook

    from tests.feedback.test_response_import import HEADERS

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for n in range(60):
        sheet.append([f"1.10.2014 12:{n:02}", "5", "4", str(n % 5 + 1), "sosiaalityöntekijä", ""])
    path = tmp_path / "webropol.xlsx"
    book.save(path)
    conn = sqlite3.connect(demo_file)
    (workshop,) = conn.execute("SELECT min(id) FROM workshop").fetchone()
    conn.close()
    args = ["--db", str(demo_file), "feedback", "import", str(path), "--workshop", str(workshop)]
    before = _counts(demo_file)
    assert _run_killed(*args, "--column", "3=Arvosana", at=at) == -signal.SIGKILL
    _sound(demo_file)
    assert _counts(demo_file) == before
    assert _run_killed(*args, "--column", "3=Arvosana") == 0
    assert _counts(demo_file)["feedback_response"] == before["feedback_response"] + 60


@pytest.mark.parametrize("at", [1, 6])
def test_a_killed_evaluation_import_changes_no_rating(
    tmp_path: Path, demo_file: Path, at: int
) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "arviointi.xlsx"
    assert _run_killed("--db", str(demo_file), "evaluation", "export", "2", "-o", str(path)) == 0
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, int) and 1 <= cell.value <= 3:
                cell.value = 3
    book.save(path)
    conn = sqlite3.connect(demo_file)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'eval%'")]
    before = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    conn.close()
    args = ["--db", str(demo_file), "evaluation", "import", str(path), "--round", "2"]
    assert _run_killed(*args, at=at) == -signal.SIGKILL
    _sound(demo_file)
    conn = sqlite3.connect(demo_file)
    after = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    conn.close()
    assert tables and after == before
