"""Export and import between databases: round trip, idempotence, conflicts, deletions."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.services.bundles import import_bundle, preview_import
from kastedesk.services.bundles.conflicts import list_conflicts, resolve_conflict
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.feedback_entry import delete_response
from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import Database
from kastedesk.storage.models.bundles import BundleConflict
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackResponse
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.workshops import Workshop
from tests.bundles.conftest import add_registry, add_workshop, people_ids, type_responses


def _snapshot(db: Database) -> dict:
    """Everything an import may touch, by UUID (local ids differ between databases)."""
    from sqlalchemy import true

    from kastedesk.services.bundles.local_records import load_forms, load_responses, load_workshops

    with db.read() as session:
        return {
            "workshops": {
                u: loc.record.version for u, loc in load_workshops(session, true()).items()
            },
            "forms": {u: loc.record.version for u, loc in load_forms(session, true()).items()},
            "responses": {
                u: loc.record.version for u, loc in load_responses(session, true()).items()
            },
            "conflicts": sorted(
                session.execute(select(BundleConflict.uuid, BundleConflict.version))
            ),
        }


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Workshop)),
            session.scalar(
                select(func.count())
                .select_from(FeedbackResponse)
                .where(FeedbackResponse.deleted_at.is_(None))
            ),
            session.scalar(select(func.count()).select_from(FeedbackAnswer)),
        )


@pytest.fixture
def field_laptop(laptop):
    """Laptop "a" with one workshop and five typed responses (one with a comment)."""
    a = laptop("a")
    reg = add_registry(a)
    workshop = add_workshop(a, reg)
    type_responses(a, workshop, [5, 4, 4, 3])
    type_responses(a, workshop, [2], comment="Hyvä päivä")
    return a, workshop



def _shared_with_b(a, laptop, tmp_path):
    """Laptop "b" holding what laptop *a* exported; (b, that bundle)."""
    shared = tmp_path / "shared.kastebundle"
    export_bundle(a, shared)
    b = laptop("b")
    import_bundle(b, shared)
    return b, shared


def test_round_trip_to_an_empty_database(field_laptop, laptop, tmp_path: Path) -> None:
    a, _workshop = field_laptop
    out = tmp_path / "a.kastebundle"
    summary = export_bundle(a, out)
    assert (summary.workshops, summary.forms, summary.responses) == (1, 1, 5)

    b = laptop("b")
    plan = import_bundle(b, out)
    assert (plan.inserted, plan.unchanged, plan.conflicts, plan.deleted) == (7, 0, 0, 0)
    assert plan.new_projects == ["Lasten ja perheiden palvelut"]
    assert sorted(plan.new_people) == ["Aino Aaltonen", "Bo Berg"]
    assert _snapshot(a) == _snapshot(b)
    assert _counts(b) == _counts(a)
    [row] = list_workshops(b)
    assert (row.title, row.module, row.region, row.responses, row.coordinator) == (
        "Työpaja A Vaasa",
        "A",
        "15",
        5,
        "Aino Aaltonen",
    )
    summary = summarize(b, ResultFilter())
    assert summary.responses == 5
    assert summary.question("comments").comments == ["Hyvä päivä 2"]
    assert summary.question("expectations").counts == {5: 1, 4: 2, 3: 1, 2: 1}
    with b.read() as session:
        aino = session.scalars(select(Person).where(Person.first_name == "Aino")).one()
        assert aino.email == "aino@example.fi"
        origins = set(session.scalars(select(FeedbackResponse.origin)))
    with a.read() as session:
        assert origins == set(session.scalars(select(FeedbackResponse.origin)))


def test_import_matches_registry_by_value_not_by_local_id(field_laptop, laptop, tmp_path) -> None:
    a, _workshop = field_laptop
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    add_registry(b, extra_person=True)  # the same people under other ids
    plan = import_bundle(b, out)
    assert plan.new_projects == [] and plan.new_people == []
    data = workshop_data(b, list_workshops(b)[0].id)
    ids = people_ids(b)
    assert data.coordinator_id == ids["Aino Aaltonen"]
    assert data.facilitator_ids == [ids["Bo Berg"]]
    with b.read() as session:
        assert session.scalar(select(func.count()).select_from(Project)) == 1


def test_importing_twice_changes_nothing(field_laptop, laptop, tmp_path) -> None:
    a, _workshop = field_laptop
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    import_bundle(b, out)
    before = _snapshot(b), _counts(b)
    again = import_bundle(b, out)
    assert (again.inserted, again.unchanged, again.conflicts, again.deleted) == (0, 7, 0, 0)
    assert not again.changes_anything
    assert (_snapshot(b), _counts(b)) == before
    # and back to where it came from: nothing new there either
    back = tmp_path / "b.kastebundle"
    export_bundle(b, back)
    assert import_bundle(a, back).unchanged == 7


def test_dry_run_and_preview_write_nothing(field_laptop, laptop, tmp_path) -> None:
    a, _workshop = field_laptop
    out = tmp_path / "a.kastebundle"
    export_bundle(a, out)
    b = laptop("b")
    before = _snapshot(b)
    assert import_bundle(b, out, dry_run=True).inserted == 7
    assert preview_import(b, out).inserted == 7
    assert _snapshot(b) == before and _counts(b) == (0, 0, 0)


def test_deletion_marker_deletes_and_an_old_bundle_does_not_bring_it_back(
    field_laptop, laptop, tmp_path
) -> None:
    a, _workshop = field_laptop
    old = tmp_path / "old.kastebundle"
    export_bundle(a, old)
    b = laptop("b")
    import_bundle(b, old)
    with a.session() as session:
        first = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id))
        delete_response(session, first)
    new = tmp_path / "new.kastebundle"
    export_bundle(a, new)
    plan = import_bundle(b, new)
    assert (plan.deleted, plan.unchanged) == (1, 6)
    assert _counts(b)[1] == 4
    again = import_bundle(b, old)  # the old bundle still has it alive
    assert again.kept_deleted == 1 and not again.changes_anything
    assert _counts(b)[1] == 4
    # a laptop that never saw the response keeps the deletion marker too
    c = laptop("c")
    assert import_bundle(c, new).deleted == 1
    assert import_bundle(c, old).kept_deleted == 1
    assert _counts(c)[1] == 4


def test_parallel_edits_are_a_conflict_that_the_user_resolves(
    field_laptop, laptop, tmp_path
) -> None:
    a, workshop_a = field_laptop
    b, _shared = _shared_with_b(a, laptop, tmp_path)
    workshop_b = list_workshops(b)[0].id

    data = workshop_data(a, workshop_a)
    data.attended = 25
    update_workshop(a, workshop_a, data)
    data_b = workshop_data(b, workshop_b)
    data_b.place = "Vaasan kaupungintalo"
    update_workshop(b, workshop_b, data_b)

    from_a = tmp_path / "from_a.kastebundle"
    export_bundle(a, from_a)
    plan = import_bundle(b, from_a)
    assert plan.conflicts == 1 and plan.unchanged == 6
    # nothing overwritten: b still has its own version, a's is kept beside it
    assert workshop_data(b, workshop_b).place == "Vaasan kaupungintalo"
    assert workshop_data(b, workshop_b).attended == 23
    [conflict] = list_conflicts(b)
    assert conflict.kind == "workshop" and conflict.title == "Työpaja A Vaasa"
    changed = {d.field: (d.here, d.incoming) for d in conflict.differences}
    assert changed["Attended"] == ("23", "25")
    assert changed["Place"] == ("Vaasan kaupungintalo", "")
    # the same bundle again: the conflict is not doubled
    assert import_bundle(b, from_a).conflicts == 0
    assert len(list_conflicts(b)) == 1

    resolve_conflict(b, conflict.id, take_incoming=True)
    assert workshop_data(b, workshop_b).attended == 25
    assert list_conflicts(b) == []
    assert import_bundle(b, from_a).changes_anything is False

    # b's resolution travels back: a takes it as a newer version, no conflict (a's own
    # content, as a new revision that knows both versions: see the next test)
    back = tmp_path / "back.kastebundle"
    export_bundle(b, back)
    plan = import_bundle(a, back)
    assert (plan.conflicts, plan.updated) == (0, 1)
    assert workshop_data(a, workshop_a).attended == 25
    assert not import_bundle(a, back).changes_anything


@pytest.mark.parametrize("same_choice", [True, False])
def test_one_conflict_resolved_on_two_laptops(
    field_laptop, laptop, tmp_path, same_choice: bool
) -> None:
    """Both laptops got the conflict and each resolved it: the same choice is one version
    everywhere; opposite choices meet as a conflict again (never two laptops each sure
    the other's is older), and gatherers agree in either order."""
    a, workshop_a = field_laptop
    b, shared = _shared_with_b(a, laptop, tmp_path)
    workshop_b = list_workshops(b)[0].id
    for db, wid, attended in ((a, workshop_a, 25), (b, workshop_b, 30)):
        data = workshop_data(db, wid)
        data.attended = attended
        update_workshop(db, wid, data)
    paths = {name: tmp_path / f"{name}.kastebundle" for name in ("a", "b")}
    for name, db in (("a", a), ("b", b)):
        export_bundle(db, paths[name])
    import_bundle(a, paths["b"])
    import_bundle(b, paths["a"])
    # a keeps its 25; b takes a's 25 (the same choice) or keeps its 30 (the opposite)
    resolve_conflict(a, list_conflicts(a)[0].id, take_incoming=False)
    resolve_conflict(b, list_conflicts(b)[0].id, take_incoming=same_choice)
    for name, db in (("a", a), ("b", b)):
        export_bundle(db, paths[name])
    results = []
    for name, order in (("g1", ("a", "b")), ("g2", ("b", "a"))):
        gatherer = laptop(name)
        import_bundle(gatherer, shared)
        for source in order:
            import_bundle(gatherer, paths[source])
        conflicts = list_conflicts(gatherer)
        attended = workshop_data(gatherer, list_workshops(gatherer)[0].id).attended
        results.append((len(conflicts), attended if same_choice else None))
    expected = (0, 25) if same_choice else (1, None)  # (conflicts, participants)
    assert results == [expected, expected]
    plan = import_bundle(a, paths["b"])
    assert plan.conflicts == (0 if same_choice else 1)


def test_keeping_the_local_version_travels_as_newer(field_laptop, laptop, tmp_path) -> None:
    a, workshop_a = field_laptop
    b, _shared = _shared_with_b(a, laptop, tmp_path)
    workshop_b = list_workshops(b)[0].id
    for db, wid, status in ((a, workshop_a, WorkshopStatus.CANCELLED), (b, workshop_b, None)):
        data = workshop_data(db, wid)
        if status:
            data.status = status
        else:
            data.notes = "Siirretty kevääseen"
        update_workshop(db, wid, data)
    from_a = tmp_path / "from_a.kastebundle"
    export_bundle(a, from_a)
    import_bundle(b, from_a)
    [conflict] = list_conflicts(b)
    resolve_conflict(b, conflict.id, take_incoming=False)
    assert workshop_data(b, workshop_b).notes == "Siirretty kevääseen"
    back = tmp_path / "back.kastebundle"
    export_bundle(b, back)
    plan = import_bundle(a, back)
    assert (plan.updated, plan.conflicts) == (1, 0)
    assert workshop_data(a, workshop_a).notes == "Siirretty kevääseen"
    assert workshop_data(a, workshop_a).status is WorkshopStatus.HELD


def test_edit_of_an_unchanged_copy_is_taken_without_conflict(field_laptop, laptop, tmp_path):
    a, workshop_a = field_laptop
    b, shared = _shared_with_b(a, laptop, tmp_path)
    data = workshop_data(a, workshop_a)
    data.attended = 30
    update_workshop(a, workshop_a, data)
    newer = tmp_path / "newer.kastebundle"
    export_bundle(a, newer)
    plan = import_bundle(b, newer)
    assert (plan.updated, plan.conflicts) == (1, 0)
    assert list_workshops(b)[0].attended == 30
    assert import_bundle(b, shared).changes_anything is False  # the older one is known


def test_since_last_exports_only_what_changed(field_laptop, tmp_path) -> None:
    a, workshop = field_laptop
    first = export_bundle(a, tmp_path / "1.kastebundle", since_last=True)
    assert first.responses == 5
    nothing = export_bundle(a, tmp_path / "2.kastebundle", since_last=True)
    assert (nothing.workshops, nothing.forms, nothing.responses) == (0, 0, 0)
    type_responses(a, workshop, [1])
    with a.session() as session:
        first_id = session.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id))
        delete_response(session, first_id)
    third = export_bundle(a, tmp_path / "3.kastebundle", since_last=True)
    # the new response and the deletion marker, with their workshop and form
    assert (third.workshops, third.forms, third.responses, third.deleted) == (1, 1, 2, 1)


