"""The evaluation matrix between laptops: regions rated apart merge to the union in any
order; the same cell rated differently is a conflict with both values, never an overwrite."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from kastedesk.domain.bundle_merge import Outcome
from kastedesk.services import evaluation as ev
from kastedesk.services.bundles import BundleError, import_bundle, read_bundle
from kastedesk.services.bundles.conflicts import list_conflicts, resolve_conflict
from kastedesk.services.bundles.exporter import export_bundle
from tests.db_support import files_built_once
from tests.evaluation.conftest import ETELA_SAVO, KESKI_SUOMI, Setup, add_framework


def _cells(db, round_id: int) -> dict[tuple[str, str], tuple[int | None, str]]:
    """{(measure text, region): (rating, comment)}: comparable across databases."""
    matrix = ev.load_matrix(db, round_id)
    texts = {m.id: m.text_fi for g in matrix.goals for m in g.measures}
    return {(texts[m], r): (c.rating, c.comment) for (m, r), c in matrix.cells.items()}


def _round_id(db, kind: str) -> int:
    return next(r.id for r in ev.list_rounds(db) if r.kind.value == kind)


def _measure_id(db, round_id: int, text: str) -> int:
    matrix = ev.load_matrix(db, round_id)
    return next(m.id for g in matrix.goals for m in g.measures if m.text_fi == text)


@pytest.fixture
def field(laptop, tmp_path: Path):
    """The director's framework on laptops a and b, each region rated on its own laptop."""

    def build() -> Setup:
        director = laptop("director")
        setup: Setup = add_framework(director)
        start = tmp_path / "framework.kastebundle"
        export_bundle(director, start)
        a, b = laptop("a"), laptop("b")
        for db in (a, b):
            plan = import_bundle(db, start)
            assert plan.counts["ev_cell"] == {} and plan.new_projects == ["Lapset ja perheet"]
        mid_a, mid_b = _round_id(a, "midterm"), _round_id(b, "midterm")
        ev.set_rating(a, mid_a, _measure_id(a, mid_a, "Kuntakäynnit"), ETELA_SAVO, 3)
        ev.set_cell_comment(a, mid_a, _measure_id(a, mid_a, "Kuntakäynnit"), ETELA_SAVO, "Hyvä")
        ev.set_rating(a, mid_a, _measure_id(a, mid_a, "Järjestöyhteistyö"), ETELA_SAVO, 1)
        ev.set_rating(b, mid_b, _measure_id(b, mid_b, "Kuntakäynnit"), KESKI_SUOMI, 2)
        ev.set_goal_comment(
            b, mid_b, ev.load_framework(b, setup.project).goals[0].id, KESKI_SUOMI, "Ok"
        )
        for name, db in (("a", a), ("b", b)):
            export_bundle(db, tmp_path / f"{name}.kastebundle")
        return setup

    setup = files_built_once("evaluation.field", tmp_path, build)  # the laptops and bundles
    director, a, b = laptop("director"), laptop("a"), laptop("b")
    paths = {name: tmp_path / f"{name}.kastebundle" for name in ("a", "b")}
    return director, setup, a, b, paths


def test_regions_rated_on_two_laptops_merge_to_the_union_in_either_order(field, laptop) -> None:
    director, setup, _a, _b, paths = field
    other = laptop("other")
    import_bundle(other, paths["a"].parent / "framework.kastebundle")
    for db, order in ((director, ("a", "b")), (other, ("b", "a"))):
        for name in order:
            import_bundle(db, paths[name])
    union = {
        ("Kuntakäynnit", ETELA_SAVO): (3, "Hyvä"),
        ("Järjestöyhteistyö", ETELA_SAVO): (1, ""),
        ("Kuntakäynnit", KESKI_SUOMI): (2, ""),
    }
    assert _cells(director, setup.midterm) == union
    assert _cells(other, _round_id(other, "midterm")) == union
    notes = ev.load_matrix(director, setup.midterm).goal_comments
    assert notes == {(setup.goals[0], KESKI_SUOMI): "Ok"}
    assert list_conflicts(director) == [] and list_conflicts(other) == []
    again = import_bundle(director, paths["a"])
    assert not again.changes_anything


