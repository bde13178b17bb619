"""Merge rules for records that travel between installations in bundles.

A record (workshop, form version, response) is identified by its UUID. Its
*version* is the SHA-256 of a canonical JSON of its content (no local ids, no
times), so two laptops holding the same content hold the same version.

Each installation remembers, per UUID, every version it has seen or knows to
be older (``known``): the versions it exported or imported, and the
``supersedes`` list that comes with every incoming record (the versions its
sender knew to be older). With that, deciding what an incoming record does is
a pure function of the local state and the incoming record:

- unknown UUID: insert it (a deletion marker is stored as a tombstone);
- a tombstone here: it stays deleted, whatever arrives (no resurrection);
- an incoming tombstone: the record is deleted here;
- the same version, or one already known: nothing changes;
- the local version is one the incoming record supersedes: take the incoming
  one (the sender edited what we have, we did not);
- otherwise both sides changed it: a conflict; both versions are kept and the
  user chooses, nothing is overwritten.

Whatever order bundles arrive in, every installation ends with the same
tombstones and the same set of versions in hand (current plus pending
conflicts): the newest ones, nothing older, nothing lost. The property tests
in tests/domain/test_bundle_merge.py check exactly that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

DELETED_VERSION = hashlib.sha256(b"kastedesk:deleted").hexdigest()


def canonical_json(content: Any) -> str:
    """One spelling per content: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def content_version(content: Any) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


# --- revisions: an edit back to a version that already travelled ------------------------
#
# A version is a hash of the content, so an edit that brings a record back to what it was
# (a rating 2 → 3 → 2, a count 23 → 10 → 23) would bring back a version the other
# installations already know as an older one: one that took the 3 or the 10 would keep it,
# one that had not would take the 2 or the 23, and they would never agree. Such a record
# gets a revision: the same content under a version nobody has seen. Revision 0 (no
# revision) keeps the plain content hash, so every record that never went back keeps the
# version it had.

MAX_REVISION = 1_000_000


def revised_version(content: Any, revision: int) -> str:
    """The version of *content* at *revision* (0: the plain content hash)."""
    if revision == 0:
        return content_version(content)
    return content_version({"content": content, "revision": revision})


def went_back(version: str, known: Collection[str], last: str | None) -> bool:
    """Whether a record now at *version* was edited back to a version that already
    travelled: known here (*known*), but not the one it had when it last went through a
    bundle (*last*; None when it never did)."""
    return last is not None and version != last and version in known


def next_revision(content: Any, revision: int, known: Collection[str]) -> int:
    """The first revision after *revision* whose version of *content* nobody knows here."""
    revision += 1
    while revised_version(content, revision) in known:
        revision += 1
    return revision


class Outcome(StrEnum):
    INSERT = "insert"
    INSERT_DELETED = "insert_deleted"  # a deletion marker for a record never seen here
    UNCHANGED = "unchanged"
    UPDATE = "update"
    CONFLICT = "conflict"
    DELETE = "delete"
    STAYS_DELETED = "stays_deleted"  # deleted here: an old bundle does not bring it back


@dataclass(frozen=True)
class Incoming:
    version: str
    deleted: bool = False
    supersedes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LocalState:
    """What this installation holds for one UUID."""

    version: str
    deleted: bool = False
    known: frozenset[str] = frozenset()  # seen or known to be older (current included)
    pending: frozenset[str] = field(default_factory=frozenset)  # conflicting versions kept

    def in_hand(self) -> frozenset[str]:
        """The versions a user can still choose from (empty for a tombstone)."""
        return frozenset() if self.deleted else self.pending | {self.version}


def decide(local: LocalState | None, incoming: Incoming) -> Outcome:
    if local is None:
        return Outcome.INSERT_DELETED if incoming.deleted else Outcome.INSERT
    if local.deleted:
        return Outcome.UNCHANGED if incoming.deleted else Outcome.STAYS_DELETED
    if incoming.deleted:
        return Outcome.DELETE
    if incoming.version == local.version or incoming.version in local.known:
        return Outcome.UNCHANGED
    if local.version in incoming.supersedes:
        return Outcome.UPDATE
    return Outcome.CONFLICT


def merge(local: LocalState | None, incoming: Incoming) -> tuple[Outcome, LocalState]:
    """The outcome and the state afterwards (what the applier writes)."""
    outcome = decide(local, incoming)
    seen = incoming.supersedes | {incoming.version}
    if local is None:
        version = DELETED_VERSION if incoming.deleted else incoming.version
        return outcome, LocalState(version, incoming.deleted, frozenset(seen))
    known = local.known | seen
    if outcome in (Outcome.DELETE, Outcome.STAYS_DELETED) or local.deleted:
        return outcome, LocalState(DELETED_VERSION, True, known)
    if outcome is Outcome.UNCHANGED:
        return outcome, replace(local, known=known)
    pending = local.pending - incoming.supersedes
    if outcome is Outcome.UPDATE:
        return outcome, LocalState(incoming.version, False, known, pending)
    return outcome, LocalState(local.version, False, known, pending | {incoming.version})


def resolve(local: LocalState, chosen: str) -> LocalState:
    """The user chose *chosen* among the versions in hand: the others become older ones."""
    if chosen not in local.in_hand():
        raise ValueError("not a version in hand")
    return LocalState(chosen, False, local.known | local.in_hand(), frozenset())