def test_export_of_chosen_workshops(field_laptop, tmp_path) -> None:
    a, _workshop = field_laptop
    other = add_workshop(a, {"project": 1, "module": 1, "aino": 1, "bo": 2}, "Toinen")
    type_responses(a, other, [3, 3])
    summary = export_bundle(a, tmp_path / "x.kastebundle", workshop_ids=[other])
    assert (summary.workshops, summary.responses) == (1, 2)


def test_three_laptops_merge_to_the_same_result_in_any_order(laptop, tmp_path) -> None:
    # a plans the workshop and shares it; b and c type in forms; a deletes one of b's
    a = laptop("a")
    reg = add_registry(a)
    workshop = add_workshop(a, reg)
    type_responses(a, workshop, [5, 5])
    plan_bundle = tmp_path / "plan.kastebundle"
    export_bundle(a, plan_bundle)
    bundles = {"a": None, "b": None, "c": None}
    for name, values in (("b", [1, 2, 3]), ("c", [4, 4])):
        db = laptop(name)
        import_bundle(db, plan_bundle)
        wid = list_workshops(db)[0].id
        type_responses(db, wid, values, comment=f"from {name}")
        if name == "b":
            with db.session() as session:
                last = session.scalar(
                    select(FeedbackResponse.id).order_by(FeedbackResponse.id.desc())
                )
                delete_response(session, last)
        out = tmp_path / f"{name}.kastebundle"
        export_bundle(db, out)
        bundles[name] = out
    data = workshop_data(a, workshop)
    data.notes = "Pidetty"
    update_workshop(a, workshop, data)
    bundles["a"] = tmp_path / "a.kastebundle"
    export_bundle(a, bundles["a"])

    results = []
    for n, order in enumerate(itertools.permutations("abc")):
        gatherer = laptop(f"g{n}")
        for name in order:
            import_bundle(gatherer, bundles[name])
        snapshot = _snapshot(gatherer)
        results.append((snapshot, _counts(gatherer)))
        assert snapshot["conflicts"] == []
    assert all(r == results[0] for r in results)
    assert results[0][1] == (1, 2 + 2 + 2, results[0][1][2])  # b's third was deleted
    with laptop("g0").read() as session:
        notes = session.scalar(select(Workshop.notes))
    assert notes == "Pidetty"


