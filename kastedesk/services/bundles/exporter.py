"""Export: the chosen workshops (or all), their form versions and responses, to a bundle.

``since_last`` leaves out records whose current version this database has
already exported; workshops and forms that the included records refer to
always travel along, so the receiver never lacks them. Deleted responses
travel as deletion markers. After the file is written, the exported versions
are remembered (for the next ``since_last`` and as known older versions).
"""

from __future__ import annotations

import datetime as dt
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from sqlalchemy import true
from sqlalchemy.orm import Session

from kastedesk.domain.bundle_merge import DELETED_VERSION
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import N_, _, translator
from kastedesk.services.bundles.evaluation import load_evaluation, with_references
from kastedesk.services.bundles.format import EVALUATION, FORMS, RESPONSES, SUFFIX, WORKSHOPS
from kastedesk.services.bundles.local_records import (
    Local,
    all_known_versions,
    all_last_exchanged,
    load_by_uuid,
    load_forms,
    load_responses,
    load_workshops,
    pending_versions,
)
from kastedesk.services.bundles.records import Record, ResponseRecord
from kastedesk.services.bundles.revisions import remember_current, settled
from kastedesk.services.bundles.tables import table
from kastedesk.services.bundles.writer import write_bundle
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.bundles import SyncVersion
from kastedesk.storage.models.feedback import FeedbackForm, FeedbackResponse
from kastedesk.storage.models.meta import Meta
from kastedesk.storage.models.sync_identity import utc_now
from kastedesk.storage.models.workshops import Workshop

NAME_KEY = "installation_name"
LAST_EXPORT_KEY = "last_bundle_export"


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    workshops: int
    forms: int
    responses: int
    deleted: int  # deletion markers among the responses
    evaluation: int = 0  # evaluation framework, rounds, ratings and comments


def installation_name(session: Session) -> str:
    row = session.get(Meta, NAME_KEY)
    return row.value if row is not None else socket.gethostname()


FILE_WORD = N_("feedback")  # the start of a bundle's file name: "palaute-…"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def bundle_file_name(laptop: str, today: dt.date, lang: str | None = None) -> str:
    """ "palaute-KOORD-LAPTOP-29.11.2026.kastebundle": which laptop made it and when, in
    the user's language; characters no file system takes are left out of the name."""
    word = (translator(lang).gettext if lang else _)(FILE_WORD)
    laptop = "-".join(_UNSAFE.sub("", laptop).split())[:40].strip(".-")
    parts = [word, laptop, format_date(today)] if laptop else [word, format_date(today)]
    return "-".join(parts) + SUFFIX


def default_bundle_name(db: Database, today: dt.date | None = None) -> str:
    """The name offered for a new bundle from this database."""
    with db.read() as session:
        laptop = installation_name(session)
    return bundle_file_name(laptop, today or dt.date.today())


def last_export_at(db: Database) -> dt.datetime | None:
    with db.read() as session:
        row = session.get(Meta, LAST_EXPORT_KEY)
    return dt.datetime.fromisoformat(row.value) if row is not None else None


_R = TypeVar("_R", bound=Record)


def _supersedes(
    local: Local[_R], known: dict[str, dict[str, bool]], pending: dict[str, set[str]]
) -> _R:
    """The record with the versions it replaces: known ones, not those still in conflict."""
    uuid, version = local.record.uuid, local.record.version
    older = frozenset(known.get(uuid, {})) - {version} - pending.get(uuid, set())
    return replace(local.record, supersedes=older)


