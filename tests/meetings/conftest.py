from __future__ import annotations

import pytest
from meeting_registry import Registry, build_registry

from kastedesk.storage.database import Database


@pytest.fixture
def registry(db: Database) -> Registry:
    with db.session() as session:
        return build_registry(session)
