"""Property (hypothesis) on real databases: laptops that type, correct and delete
responses, edit workshops and pass bundles around in any way; two gatherers
importing everyone's bundle in opposite orders end with the same responses,
tombstones, workshop versions and conflicts, and every typed form exactly once
(a correction is never a second response)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, true

from kastedesk.domain.feedback_entry import Answer
from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.bundles.local_records import load_responses, load_workshops
from kastedesk.services.feedback_entry import (
    answers_for_correction,
    correct_response,
    delete_response,
    open_entry,
)
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.bundles import BundleConflict
from kastedesk.storage.models.feedback import FeedbackResponse
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.properties import examples, properties

LAPTOPS = 3
steps = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.integers(0, LAPTOPS - 1), st.integers(1, 5)),
        st.tuples(st.just("delete"), st.integers(0, LAPTOPS - 1), st.integers(0, 9)),
        st.tuples(st.just("edit"), st.integers(0, LAPTOPS - 1), st.integers(10, 40)),
        st.tuples(st.just("correct"), st.integers(0, LAPTOPS - 1), st.integers(0, 49)),
        st.tuples(st.just("send"), st.integers(0, LAPTOPS - 1), st.integers(0, LAPTOPS - 1)),
    ),
    min_size=1,
    max_size=10,
)


def _live(db: Database) -> list[int]:
    with db.read() as session:
        return list(
            session.scalars(
                select(FeedbackResponse.id)
                .where(FeedbackResponse.deleted_at.is_(None))
                .order_by(FeedbackResponse.id)
            )
        )


def _in_hand(db: Database) -> dict:
    with db.read() as session:
        state: dict[str, tuple] = {}
        for group in (load_workshops(session, true()), load_responses(session, true())):
            for uuid, local in group.items():
                deleted = getattr(local.record, "deleted_at", None) is not None
                state[uuid] = (deleted, {local.record.version} if not deleted else set())
        for uuid, version in session.execute(select(BundleConflict.uuid, BundleConflict.version)):
            state[uuid][1].add(version)
    return {uuid: (deleted, sorted(versions)) for uuid, (deleted, versions) in state.items()}


@properties
@settings(
    max_examples=examples(3, 30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps)
def test_gatherers_agree_whatever_the_laptops_did(tmp_path_factory, migrated_file, plan) -> None:
    folder: Path = tmp_path_factory.mktemp("laptops")
    opened: list[Database] = []

    def open_db(name: str) -> Database:
        path = folder / f"{name}.sqlite"
        shutil.copyfile(migrated_file, path)  # a fresh database, migrated once per session
        db = open_database(resolve_url(path))
        opened.append(db)
        return db

    try:
        laptops = [open_db(f"l{n}") for n in range(LAPTOPS)]
        add_workshop(laptops[0], add_registry(laptops[0]))
        start = folder / "start.kastebundle"
        export_bundle(laptops[0], start)
        for db in laptops[1:]:
            import_bundle(db, start)
        for n, (action, who, arg) in enumerate(plan):
            db = laptops[who]
            workshop = list_workshops(db)[0].id
            if action == "type":
                type_responses(db, workshop, [1 + k % 5 for k in range(arg)])
            elif action == "delete":
                with db.session() as session:
                    ids = list(
                        session.scalars(
                            select(FeedbackResponse.id).where(FeedbackResponse.deleted_at.is_(None))
                        )
                    )
                    if ids:
                        delete_response(session, ids[arg % len(ids)])
            elif action == "correct":  # form arg // 5 gets a first answer of arg % 5 + 1
                ids = _live(db)
                if ids:
                    ctx = open_entry(db, workshop)
                    target = ids[(arg // 5) % len(ids)]
                    answers = answers_for_correction(db, ctx, target)
                    answers[0] = Answer(arg % 5 + 1)
                    correct_response(db, ctx, target, answers)
                    assert _live(db) == ids  # corrected in place, nothing added
            elif action == "edit":
                data = workshop_data(db, workshop)
                data.attended = arg
                update_workshop(db, workshop, data)
            else:
                out = folder / f"step{n}.kastebundle"
                export_bundle(db, out)
                import_bundle(laptops[arg], out)
        finals = []
        for n, db in enumerate(laptops):
            finals.append(folder / f"final{n}.kastebundle")
            export_bundle(db, finals[-1])
        results = []
        for name, order in (("g1", finals), ("g2", finals[::-1])):
            gatherer = open_db(name)
            for path in order:
                import_bundle(gatherer, path)
            results.append(_in_hand(gatherer))
            for path in order:  # and again: nothing changes
                assert not import_bundle(gatherer, path).changes_anything
        assert results[0] == results[1]
        # every typed form arrived exactly once (deleted ones as tombstones), one workshop
        typed = sum(arg for action, _who, arg in plan if action == "type")
        assert len(results[0]) == typed + 1
        with gatherer.read() as session:
            assert len(session.scalars(select(FeedbackResponse.id)).all()) == typed
    finally:
        for db in opened:
            db.dispose()