def test_form_versions_travel_and_a_taken_number_is_renumbered(laptop, tmp_path) -> None:
    from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec
    from kastedesk.services.feedback_forms import list_forms, load_form, save_form

    a = laptop("a")
    workshop = add_workshop(a, add_registry(a))
    type_responses(a, workshop, [4])  # answered: an edit makes version 2
    b, _shared = _shared_with_b(a, laptop, tmp_path)
    form_a = load_form(a, list_forms(a)[0].id)
    form_b = load_form(b, list_forms(b)[0].id)
    extra = QuestionSpec(QuestionKind.YES_NO, "Suosittelisitko?", "Skulle du rekommendera?")
    for db, form in ((a, form_a), (b, form_b)):
        spec = form.spec
        spec = type(spec)(spec.name_fi, spec.name_sv, (*spec.questions, extra))
        assert load_form(db, save_form(db, form.id, spec)).version == 2
    # b also changes its copy's wording, so the two version 2s differ
    new_b = load_form(b, list_forms(b)[0].id)
    spec = new_b.spec
    spec = type(spec)(spec.name_fi + " (B)", spec.name_sv, spec.questions)
    save_form(b, new_b.id, spec)
    out = tmp_path / "a2.kastebundle"
    export_bundle(a, out)
    plan = import_bundle(b, out)
    assert plan.counts["form"]["insert"] == 1
    versions = sorted((r.version, r.name_fi) for r in list_forms(b, latest_only=False))
    assert versions == [
        (1, "Työpajan palaute"),
        (2, "Työpajan palaute (B)"),
        (3, "Työpajan palaute"),  # a's version 2, renumbered here
    ]
    assert import_bundle(b, out).changes_anything is False