def test_the_same_cell_rated_differently_is_a_conflict_with_both_values(field, tmp_path) -> None:
    director, setup, a, b, paths = field
    mid_b = _round_id(b, "midterm")
    ev.set_rating(b, mid_b, _measure_id(b, mid_b, "Kuntakäynnit"), ETELA_SAVO, 1)
    export_bundle(b, paths["b"])
    import_bundle(director, paths["a"])
    plan = import_bundle(director, paths["b"])
    assert plan.counts["ev_cell"][Outcome.CONFLICT] == 1
    cell = ("Kuntakäynnit", ETELA_SAVO)
    assert _cells(director, setup.midterm)[cell] == (3, "Hyvä")  # not overwritten
    (conflict,) = list_conflicts(director)
    assert conflict.kind_label == "Rating"
    assert "Kuntakäynnit" in conflict.title and "Etelä-Savo" in conflict.title
    rating = next(d for d in conflict.differences if d.field == "Rating")
    assert (rating.here, rating.incoming) == ("3", "1")
    resolve_conflict(director, conflict.id, take_incoming=True)
    assert _cells(director, setup.midterm)[cell] == (1, "")
    assert list_conflicts(director) == []
    # The choice travels: a's laptop takes the director's choice as an update, no conflict.
    back = tmp_path / "director.kastebundle"
    export_bundle(director, back)
    plan = import_bundle(a, back)
    assert plan.counts["ev_cell"][Outcome.CONFLICT] == 0
    assert _cells(a, _round_id(a, "midterm"))[cell] == (1, "")


def test_an_edit_of_an_unchanged_cell_is_an_update(field, tmp_path) -> None:
    director, setup, a, _b, paths = field
    import_bundle(director, paths["a"])
    mid_a = _round_id(a, "midterm")
    ev.set_rating(a, mid_a, _measure_id(a, mid_a, "Kuntakäynnit"), ETELA_SAVO, 2)
    export_bundle(a, paths["a"], since_last=True)
    bundle = read_bundle(paths["a"])
    assert {r.kind for r in bundle.records.evaluation} == {
        "ev_cell",
        "ev_round",
        "ev_measure",
        "ev_goal",
    }
    plan = import_bundle(director, paths["a"])
    assert plan.counts["ev_cell"][Outcome.UPDATE] == 1
    assert _cells(director, setup.midterm)[("Kuntakäynnit", ETELA_SAVO)] == (2, "Hyvä")


def test_a_locked_round_is_not_rewritten_by_a_late_bundle(field) -> None:
    director, setup, a, _b, paths = field
    import_bundle(director, paths["a"])
    ev.lock_round(director, setup.midterm)
    mid_a = _round_id(a, "midterm")
    ev.set_rating(a, mid_a, _measure_id(a, mid_a, "Kuntakäynnit"), ETELA_SAVO, 1)
    export_bundle(a, paths["a"])
    plan = import_bundle(director, paths["a"])
    assert plan.counts["ev_cell"][Outcome.CONFLICT] == 1
    assert _cells(director, setup.midterm)[("Kuntakäynnit", ETELA_SAVO)] == (3, "Hyvä")


