"""Records edited back to a version that already travelled: their revisions.

The rule is ``went_back`` in domain/bundle_merge.py. Export gives such a record
its new revision before it leaves; import does the same for the records it
compares with incoming ones, so that an edit made here since the last exchange
is never mistaken for the old version it happens to equal. Both remember, per
record, the version it had when it last went through a bundle (``sync_current``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from kastedesk.domain.bundle_merge import (
    DELETED_VERSION,
    next_revision,
    revised_version,
    went_back,
)
from kastedesk.services.bundles.local_records import Local, chunks, known_versions
from kastedesk.services.bundles.records import Record
from kastedesk.services.bundles.tables import table
from kastedesk.storage.models.bundles import SyncCurrent

_R = TypeVar("_R", bound=Record)


def settled(local: Local[_R], known: Collection[str], last: str | None) -> Local[_R]:
    """*local*, with a new revision when it was edited back to a version that travelled."""
    record = local.record
    if record.version == DELETED_VERSION or not went_back(record.version, known, last):
        return local
    revision = next_revision(record.content, record.revision, known)
    return Local(local.id, replace(record, revision=revision))


def remember_choice(session: Session, chosen: Record, versions: Collection[str]) -> None:
    """A conflict resolved here: the chosen content becomes a new revision.

    Both *versions* already travelled, each as the newer one somewhere. Kept as it is, a
    choice made here and the opposite choice made on another laptop would each say the
    other is older: both would keep theirs for good, and a gatherer would end with
    whichever came first. As a new revision that knows both, a choice replaces either
    version wherever it arrives, and two different choices meet as a conflict.
    """
    known = set(known_versions(session, [chosen.uuid]).get(chosen.uuid, {})) | set(versions)
    revision = next_revision(chosen.content, chosen.revision, known)
    remember_current(
        session, {chosen.uuid: (revised_version(chosen.content, revision), revision)}
    )


def remember_current(session: Session, current: Mapping[str, tuple[str, int]]) -> None:
    """Store {uuid: (version, revision)} as each record's state at this exchange."""
    if not current:
        return
    stored: dict[str, tuple[str, int]] = {}
    for part in chunks(current):
        for uuid, version, revision in session.execute(
            select(SyncCurrent.uuid, SyncCurrent.version, SyncCurrent.revision).where(
                SyncCurrent.uuid.in_(part)
            )
        ):
            stored[uuid] = (version, revision)
    new = [
        {"uuid": uuid, "version": version, "revision": revision}
        for uuid, (version, revision) in current.items()
        if uuid not in stored
    ]
    changed = [
        {"key": uuid, "version": version, "revision": revision}
        for uuid, (version, revision) in current.items()
        if uuid in stored and stored[uuid] != (version, revision)
    ]
    if new:
        session.execute(table(SyncCurrent).insert(), new)
    if changed:
        session.execute(
            update(table(SyncCurrent))
            .where(table(SyncCurrent).c.uuid == bindparam("key"))
            .values(version=bindparam("version"), revision=bindparam("revision")),
            changed,
        )