def test_answered_form_is_never_rewritten_by_an_incoming_edit(laptop, tmp_path) -> None:
    from kastedesk.domain.validation import ValidationError
    from kastedesk.services.feedback_forms import list_forms, load_form, save_form

    a = laptop("a")
    add_workshop(a, add_registry(a))
    b, _shared = _shared_with_b(a, laptop, tmp_path)
    type_responses(b, list_workshops(b)[0].id, [3, 4])
    form = load_form(a, list_forms(a)[0].id)  # no responses on a: edited in place
    spec = form.spec
    save_form(a, form.id, type(spec)(spec.name_fi + " 2015", spec.name_sv, spec.questions[:2]))
    edited = tmp_path / "edited.kastebundle"
    export_bundle(a, edited)
    plan = import_bundle(b, edited)
    assert plan.counts["form"]["conflict"] == 1 and plan.updated == 0
    [conflict] = list_conflicts(b)
    assert conflict.kind == "form"
    with pytest.raises(ValidationError):
        resolve_conflict(b, conflict.id, take_incoming=True)
    assert len(load_form(b, list_forms(b)[0].id).spec.questions) == 5
    resolve_conflict(b, conflict.id, take_incoming=False)
    assert list_conflicts(b) == []
    assert summarize(b, ResultFilter()).responses == 2
