"""Migration 0003 on a registry made at 0002: the registry stays, meetings can be held."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import text

from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import create_db_engine, resolve_url
from kastedesk.storage.migrate import alembic_config, open_database


def _registry_at_0002(path: Path) -> None:
    engine = create_db_engine(resolve_url(path))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "INSERT INTO project (id, name_fi, name_sv, short_name, organisation) "
                "VALUES (1, 'Hanke', '', 'H', '')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO "group" (id, project_id, name_fi, name_sv, kind, quorum_rule, '
                "quorum_min, chair_or_vice_required, agenda_lead_days, attachments_lead_days, "
                "languages, minutes_style) VALUES (1, 1, 'Ohjausryhmä', 'Styrgrupp', "
                "'steering', 'majority', NULL, 1, 14, 7, 'fi+sv', 'formal')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO person (id, first_name, last_name, title, organisation, "
                "municipality, email, phone, language) "
                "VALUES (1, 'Aino', 'Puheenjohtaja', '', '', '', '', '', 'fi')"
            )
        )
        connection.execute(
            text("INSERT INTO membership (id, person_id, group_id, role) VALUES (1, 1, 1, 'chair')")
        )
    engine.dispose()


def test_upgrade_keeps_the_registry_and_meetings_work(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _registry_at_0002(path)
    db = open_database(resolve_url(path))
    try:
        meeting_id = svc.create_meeting(db, 1, svc.MeetingFields(date=dt.date(2026, 12, 1)))
        detail = get_meeting(db, meeting_id)
        assert detail.meeting.title("sv") == "Styrgruppens 1:a möte"
        assert [a.name for a in detail.attendance] == ["Aino Puheenjohtaja"]
        assert detail.rule.seats == 1
    finally:
        db.dispose()


def test_downgrade_to_0002_removes_meetings_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _registry_at_0002(path)
    open_database(resolve_url(path)).dispose()
    engine = create_db_engine(resolve_url(path))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master"))}
        assert "meeting" not in tables and "membership" in tables
        assert connection.execute(text("SELECT count(*) FROM membership")).scalar() == 1
    engine.dispose()
