"""Re-importing: responses identical to the local ones are recognised from one plain read.

The planner compares each incoming response with the local one in plain values: by the
time of its last change (a Stamp), then, for those saved here at another time, by its
answers read as JSON (a ResponseState); it only reads and merges the others in full.
These tests hold that shortcut to the full comparison's answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, select, true

from kastedesk.domain.bundle_merge import Outcome
from kastedesk.domain.feedback_entry import Answer
from kastedesk.services.bundles import BundleError, import_bundle, preview_import
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.bundles.local_records import (
    ResponseState,
    Stamp,
    load_responses,
    response_stamps,
    response_states,
    synced_uuids,
)
from kastedesk.services.bundles.planner import RESPONSE, _same_response, _same_time
from kastedesk.services.bundles.records import ResponseRecord
from kastedesk.services.feedback_entry import correct_response, delete_response, open_entry
from kastedesk.storage.backup_store import list_backups
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.storage.models.workshops import Workshop
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.db_support import ON_POSTGRES

# A comment with what JSON escapes, and what an answers' spelling might use as separators.
TRICKY = 'Hyvä; päivä, 3:2 – "lainaus" \\ rivi\ntoinen\tsarake 😀'



def _laptop_with_responses(laptop, name: str = "a") -> tuple[Database, int]:
    db = laptop(name)
    workshop = add_workshop(db, add_registry(db))
    type_responses(db, workshop, [5, 4, 3])
    type_responses(db, workshop, [2], comment=TRICKY)
    return db, workshop


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def test_reimport_of_an_unchanged_bundle_writes_no_data_and_takes_no_backup(
    laptop, tmp_path: Path
) -> None:
    a, _workshop = _laptop_with_responses(laptop)
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    add_registry(b)
    assert import_bundle(b, out).inserted == 6  # form, workshop, 4 responses
    backups = list_backups(b.url)
    assert len(backups) == 1
    with _statements(b) as seen:
        plan = import_bundle(b, out)
    responses = [item for item in plan.items if item.kind == RESPONSE]
    assert len(responses) == 4 and all(item.same for item in responses)
    assert plan.unchanged == 6 and not plan.writes_data
    writes = [s for s in seen if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes and all("sync_installation" in s for s in writes)  # the import's time only
    assert list_backups(b.url) == backups


def _reimported(laptop, tmp_path: Path) -> tuple[Database, Path]:
    """A laptop that has imported another's bundle (4 responses, one with TRICKY)."""
    a, _workshop = _laptop_with_responses(laptop)
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    add_registry(b)
    import_bundle(b, out)
    return b, out


