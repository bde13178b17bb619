from __future__ import annotations

import datetime as dt

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


@pytest.fixture
def todays_date(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test module's TODAY and HELD (20 days before) as of this test, not of its import:
    the commands and dialogs check dates against the real today, and a run may pass
    midnight between the two (seen in .ci/run: "the date cannot be in the future")."""
    today = dt.date.today()
    monkeypatch.setattr(request.module, "TODAY", today)
    monkeypatch.setattr(request.module, "HELD", today - dt.timedelta(days=20))
