from __future__ import annotations

import pytest
from meeting_registry import Registry, build_registry

from kastedesk.storage.database import Database
from tests.db_support import built_once


@pytest.fixture
def registry(db: Database) -> Registry:
    def build() -> Registry:
        with db.session() as session:
            return build_registry(session)

    return built_once("meeting_registry", db, build)
