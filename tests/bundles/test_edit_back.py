"""An edit back to what a record was, after the other version travelled.

A version is a hash of the content: a count 23 → 10 → 23 (or a rating 2 → 3 → 2, a
correction and its undoing) brought back a version the others knew as older. A
gatherer that got the 10 first kept it, one that got it last took the 23: the two
disagreed for good (found by test_bundle_merge_property). Now the edit back travels
under a new revision, and every gatherer ends with it, in any order, without a conflict.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from kastedesk.domain.bundle_merge import content_version, revised_version
from kastedesk.domain.feedback_entry import Answer
from kastedesk.services import evaluation as ev
from kastedesk.services.bundles import import_bundle, read_bundle
from kastedesk.services.bundles.conflicts import list_conflicts
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.feedback_entry import (
    answers_for_correction,
    correct_response,
    open_entry,
)
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import Database
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.evaluation.conftest import ETELA_SAVO, add_framework

Edit = Callable[[Database, int], None]  # (laptop, value)
Read = Callable[[Database], int | None]


def _gather_both_ways(
    laptop: Callable[[str], Database],
    tmp_path: Path,
    make: Callable[[Database], None],
    edit: Edit,
    read: Read,
    first: int,
    other: int,
) -> None:
    """Laptop 0 makes the record (at *first*) and shares it; edits it to *other* and sends
    that to laptop 1; edits it back to *first*. Two gatherers take the three laptops'
    bundles in opposite orders: both end at *first*, with no conflict, and a second
    import of every bundle changes nothing."""
    laptops = [laptop(f"l{n}") for n in range(3)]
    make(laptops[0])
    start = tmp_path / "start.kastebundle"
    export_bundle(laptops[0], start)
    for db in laptops[1:]:
        import_bundle(db, start)
    assert read(laptops[0]) == first
    edit(laptops[0], other)
    sent = tmp_path / "sent.kastebundle"
    export_bundle(laptops[0], sent)
    import_bundle(laptops[1], sent)
    assert read(laptops[1]) == other
    edit(laptops[0], first)  # back to what it was
    finals = []
    for n, db in enumerate(laptops):
        finals.append(tmp_path / f"final{n}.kastebundle")
        export_bundle(db, finals[-1])
    for name, order in (("g1", finals), ("g2", finals[::-1])):
        gatherer = laptop(name)
        for path in order:
            import_bundle(gatherer, path)
        assert read(gatherer) == first, name
        assert list_conflicts(gatherer) == [], name
        for path in order:
            assert not import_bundle(gatherer, path).changes_anything, name
    # and laptop 1, which had the 10, takes the edit back too
    import_bundle(laptops[1], finals[0])
    assert read(laptops[1]) == first
    assert list_conflicts(laptops[1]) == []


def test_a_count_edited_back_reaches_every_gatherer(laptop, tmp_path: Path) -> None:
    def make(db: Database) -> None:
        add_workshop(db, add_registry(db))  # attended 23

    def edit(db: Database, value: int) -> None:
        workshop = list_workshops(db)[0].id
        data = workshop_data(db, workshop)
        data.attended = value
        update_workshop(db, workshop, data)

    def read(db: Database) -> int | None:
        return workshop_data(db, list_workshops(db)[0].id).attended

    _gather_both_ways(laptop, tmp_path, make, edit, read, 23, 10)


def test_a_rating_changed_back_reaches_every_gatherer(laptop, tmp_path: Path) -> None:
    def cell(db: Database) -> tuple[int, int]:
        round_id = next(r.id for r in ev.list_rounds(db) if r.kind.value == "midterm")
        matrix = ev.load_matrix(db, round_id)
        measures = [m for g in matrix.goals for m in g.measures]
        measure = next(m.id for m in measures if m.text_fi == "Kuntakäynnit")
        return round_id, measure

    def make(db: Database) -> None:
        add_framework(db)
        edit(db, 2)

    def edit(db: Database, value: int) -> None:
        ev.set_rating(db, *cell(db), ETELA_SAVO, value)

    def read(db: Database) -> int | None:
        round_id, measure = cell(db)
        return ev.load_matrix(db, round_id).cells[(measure, ETELA_SAVO)].rating

    _gather_both_ways(laptop, tmp_path, make, edit, read, 2, 3)


def test_a_correction_undone_reaches_every_gatherer(laptop, tmp_path: Path) -> None:
    def make(db: Database) -> None:
        workshop = add_workshop(db, add_registry(db))
        type_responses(db, workshop, [4])

    def edit(db: Database, value: int) -> None:
        workshop = list_workshops(db)[0].id
        ctx = open_entry(db, workshop)
        (response,) = _response_ids(db)
        answers = answers_for_correction(db, ctx, response)
        answers[0] = Answer(value)
        assert correct_response(db, ctx, response, answers)

    def read(db: Database) -> int | None:
        workshop = list_workshops(db)[0].id
        (response,) = _response_ids(db)
        return answers_for_correction(db, open_entry(db, workshop), response)[0].value

    _gather_both_ways(laptop, tmp_path, make, edit, read, 4, 1)


def _response_ids(db: Database) -> list[int]:
    from sqlalchemy import select

    from kastedesk.storage.models.feedback import FeedbackResponse

    with db.read() as session:
        return list(
            session.scalars(
                select(FeedbackResponse.id).where(FeedbackResponse.deleted_at.is_(None))
            )
        )


def test_the_edit_back_travels_with_a_revision_and_the_rest_as_before(
    laptop, tmp_path: Path
) -> None:
    db = laptop("a")
    workshop = add_workshop(db, add_registry(db))
    first = tmp_path / "first.kastebundle"
    export_bundle(db, first)
    (record,) = read_bundle(first).records.workshops
    assert record.revision == 0 and record.version == content_version(record.content)
    assert "revision" not in _raw_workshop(first)  # bundles without one read as before
    for attended in (10, 23):
        data = workshop_data(db, workshop)
        data.attended = attended
        update_workshop(db, workshop, data)
        export_bundle(db, tmp_path / f"{attended}.kastebundle")
    (back,) = read_bundle(tmp_path / "23.kastebundle").records.workshops
    assert back.content == record.content and back.revision == 1
    assert back.version == revised_version(record.content, 1) != record.version
    assert _raw_workshop(tmp_path / "23.kastebundle")["revision"] == 1
    # exported again unchanged: the same revision, nothing new
    export_bundle(db, tmp_path / "again.kastebundle")
    (again,) = read_bundle(tmp_path / "again.kastebundle").records.workshops
    assert again.version == back.version


def _raw_workshop(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        (workshop,) = json.loads(archive.read("workshops.json"))["workshops"]
    return workshop
