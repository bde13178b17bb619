"""KasteDesk on a real PostgreSQL server (``make test-pg``; skipped without one).

Migrations, recognition of foreign databases, the write turn of concurrent
writers, lost-update refusal, NOTIFY between programs, record authors, copies
between SQLite and the server, server backups and connection failures.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from kastedesk.services import registry
from kastedesk.services.demo import load_demo
from kastedesk.services.meeting_views import get_meeting, search_decisions
from kastedesk.storage.change_watch import ServerChangeWatch, watch_changes
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.errors import DatabaseError, NotKasteDeskDatabase, RecordChangedError
from kastedesk.storage.migrate import alembic_config, head_revision, open_database
from kastedesk.storage.models.meetings import Meeting
from kastedesk.storage.models.registry import Membership, Person
from kastedesk.storage.server_copy import backup_server, copied_tables, copy_database
from tests.cli.test_db_commands import run
from tests.db_support import ON_POSTGRES

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs a server: make test-pg")


def _popen_cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KASTEDESK_LANG": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "kastedesk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    results = []
    for p in procs:
        _out, err = p.communicate(timeout=300)
        results.append((p.returncode, err))
    return results


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _dump(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in a form equal across engines."""
    with db.engine.connect() as conn:
        result = {}
        for table in copied_tables():
            rows = []
            for row in conn.execute(select(table)):
                values = []
                for value in row:
                    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
                        value = value.replace(tzinfo=None)  # stored UTC either way
                    values.append(value)
                rows.append(tuple(values))
            result[table.name] = sorted(rows, key=repr)
        return result


# --- migrations and recognition ----------------------------------------------------------


def test_every_migration_runs_up_and_down_on_the_server(empty_pg_url: str) -> None:
    from alembic import command

    engine = create_engine(empty_pg_url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            command.downgrade(config, "base")
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    db = open_database(resolve_url(empty_pg_url))
    try:
        load_demo(db)  # the whole program's data fits the migrated schema
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) > 10
    finally:
        db.dispose()


