"""This installation's id: made once, the same in every session, read once per session."""

from __future__ import annotations

from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.feedback import FeedbackResponse
from tests.bundles.conftest import add_registry, add_workshop
from tests.statement_count import statements


def test_the_id_is_read_once_per_session_and_pending_rows_are_not_flushed_for_it(
    db: Database,
) -> None:
    workshop = add_workshop(db, add_registry(db))
    with db.read() as session:
        made = installation_id(session)
    with db.session() as session:
        with statements(db.engine) as seen:
            first = installation_id(session)
            for _ in range(20):  # records made one after another, each stamped with it
                origin = installation_id(session)
                session.add(FeedbackResponse(workshop_id=workshop, form_id=1, origin=origin))
                assert origin == first
        assert first == made
        assert [s for s in seen if "kastedesk_meta" in s] == seen[-1:]  # read once
        assert not any("INSERT" in s for s in seen)  # the twenty wait for one flush
    with db.read() as session:
        assert installation_id(session) == made  # and the same in the next session
