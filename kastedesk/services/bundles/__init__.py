"""Exchanging workshops, form versions and responses between installations as bundles.

format (the file layout), records (what travels and its validation), reader
(safety checks), writer, local_records (this database as records), planner
(what an import would do), applier (doing it), exporter, conflicts.
"""

from __future__ import annotations

from pathlib import Path

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.services.bundles.applier import apply_plan
from kastedesk.services.bundles.collector import collector_paused
from kastedesk.services.bundles.format import BundleError
from kastedesk.services.bundles.planner import ImportPlan, plan_import
from kastedesk.services.bundles.reader import Bundle, read_bundle
from kastedesk.storage.backup_store import auto_backup
from kastedesk.storage.database import Database

__all__ = ["BundleError", "ImportPlan", "import_bundle", "preview_import", "read_bundle"]


def preview_import(db: Database, source: Path | Bundle) -> ImportPlan:
    """What importing would do; nothing is written."""
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    with db.read() as session, collector_paused():
        return plan_import(session, bundle)


def import_bundle(db: Database, source: Path | Bundle, dry_run: bool = False) -> ImportPlan:
    """Import in one transaction (or only plan, with *dry_run*); returns what was done.

    The database is backed up before anything is written (see :func:`auto_backup`),
    unless the bundle changes nothing here.
    """
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    if dry_run:
        return preview_import(db, bundle)
    with db.session() as session:
        with collector_paused():
            plan = plan_import(session, bundle)
        # After planning, so a refused bundle leaves no trace; before anything is written.
        # A bundle that changes nothing here (a re-import) needs none: nothing to undo.
        if plan.writes_data:
            auto_backup(db, BackupReason.BUNDLE_IMPORT)
        apply_plan(session, plan)
    return plan