def _responses_read_in_full(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The UUIDs of the responses the planner reads as records from now on."""
    from kastedesk.services.bundles import local_records, planner

    read_in_full: list[str] = []

    def load_by_uuid(session, loader, column, uuids):  # type: ignore[no-untyped-def]
        if loader is load_responses:
            read_in_full.extend(uuids)
        return local_records.load_by_uuid(session, loader, column, uuids)

    monkeypatch.setattr(planner, "load_by_uuid", load_by_uuid)
    return read_in_full


def test_an_unchanged_reimport_reads_no_response_as_a_record(
    laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every engine's JSON of the answers is what the records hold (TRICKY included)."""
    b, out = _reimported(laptop, tmp_path)
    read_in_full = _responses_read_in_full(monkeypatch)
    plan = import_bundle(b, out)
    assert read_in_full == [] and plan.unchanged == 6 and not plan.writes_data


def _answers_read(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry for each read of local responses' answers as JSON from now on."""
    from kastedesk.services.bundles import local_records

    reads: list[bool] = []
    real = local_records._answers_as_json

    def reading(dialect: str):  # type: ignore[no-untyped-def]
        reads.append(True)
        return real(dialect)

    monkeypatch.setattr(local_records, "_answers_as_json", reading)
    return reads


def _saved_again(db: Database, *response_ids: int) -> None:
    """As if these responses (all of them without ids) were saved here again with the same
    answers: a later time of last change, the same content."""
    with db.session() as session:
        ids = response_ids or list(session.scalars(select(FeedbackResponse.id)))
        chosen = select(FeedbackResponse).where(FeedbackResponse.id.in_(ids))
        for response in session.scalars(chosen):
            response.updated_at = response.updated_at + dt.timedelta(seconds=1)


def test_responses_unchanged_since_the_last_import_are_told_by_their_time(
    laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No answers read at all: the time of the last change stands for them (reading them
    was most of planning a 20,000-response re-import)."""
    b, out = _reimported(laptop, tmp_path)
    answers_read = _answers_read(monkeypatch)
    read_in_full = _responses_read_in_full(monkeypatch)
    plan = import_bundle(b, out)
    responses = [item for item in plan.items if item.kind == RESPONSE]
    assert len(responses) == 4 and all(item.same for item in responses)
    assert answers_read == [] and read_in_full == []
    assert plan.unchanged == 6 and not plan.writes_data


def test_a_response_saved_again_with_the_same_answers_is_told_by_its_answers(
    laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b, out = _reimported(laptop, tmp_path)
    with b.read() as session:
        first = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id))
    assert first is not None
    _saved_again(b, first)
    answers_read = _answers_read(monkeypatch)
    read_in_full = _responses_read_in_full(monkeypatch)
    plan = import_bundle(b, out)
    responses = [item for item in plan.items if item.kind == RESPONSE]
    assert len(responses) == 4 and all(item.same for item in responses)
    assert answers_read == [True] and read_in_full == []  # its answers only, then the same
    assert plan.unchanged == 6 and not plan.writes_data


def test_a_response_updated_by_an_import_keeps_the_senders_time(
    laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import writes the incoming record's time with its answers, so the next
    re-import of that bundle tells the response by its time again."""
    a, workshop = _laptop_with_responses(laptop)
    export_bundle(a, tmp_path / "first.kastebundle")
    b = laptop("b")
    add_registry(b)
    import_bundle(b, tmp_path / "first.kastebundle")
    with a.read() as session:
        first = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id))
    assert first is not None
    ctx = open_entry(a, workshop)
    assert correct_response(a, ctx, first, {0: Answer(1), 1: Answer(2), 2: Answer(3)})
    export_bundle(a, tmp_path / "second.kastebundle")
    assert import_bundle(b, tmp_path / "second.kastebundle").updated == 1
    answers_read = _answers_read(monkeypatch)
    plan = import_bundle(b, tmp_path / "second.kastebundle")
    responses = [item for item in plan.items if item.kind == RESPONSE]
    assert len(responses) == 4 and all(item.same for item in responses)
    assert answers_read == [] and not plan.writes_data


def test_same_time_needs_the_time_the_place_and_the_deletion() -> None:
    record = _record([[0, 3, None]])
    moment = record.updated_at

    def stamp(changed: str | dt.datetime = moment, deleted: int = 0, workshop: str = "w" * 36,
              form: str = "f" * 36) -> Stamp:  # fmt: skip
        return (1, deleted, changed, workshop, form)

    assert _same_time(record, stamp())
    # SQLite's text (UTC, without its zone) and another zone's datetime for the same moment
    assert _same_time(record, stamp(moment.strftime("%Y-%m-%d %H:%M:%S.%f")))
    assert _same_time(record, stamp(moment.astimezone(dt.timezone(dt.timedelta(hours=3)))))
    # written some other way: with a zone, or not a time at all (then not the same, no error)
    assert _same_time(record, stamp("2014-10-02T03:00:00+03:00"))
    assert _same_time(record, stamp("2014-10-02 00:00:00Z"))
    assert _same_time(record, stamp(moment.replace(tzinfo=None)))  # a datetime in UTC
    assert not _same_time(record, stamp("yesterday"))
    assert not _same_time(record, stamp(moment + dt.timedelta(microseconds=1)))
    assert not _same_time(record, stamp("2014-10-02 00:00:00.000001"))
    assert not _same_time(_record([[0, 3, None]], deleted=True), stamp())
    assert not _same_time(record, stamp(deleted=1))
    assert not _same_time(record, stamp(workshop="x" * 36))
    assert not _same_time(record, stamp(form="x" * 36))


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's JSON functions")
def test_without_sqlites_json_functions_every_response_is_compared_in_full(
    laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SQLite built without them gets no shortcut for responses saved again here (not
    told by their time: here all of them), and the same plan."""
    from kastedesk.services.bundles import local_records

    b, out = _reimported(laptop, tmp_path)
    _saved_again(b)
    read_in_full = _responses_read_in_full(monkeypatch)
    assert local_records.sqlite_has_json()
    monkeypatch.setattr(local_records, "sqlite_has_json", lambda: False)
    plan = import_bundle(b, out)
    responses = [item for item in plan.items if item.kind == RESPONSE]
    assert sorted(read_in_full) == sorted(item.record.uuid for item in responses)
    assert len(responses) == 4 and all(item.outcome is Outcome.UNCHANGED for item in responses)
    assert plan.unchanged == 6 and not plan.writes_data


def test_a_response_corrected_here_is_compared_in_full(laptop, tmp_path: Path) -> None:
    b, out = _reimported(laptop, tmp_path)
    with b.read() as session:
        workshop = session.scalar(select(Workshop.id))
        first = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id))
    assert workshop is not None and first is not None
    ctx = open_entry(b, workshop)
    assert correct_response(b, ctx, first, {0: Answer(1), 1: Answer(1), 2: Answer(1)})
    with b.read() as session:
        (here,) = load_responses(session, FeedbackResponse.id == first).values()
    plan = preview_import(b, out)
    [item] = [i for i in plan.items if i.kind == RESPONSE and i.record.uuid == here.record.uuid]
    # Not the same any more: planned by the merge rules with the record read in full (the
    # incoming version is an older one known here, so nothing changes).
    assert not item.same and item.outcome is Outcome.UNCHANGED
    assert item.local is not None and item.local.record.version == here.record.version
    others = [i for i in plan.items if i.kind == RESPONSE and i is not item]
    assert len(others) == 3 and all(i.same for i in others)
    # and applying it remembers the corrected version, as before
    assert not import_bundle(b, out).writes_data


def test_response_states_match_the_records(laptop, tmp_path: Path) -> None:
    a, _workshop = _laptop_with_responses(laptop)
    with a.session() as session:
        last = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id.desc()))
        assert last is not None
        delete_response(session, last - 1)
    with a.read() as session:
        before = response_states(session, true())
        assert before and not synced_uuids(session, before.keys())  # no bundle yet
    export_bundle(a, tmp_path / "a.kastebundle")
    with a.read() as session:
        states = response_states(session, true())
        records = load_responses(session, true())
        assert synced_uuids(session, states.keys()) == set(states)
        assert synced_uuids(session, ["x" * 36, *list(states)[:1]]) == set(list(states)[:1])
    assert set(states) == set(records) and len(records) == 4
    assert sum(s.deleted for s in states.values()) == 1
    assert [a[2] for s in states.values() for a in s.answers if a[2]] == [f"{TRICKY} 2"]
    for uuid, local in records.items():
        state = states[uuid]
        record = local.record
        assert isinstance(record, ResponseRecord)
        assert (state.id, state.deleted) == (local.id, record.deleted_at is not None)
        assert (state.workshop, state.form) == (record.content["workshop"], record.content["form"])
        assert state.answers == record.content["answers"]
        assert _same_response(record, state)
    with a.read() as session:
        stamps = response_stamps(session, true(), among=set(records))
    for uuid, local in records.items():
        record = local.record
        assert isinstance(record, ResponseRecord)
        assert stamps[uuid][0] == local.id and _same_time(record, stamps[uuid])


def _record(answers: list[list[int | str | None]], deleted: bool = False) -> ResponseRecord:
    moment = dt.datetime(2014, 10, 2, tzinfo=dt.UTC)
    content = {"workshop": "w" * 36, "form": "f" * 36, "answers": answers}
    return ResponseRecord("r" * 36, "o", moment, moment, content,
                          deleted_at=moment if deleted else None)  # fmt: skip


def _state(answers: list[list[int | str | None]]) -> ResponseState:
    return ResponseState(1, False, "w" * 36, "f" * 36, answers)


def test_same_response_needs_the_same_answers_in_order() -> None:
    answers: list[list[int | str | None]] = [[0, 3, None], [1, None, TRICKY]]
    assert _same_response(_record(answers), _state(answers))
    assert not _same_response(_record(answers, deleted=True), _state(answers))
    assert not _same_response(_record([[0, 4, None], [1, None, TRICKY]]), _state(answers))
    # A local record's answers are in the order of their positions: content in another
    # order is not the same content, even when the database gave them in that order.
    backwards = answers[::-1]
    assert not _same_response(_record(backwards), _state(backwards))


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector as in the command line (the tests, like the window, keep it off)."""
    import gc

    gc.enable()
    yield
    gc.disable()


def _collector_state_at_each_call(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str
) -> list[bool]:
    """Whether the cycle collector was on at each call of *module.name* (still called)."""
    import gc

    seen: list[bool] = []
    real = getattr(module, name)

    def watching(*args: object) -> object:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(module, name, watching)
    return seen


def test_a_bundle_is_read_with_the_collector_paused_and_restores_it(
    laptop, tmp_path: Path, monkeypatch, collector_on
) -> None:
    """Reading 20,000 responses' JSON made the collector walk them again and again (as
    long as the reading itself): paused while a bundle is read, on again afterwards, also
    when the bundle is refused."""
    import gc

    from kastedesk.services.bundles import reader

    a, _workshop = _laptop_with_responses(laptop)
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    seen = _collector_state_at_each_call(monkeypatch, reader, "_read")
    assert reader.read_bundle(out).records.responses
    assert seen == [False] and gc.isenabled()
    (tmp_path / "bad.kastebundle").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BundleError):
        reader.read_bundle(tmp_path / "bad.kastebundle")
    assert gc.isenabled()


def test_planning_runs_with_the_collector_paused_and_restores_it(
    laptop, tmp_path: Path, monkeypatch, collector_on
) -> None:
    """The collector's walks over a freshly read bundle were a third of planning: paused
    while planning (import and preview), as it was afterwards, also when planning fails."""
    import gc

    import kastedesk.services.bundles as bundles

    a, _workshop = _laptop_with_responses(laptop)
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    add_registry(b)
    seen = _collector_state_at_each_call(monkeypatch, bundles, "plan_import")
    assert gc.isenabled()
    preview_import(b, out)
    import_bundle(b, out)
    assert seen == [False, False] and gc.isenabled()

    def failing(session, bundle):  # type: ignore[no-untyped-def]
        raise RuntimeError("damaged")

    monkeypatch.setattr(bundles, "plan_import", failing)
    with pytest.raises(RuntimeError):
        import_bundle(b, out)
    assert gc.isenabled()
