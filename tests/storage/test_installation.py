"""This installation's id: made once, the same in every session, read once per session."""

from __future__ import annotations

from kastedesk.services.feedback_entry import add_response
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
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
            for _ in range(20):  # as the demo and imports do: one response after another
                add_response(session, workshop, 1, {})
                assert installation_id(session) == first
        assert first == made
        assert [s for s in seen if "kastedesk_meta" in s] == seen[-1:]  # read once
        assert not any("INSERT" in s for s in seen)  # the twenty wait for one flush
    with db.read() as session:
        assert installation_id(session) == made  # and the same in the next session
