"""Merge rules of bundles: examples, then properties over random histories (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kastedesk.domain.bundle_merge import (
    DELETED_VERSION,
    Incoming,
    LocalState,
    Outcome,
    canonical_json,
    content_version,
    decide,
    merge,
    next_revision,
    resolve,
    revised_version,
    went_back,
)
from tests.properties import examples, properties


def test_canonical_json_ignores_key_order_and_keeps_text() -> None:
    assert canonical_json({"b": 1, "a": "ä"}) == '{"a":"ä","b":1}'
    assert content_version({"a": 1, "b": [1, 2]}) == content_version({"b": [1, 2], "a": 1})
    assert content_version({"a": 1}) != content_version({"a": 2})


def test_new_record_is_inserted_and_a_new_deletion_marker_kept() -> None:
    assert decide(None, Incoming("v1")) is Outcome.INSERT
    outcome, state = merge(None, Incoming(DELETED_VERSION, deleted=True))
    assert outcome is Outcome.INSERT_DELETED
    assert state.deleted and state.in_hand() == frozenset()


def test_same_or_older_version_is_unchanged() -> None:
    local = LocalState("v2", known=frozenset({"v1", "v2"}))
    assert decide(local, Incoming("v2")) is Outcome.UNCHANGED
    assert decide(local, Incoming("v1")) is Outcome.UNCHANGED


def test_edit_of_what_we_hold_is_taken_and_a_parallel_edit_is_a_conflict() -> None:
    local = LocalState("v1", known=frozenset({"v1"}))
    assert decide(local, Incoming("v2", supersedes=frozenset({"v1"}))) is Outcome.UPDATE
    outcome, state = merge(local, Incoming("v3"))
    assert outcome is Outcome.CONFLICT
    assert state.version == "v1" and state.in_hand() == {"v1", "v3"}
    # the same conflicting version again: nothing new
    assert decide(state, Incoming("v3")) is Outcome.UNCHANGED


def test_deletion_wins_and_is_never_undone() -> None:
    local = LocalState("v1", known=frozenset({"v1"}))
    outcome, state = merge(local, Incoming(DELETED_VERSION, deleted=True))
    assert outcome is Outcome.DELETE
    assert decide(state, Incoming("v1")) is Outcome.STAYS_DELETED
    assert decide(state, Incoming("v9", supersedes=frozenset({"v1"}))) is Outcome.STAYS_DELETED
    assert decide(state, Incoming(DELETED_VERSION, deleted=True)) is Outcome.UNCHANGED


def test_resolving_a_conflict_makes_the_other_version_older() -> None:
    _o, state = merge(LocalState("v1", known=frozenset({"v1"})), Incoming("v2"))
    chosen = resolve(state, "v2")
    assert chosen.version == "v2" and chosen.pending == frozenset()
    assert decide(chosen, Incoming("v1")) is Outcome.UNCHANGED
    assert decide(chosen, Incoming("v2")) is Outcome.UNCHANGED


# --- properties ------------------------------------------------------------------------

UUIDS = ("r1", "r2", "r3")


@st.composite
def histories(draw):
    """Per UUID a small graph of edits, and 2–4 laptops each holding one version per UUID.

    Version ``k`` of a UUID descends from a random subset of the earlier ones;
    ``ancestors`` is transitively closed, as an installation's known set is.
    """
    ancestors: dict[str, dict[str, frozenset[str]]] = {}
    for uid in UUIDS:
        graph: dict[str, frozenset[str]] = {}
        for k in range(draw(st.integers(1, 4))):
            parents = draw(st.sets(st.sampled_from(sorted(graph)))) if graph else set()
            closed = set(parents)
            for p in parents:
                closed |= graph[p]
            graph[f"{uid}v{k}"] = frozenset(closed)
        ancestors[uid] = graph
    laptops = []
    for _n in range(draw(st.integers(2, 4))):
        bundle: dict[str, Incoming] = {}
        for uid in UUIDS:
            choice = draw(st.sampled_from([None, "deleted", *sorted(ancestors[uid])]))
            if choice == "deleted":
                bundle[uid] = Incoming(DELETED_VERSION, deleted=True)
            elif choice is not None:
                bundle[uid] = Incoming(choice, supersedes=ancestors[uid][choice])
        laptops.append(bundle)
    return laptops


def _gather(bundles) -> dict[str, LocalState]:
    state: dict[str, LocalState] = {}
    for bundle in bundles:
        for uid, incoming in bundle.items():
            _outcome, state[uid] = merge(state.get(uid), incoming)
    return state


def _observable(state: dict[str, LocalState]) -> list[tuple[str, bool, list[str]]]:
    return sorted((uid, s.deleted, sorted(s.in_hand())) for uid, s in state.items())


@properties
@settings(max_examples=examples(50, 500), deadline=None)
@given(histories())
def test_merge_order_does_not_change_the_result(laptops) -> None:
    results = {repr(_observable(_gather(order))) for order in itertools.permutations(laptops)}
    assert len(results) == 1


@properties
@settings(max_examples=examples(50, 500), deadline=None)
@given(histories())
def test_nothing_lost_nothing_old_and_deletions_stick(laptops) -> None:
    state = _gather(laptops)
    for uid in UUIDS:
        records = [b[uid] for b in laptops if uid in b]
        if not records:
            assert uid not in state
            continue
        if any(r.deleted for r in records):
            assert state[uid].deleted
            continue
        versions = {r.version for r in records}
        older = set().union(*(r.supersedes for r in records))
        assert state[uid].in_hand() == versions - older


@properties
@settings(max_examples=examples(50, 500), deadline=None)
@given(histories())
def test_importing_again_changes_nothing(laptops) -> None:
    state = _gather(laptops)
    for bundle in laptops:
        for uid, incoming in bundle.items():
            outcome, after = merge(state[uid], incoming)
            assert outcome in (Outcome.UNCHANGED, Outcome.STAYS_DELETED)
            assert after.in_hand() == state[uid].in_hand()
            assert after.deleted == state[uid].deleted


def test_an_edit_back_to_a_version_that_travelled_gets_a_new_revision() -> None:
    first, other = {"attended": 23}, {"attended": 10}
    v_first, v_other = content_version(first), content_version(other)
    known = {v_first, v_other}
    assert revised_version(first, 0) == v_first  # records that never went back keep theirs
    assert not went_back(v_first, known, None)  # never went through a bundle here
    assert not went_back(v_first, known, v_first)  # unchanged since it last did
    assert not went_back(content_version({"attended": 5}), known, v_other)  # a new version
    assert went_back(v_first, known, v_other)  # 23 → 10 travelled → 23 again
    assert next_revision(first, 0, known) == 1
    assert revised_version(first, 1) not in known | {v_first}
    assert next_revision(first, 0, known | {revised_version(first, 1)}) == 2
    assert next_revision(first, 2, known) == 3  # always after the one it has