def export_bundle(
    db: Database,
    path: Path,
    workshop_ids: list[int] | None = None,
    since_last: bool = False,
    now: dt.datetime | None = None,
) -> ExportSummary:
    now = now or utc_now()
    with db.session() as session:
        source = {"installation": installation_id(session), "name": installation_name(session)}
        where = Workshop.id.in_(workshop_ids) if workshop_ids is not None else true()
        workshops = load_workshops(session, where)
        if workshop_ids is not None and len(workshops) != len(set(workshop_ids)):
            missing = sorted(set(workshop_ids) - {w.id for w in workshops.values()})
            raise ValidationError(
                {"workshops": _("No workshop with id {id}.").format(id=missing[0])}
            )
        local_ids = [w.id for w in workshops.values()]
        responses: dict[str, Local[ResponseRecord]] = {}
        for part in [local_ids[i : i + 900] for i in range(0, len(local_ids), 900)]:
            responses.update(load_responses(session, FeedbackResponse.workshop_id.in_(part)))
        known = all_known_versions(session)
        last = all_last_exchanged(session)
        _settle(workshops, known, last)
        _settle(responses, known, last)
        pending = pending_versions(session, [*workshops, *responses])

        def fresh(local: Local[Record]) -> bool:
            return not known.get(local.record.uuid, {}).get(local.record.version, False)

        if since_last:
            responses = {u: r for u, r in responses.items() if fresh(r)}
            needed = {r.record.content["workshop"] for r in responses.values()}
            workshops = {u: w for u, w in workshops.items() if u in needed or fresh(w)}
        form_uuids = {r.record.content["form"] for r in responses.values()}
        form_uuids |= {w.record.content["form"] for w in workshops.values()} - {None}
        # Every version of the templates in use travels (all templates when exporting
        # everything), so a newer version made here reaches the other laptops too.
        if workshop_ids is None:
            forms = load_forms(session, true())
        else:
            used = load_by_uuid(session, load_forms, FeedbackForm.uuid, form_uuids)
            lineages = {f.record.content["lineage"] for f in used.values()}
            forms = load_forms(session, FeedbackForm.lineage.in_(lineages))
        _settle(forms, known, last)
        if since_last:
            forms = {u: f for u, f in forms.items() if u in form_uuids or fresh(f)}
        pending.update(pending_versions(session, forms))
        # The evaluation matrix travels whole (or what changed, with what it refers to).
        evaluation = everything = _settle(load_evaluation(session), known, last)
        if since_last:
            evaluation = with_references(
                {u: e for u, e in everything.items() if fresh(e)}, everything
            )
        pending.update(pending_versions(session, evaluation))
        parts = {
            WORKSHOPS: [_supersedes(w, known, pending).to_json() for w in workshops.values()],
            FORMS: [_supersedes(f, known, pending).to_json() for f in forms.values()],
            RESPONSES: [_supersedes(r, known, pending).to_json() for r in responses.values()],
            EVALUATION: [_supersedes(e, known, pending).to_json() for e in evaluation.values()],
        }
        exported = {
            local.record.uuid: (local.record.version, local.record.revision)
            for group in (workshops, forms, responses, evaluation)
            for local in group.values()
        }
    write_bundle(path, parts, source, now, since_last)
    _remember_exported(db, exported, known, now)
    return ExportSummary(
        path,
        len(workshops),
        len(forms),
        len(responses),
        sum(1 for r in responses.values() if r.record.version == DELETED_VERSION),
        len(evaluation),
    )


def _settle(
    found: dict[str, Local[_R]], known: dict[str, dict[str, bool]], last: dict[str, str]
) -> dict[str, Local[_R]]:
    """*found* (changed in place) with a new revision for each record edited back to a
    version that already travelled (see revisions.py)."""
    for uuid, local in found.items():
        found[uuid] = settled(local, known.get(uuid, {}), last.get(uuid))
    return found


def _remember_exported(
    db: Database,
    exported: Mapping[str, tuple[str, int]],
    known: dict[str, dict[str, bool]],
    now: dt.datetime,
) -> None:
    with db.session() as session:
        remember_current(session, exported)
        new_rows = []
        for uuid, (version, _revision) in exported.items():
            flags = known.get(uuid, {})
            if version not in flags:
                new_rows.append({"uuid": uuid, "version": version, "exported": True})
            elif not flags[version]:
                session.execute(
                    table(SyncVersion)
                    .update()
                    .where(SyncVersion.uuid == uuid, SyncVersion.version == version)
                    .values(exported=True)
                )
        if new_rows:
            session.execute(table(SyncVersion).insert(), new_rows)
        row = session.get(Meta, LAST_EXPORT_KEY)
        if row is None:
            session.add(Meta(key=LAST_EXPORT_KEY, value=now.isoformat()))
        else:
            row.value = now.isoformat()