def test_framework_changes_travel_and_bundles_of_format_1_are_still_read(field, tmp_path) -> None:
    director, setup, a, _b, _paths = field
    ev.update_measure(director, setup.measures[0][0], ev.MeasureFields("Kuntakäynnit tehty", "sv"))
    ev.set_regions(director, setup.project, [ETELA_SAVO, KESKI_SUOMI, "15"])
    out = tmp_path / "director.kastebundle"
    export_bundle(director, out)
    plan = import_bundle(a, out)
    assert plan.counts["ev_measure"][Outcome.UPDATE] == 1
    assert plan.counts["ev_region"][Outcome.INSERT] == 1
    framework = ev.load_framework(a, ev.list_rounds(a)[0].project_id)
    assert framework.regions == [ETELA_SAVO, KESKI_SUOMI, "15"]
    assert framework.goals[0].measures[0].text_fi == "Kuntakäynnit tehty"

    with zipfile.ZipFile(out) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(entries.pop("manifest.json"))
    manifest["format_version"] = 1
    del manifest["parts"]["evaluation.json"]
    entries.pop("evaluation.json")
    old = tmp_path / "old.kastebundle"
    with zipfile.ZipFile(old, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, body in entries.items():
            archive.writestr(name, body)
    assert read_bundle(old).records.evaluation == []
    assert import_bundle(a, old).inserted == 0

    manifest["format_version"] = 2  # a format-2 bundle without its evaluation part
    with zipfile.ZipFile(old, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, body in entries.items():
            archive.writestr(name, body)
    with pytest.raises(BundleError, match=r"evaluation\.json"):
        read_bundle(old)


def test_a_cell_whose_uuid_does_not_match_its_place_is_refused(field, tmp_path) -> None:
    _director, _setup, _a, _b, paths = field
    with zipfile.ZipFile(paths["a"]) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    part = json.loads(entries["evaluation.json"])
    cell = next(r for r in part["evaluation"] if r["kind"] == "ev_cell")
    cell["content"]["region"] = "15"  # moved to another region under the same id
    entries["evaluation.json"] = json.dumps(part).encode()
    manifest = json.loads(entries["manifest.json"])
    import hashlib

    manifest["parts"]["evaluation.json"]["sha256"] = hashlib.sha256(
        entries["evaluation.json"]
    ).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    bad = tmp_path / "bad.kastebundle"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    with pytest.raises(BundleError, match="evaluation record: uuid"):
        read_bundle(bad)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones are switched with tzset")
def test_a_reopened_round_travels_unchanged_whatever_the_local_time_zone(field, tmp_path) -> None:
    director, setup, a, _b, _paths = field
    ev.lock_round(director, setup.baseline)
    ev.reopen_round(director, setup.baseline, "Pohjanmaan arvio puuttui")
    out = tmp_path / "reopened.kastebundle"
    export_bundle(director, out)
    original = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Helsinki"
    time.tzset()
    try:  # laptop a in Finland's time zone, the director's in UTC
        import_bundle(a, out)
        back = tmp_path / "back.kastebundle"
        export_bundle(a, back)
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()
    try:
        plan = import_bundle(director, back)
    finally:
        if original is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = original
        time.tzset()
    assert plan.counts["ev_round"][Outcome.UPDATE] == 0
    assert plan.counts["ev_round"][Outcome.CONFLICT] == 0
    (round_a,) = [r for r in ev.list_rounds(a) if r.kind.value == "baseline"]
    (round_d,) = [r for r in ev.list_rounds(director) if r.kind.value == "baseline"]
    assert round_a.reopenings[0][0].replace(microsecond=0) == round_d.reopenings[0][0].replace(
        microsecond=0
    )


def test_a_comment_with_control_characters_is_refused_with_the_record_named(
    field, tmp_path
) -> None:
    import hashlib

    _director, _setup, _a, _b, paths = field
    with zipfile.ZipFile(paths["a"]) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    part = json.loads(entries["evaluation.json"])
    goal = next(r for r in part["evaluation"] if r["kind"] == "ev_goal")
    goal["content"]["theme_fi"] = "Teema\nkahdella rivillä"
    entries["evaluation.json"] = json.dumps(part).encode()
    manifest = json.loads(entries["manifest.json"])
    manifest["parts"]["evaluation.json"]["sha256"] = hashlib.sha256(
        entries["evaluation.json"]
    ).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    bad = tmp_path / "bad.kastebundle"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    with pytest.raises(BundleError, match="theme_fi") as info:
        read_bundle(bad)
    assert goal["content"]["text_fi"][:20] in str(info.value)
