"""A bundle import backs the database up first; a failed backup stops the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.storage.backup_store import list_backups
from kastedesk.storage.errors import DatabaseError
from kastedesk.user_settings import BACKUP_FOLDER, write_setting
from tests.bundles.conftest import add_registry, add_workshop, type_responses


@pytest.fixture
def bundle(laptop, tmp_path: Path) -> Path:
    a = laptop("a")
    type_responses(a, add_workshop(a, add_registry(a)), [5, 4])
    path = tmp_path / "b.kastebundle"
    export_bundle(a, path)
    return path


def test_bundle_import_backs_up_first(laptop, bundle: Path) -> None:
    receiver = laptop("receiver")
    add_registry(receiver)
    import_bundle(receiver, bundle, dry_run=True)
    path = receiver.url  # a file, or a server database: its backups are SQLite files
    assert list_backups(path) == []  # a dry run changes nothing
    plan = import_bundle(receiver, bundle)
    assert plan.inserted > 0
    [entry] = list_backups(path)
    assert entry.reason is BackupReason.BUNDLE_IMPORT
    assert entry.counts is not None and entry.counts.responses == 0  # taken before


def test_no_import_without_its_backup(laptop, bundle: Path, tmp_path: Path) -> None:
    receiver = laptop("receiver")
    add_registry(receiver)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    write_setting(BACKUP_FOLDER, str(blocker))
    with pytest.raises(DatabaseError, match="backup folder"):
        import_bundle(receiver, bundle)
    assert import_bundle(receiver, bundle, dry_run=True).inserted > 0  # still all to do