def test_an_upgrade_that_fails_leaves_nothing_behind(
    empty_pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(config, revision):
        real_upgrade(config, revision)
        raise OSError("power cut")

    monkeypatch.setattr("alembic.command.upgrade", upgrade_then_fail)  # imported when used
    with pytest.raises(DatabaseError, match="power cut"):
        open_database(resolve_url(empty_pg_url))
    assert _tables(empty_pg_url) == set()  # PostgreSQL rolls back the DDL too


def test_an_upgrade_from_0007_keeps_the_data(empty_pg_url: str) -> None:
    from alembic import command

    engine = create_engine(empty_pg_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        conn.execute(
            text(
                "INSERT INTO person (first_name, last_name, email, phone, organisation, "
                "municipality, title, language, row_version) "
                "VALUES ('Aino', 'Aalto', '', '', '', '', '', 'fi', 3)"
            )
        )
    engine.dispose()
    db = open_database(resolve_url(empty_pg_url))
    try:
        with db.read() as s:
            person = s.scalars(select(Person)).one()
            assert (person.first_name, person.row_version, person.created_by) == ("Aino", 3, "")
            assert person.created_at is None  # nobody knows when
        with db.engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == head_revision()
    finally:
        db.dispose()


def test_a_foreign_database_is_refused_and_untouched(empty_pg_url: str, capsys) -> None:
    engine = create_engine(empty_pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE contacts (name text)"))
    engine.dispose()
    with pytest.raises(NotKasteDeskDatabase):
        open_database(resolve_url(empty_pg_url))
    assert _tables(empty_pg_url) == {"contacts"}
    code, _out, err = run(capsys, "--db", empty_pg_url, "list", "projects")
    assert code == 1 and "not a KasteDesk database" in err and err.count("\n") == 1


def test_another_programs_alembic_database_is_refused(empty_pg_url: str) -> None:
    engine = create_engine(empty_pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('ae1027a6acf')"))
        conn.execute(text("CREATE TABLE invoices (id int)"))
    engine.dispose()
    with pytest.raises(NotKasteDeskDatabase):
        open_database(resolve_url(empty_pg_url))


# --- several writers ------------------------------------------------------------------


def test_two_imports_of_one_file_at_once_add_everyone_once(db_path: str, tmp_path: Path) -> None:
    db = open_database(resolve_url(db_path))
    load_demo(db)
    with db.read() as s:
        people_before = s.scalar(select(func.count(Person.id)))
    db.dispose()
    csv = tmp_path / "people.csv"
    rows = ["Etunimi;Sukunimi;Sähköposti"] + [
        f"Testi{i};Henkilö{i};testi{i}@example.fi" for i in range(1500)
    ]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    procs = [
        _popen_cli("--db", db_path, "members", "import", str(csv), "--group", "1")
        for _ in range(2)
    ]
    results = _finish(procs)
    assert [code for code, _err in results] == [0, 0], results
    db = open_database(resolve_url(db_path))
    try:
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) == people_before + 1500
            memberships = (
                select(func.count(Membership.id))
                .join(Person)
                .where(Person.email.like("testi%@example.fi"))
            )
            assert s.scalar(memberships) == 1500
    finally:
        db.dispose()


def test_two_demo_runs_at_once_load_the_demo_once(db_path: str) -> None:
    results = _finish([_popen_cli("--db", db_path, "demo") for _ in range(2)])
    assert sorted(code for code, _err in results) == [0, 1], results
    db = open_database(resolve_url(db_path))
    try:
        with db.read() as s:
            assert s.scalar(select(func.count(Meeting.id))) > 0
            names = s.execute(select(Person.first_name, Person.last_name)).all()
            assert len(names) == len(set(names))  # nobody twice
    finally:
        db.dispose()


def test_two_programs_saving_one_person_are_told(db_path: str) -> None:
    first = open_database(resolve_url(db_path))
    second = open_database(resolve_url(db_path))
    try:
        load_demo(first)
        row = registry.member_rows(first, 1)[0]
        seen_by_second = registry.member_rows(second, 1)[0]
        theirs = dataclasses.replace(row.person_data(), phone="040 111 2222")
        registry.update_member(
            first, row.membership_id, theirs, row.membership_data(), row.versions
        )
        mine = dataclasses.replace(seen_by_second.person_data(), title="Uusi")
        with pytest.raises(RecordChangedError):
            registry.update_member(
                second,
                seen_by_second.membership_id,
                mine,
                seen_by_second.membership_data(),
                seen_by_second.versions,
            )
        # The UPDATE itself is guarded too (row_version in its WHERE), not only the check.
        with second.read() as s:
            stale = s.get(Person, row.person_id)
        registry.update_member(first, row.membership_id, mine, row.membership_data(), None)
        with pytest.raises(RecordChangedError), second.session() as s:
            merged = s.merge(stale, load=False)
            merged.title = "Vanha"
    finally:
        first.dispose()
        second.dispose()


# --- live updates and authors -----------------------------------------------------------


def test_other_programs_commits_are_noticed_and_own_are_not(db_path: str) -> None:
    mine = open_database(resolve_url(db_path))
    other = open_database(resolve_url(db_path))
    watch = watch_changes(mine)
    try:
        assert isinstance(watch, ServerChangeWatch)
        assert not watch.changed_elsewhere()
        with mine.session() as s:
            s.add(Person(first_name="Oma", last_name="Muutos"))
        with other.read() as s:
            s.scalars(select(Person)).all()
        with other.session() as s:  # a write session that writes nothing: no news either
            s.scalars(select(Person)).all()
        time.sleep(1)  # notifications arrive asynchronously
        assert not watch.changed_elsewhere()  # my own save is not news
        with other.session() as s:
            s.add(Person(first_name="Toisen", last_name="Muutos"))
        deadline = time.monotonic() + 5
        while not watch.changed_elsewhere():
            assert time.monotonic() < deadline, "no notification within 5 s"
            time.sleep(0.05)
        assert not watch.changed_elsewhere()  # once per batch
    finally:
        watch.close()
        mine.dispose()
        other.dispose()


def test_records_say_who_made_and_changed_them(db_path: str) -> None:
    db = open_database(resolve_url(db_path))
    try:
        db.set_author("Aino Sihteeri")
        load_demo(db)
        meeting_id = select(Meeting.id).order_by(Meeting.id).limit(1)
        with db.read() as s:
            meeting = s.scalars(select(Meeting).where(Meeting.id.in_(meeting_id))).one()
            assert (meeting.created_by, meeting.updated_by) == ("Aino Sihteeri", "Aino Sihteeri")
            assert meeting.created_at is not None and meeting.created_at.utcoffset() is not None
        db.set_author("")  # back to the database user
        assert db.author == make_url(db_path).username
        row = registry.member_rows(db, 1)[0]
        changed = dataclasses.replace(row.person_data(), phone="040 123 4567")
        registry.update_member(db, row.membership_id, changed, row.membership_data(), row.versions)
        with db.read() as s:
            person = s.get(Person, row.person_id)
            assert (person.created_by, person.updated_by) == ("Aino Sihteeri", db.author)
        detail = get_meeting(db, meeting.id)
        assert detail.meeting.updated_by == "Aino Sihteeri"
        assert all(event.by == "Aino Sihteeri" for event in detail.events)
        assert detail.events
    finally:
        db.dispose()


def test_decision_search_ignores_case_on_the_server(db_path: str) -> None:
    db = open_database(resolve_url(db_path))
    try:
        load_demo(db)
        lower = search_decisions(db, "hyväksyttiin")
        assert lower and search_decisions(db, "HYVÄKSYTTIIN") == lower
    finally:
        db.dispose()


# --- copies and backups ---------------------------------------------------------------


def test_a_sqlite_file_moves_to_the_server_and_back(
    empty_pg_url: str, tmp_path: Path, capsys
) -> None:
    source = tmp_path / "laptop.sqlite"
    db = open_database(resolve_url(source))
    load_demo(db)
    original = _dump(db)
    db.dispose()

    code, out, err = run(capsys, "--db", empty_pg_url, "copy-from", str(source))
    assert (code, err) == (0, ""), err
    assert "rows" in out
    server = open_database(resolve_url(empty_pg_url))
    try:
        assert _dump(server) == original
        # The id sequences continue after the copied ids.
        with server.session() as s:
            person = Person(first_name="Uusi", last_name="Henkilö")
            s.add(person)
            s.flush()
            assert person.id == max(row[0] for row in original["person"]) + 1
    finally:
        server.dispose()

    back = tmp_path / "back.sqlite"
    code, _out, err = run(capsys, "--db", str(back), "copy-from", empty_pg_url)
    assert (code, err) == (0, ""), err
    returned = open_database(resolve_url(back))
    try:
        dump = _dump(returned)
        assert len(dump["person"]) == len(original["person"]) + 1
        assert {k: v for k, v in dump.items() if k != "person"} == {
            k: v for k, v in original.items() if k != "person"
        }
    finally:
        returned.dispose()

    # Refused when the target holds data; nothing changes.
    code, _out, err = run(capsys, "--db", empty_pg_url, "copy-from", str(source))
    assert code == 1 and "already holds data" in err and err.count("\n") == 1


def test_a_failed_copy_leaves_the_target_empty(
    empty_pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = open_database(resolve_url(tmp_path / "s.sqlite"))
    target = open_database(resolve_url(empty_pg_url))
    try:
        load_demo(source)
        monkeypatch.setattr("kastedesk.storage.server_copy._count", lambda conn, table: -1)
        with pytest.raises(DatabaseError, match="nothing was copied"):
            copy_database(source, target)
        with target.read() as s:
            assert s.scalar(select(func.count(Person.id))) == 0
    finally:
        source.dispose()
        target.dispose()


def test_backup_of_a_server_database_is_a_sqlite_file_that_copies_back(
    db_path: str, tmp_path: Path, capsys, empty_pg_url: str
) -> None:
    db = open_database(resolve_url(db_path))
    load_demo(db)
    original = _dump(db)
    db.dispose()
    out = tmp_path / "office #1.sqlite"
    code, _out, err = run(capsys, "--db", db_path, "backup", str(out))
    assert (code, err) == (0, ""), err
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")
    assert written == ["office #1.sqlite"]  # no temporary file, no -wal beside it
    copy = open_database(resolve_url(out))
    try:
        assert _dump(copy) == original
    finally:
        copy.dispose()
    code, _out, err = run(capsys, "--db", empty_pg_url, "copy-from", str(out))
    assert (code, err) == (0, "")
    restored = open_database(resolve_url(empty_pg_url))
    try:
        assert _dump(restored) == original
    finally:
        restored.dispose()


def test_backup_sees_one_snapshot_while_others_write(
    db_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(resolve_url(db_path))
    writer = open_database(resolve_url(db_path))
    try:
        load_demo(db)
        with db.read() as s:
            people = s.scalar(select(func.count(Person.id)))
        import kastedesk.storage.server_copy as server_copy

        real_count = server_copy._count
        calls: list[str] = []

        def count_then_write(conn, table):
            calls.append(table.name)
            if len(calls) == 3:  # someone saves while the backup is under way
                with writer.session() as s:
                    s.add(Person(first_name="Myöhäinen", last_name="Lisäys"))
            return real_count(conn, table)

        monkeypatch.setattr(server_copy, "_count", count_then_write)
        backup_server(db, tmp_path / "b.sqlite")
        copy = open_database(resolve_url(tmp_path / "b.sqlite"))
        with copy.read() as s:
            assert s.scalar(select(func.count(Person.id))) == people
        copy.dispose()
    finally:
        db.dispose()
        writer.dispose()


# --- failures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"database": "no_such_database"}, "does not exist on the server"),
        ({"username": "no_such_role"}, "refused the login"),
        ({"host": "127.0.0.1", "port": 1, "query": {}}, "Cannot reach the database server"),
    ],
)
def test_connection_failures_are_one_clear_line(
    db_path: str, capsys, change: dict, words: str
) -> None:
    url = make_url(db_path)
    query = change.pop("query", None)
    if query is not None:
        url = url.set(query=query)
    url = url.set(**change).render_as_string(hide_password=False)
    code, _out, err = run(capsys, "--db", url, "list", "projects")
    assert code == 1
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_dropped_connection_is_named_and_the_next_save_reconnects(db_path: str) -> None:
    from kastedesk.storage.failures import failure_message

    db = open_database(resolve_url(db_path))
    try:
        with db.session() as s:
            s.add(Person(first_name="A", last_name="B"))
        with db.engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        admin = create_engine(db_path, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        with db.engine.connect() as conn:  # pool_pre_ping: a fresh connection
            assert conn.execute(text("SELECT 1")).scalar() == 1
        import psycopg

        lost = psycopg.OperationalError(
            "consuming input failed: server closed the connection unexpectedly"
        )
        assert "connection to the database server was lost" in (failure_message(lost) or "")
    finally:
        db.dispose()


def test_the_watch_reconnects_after_a_dropped_connection_and_refreshes(db_path: str) -> None:
    db = open_database(resolve_url(db_path))
    watch = watch_changes(db)
    try:
        assert isinstance(watch, ServerChangeWatch)
        pid = watch._conn.info.backend_pid
        admin = create_engine(db_path, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        time.sleep(0.5)
        seen = [watch.changed_elsewhere() for _ in range(3)]
        assert seen.count(True) == 1  # what happened meanwhile is unknown: refresh once
        assert watch._conn is not None and watch._conn.info.backend_pid != pid
    finally:
        watch.close()
        db.dispose()


def test_a_save_cut_off_mid_transaction_is_named_and_leaves_nothing_half_done(
    db_path: str,
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from kastedesk.storage.failures import connection_lost_message, failure_message

    db = open_database(resolve_url(db_path))
    admin = create_engine(db_path, isolation_level="AUTOCOMMIT")
    try:
        with pytest.raises(SQLAlchemyError) as caught, db.session() as s:
            s.add(Person(first_name="Ensimmäinen", last_name="Puolikas"))
            s.flush()
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
            with admin.connect() as conn:  # the server ends this session under the save
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            s.add(Person(first_name="Toinen", last_name="Puolikas"))
            s.flush()
        assert failure_message(caught.value) == connection_lost_message()
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) == 0  # neither row was kept
        with db.session() as s:  # the next save gets a fresh connection
            s.add(Person(first_name="Uusi", last_name="Yritys"))
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) == 1
    finally:
        admin.dispose()
        db.dispose()


def test_a_writer_waits_for_the_write_turn_then_is_told_the_database_is_busy(
    db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from kastedesk.storage import database
    from kastedesk.storage.failures import busy_message, failure_message

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)  # read when connecting
    db = open_database(resolve_url(db_path))
    holder = create_engine(db_path, isolation_level="AUTOCOMMIT")
    try:
        with holder.connect() as other:  # another program's long write holds the turn
            other.execute(text(f"SELECT pg_advisory_lock({database.WRITE_LOCK_KEY})"))
            started = time.monotonic()
            with pytest.raises(SQLAlchemyError) as caught, db.session() as s:
                s.add(Person(first_name="Odottava", last_name="Kirjoittaja"))
            waited = time.monotonic() - started
            other.execute(text(f"SELECT pg_advisory_unlock({database.WRITE_LOCK_KEY})"))
        assert failure_message(caught.value) == busy_message()
        assert 0.25 < waited < 5
        with db.session() as s:  # the turn is free again
            s.add(Person(first_name="Odottava", last_name="Kirjoittaja"))
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) == 1
    finally:
        holder.dispose()
        db.dispose()
