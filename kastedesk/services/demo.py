"""``kastedesk demo`` and the demo database: fictional data, never in the user's database.

The window's "look around in the demo data" opens :func:`open_demo_database`, a
file of its own in the user's data folder (``paths.demo_database_path``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.paths import demo_database_path
from kastedesk.storage.database import Database, resolve_url, sqlite_path
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person, Project


def is_empty(db: Database) -> bool:
    with db.read() as s:
        return not (
            s.scalar(select(func.count(Project.id))) or s.scalar(select(func.count(Person.id)))
        )


def load_demo(db: Database, today: dt.date | None = None) -> None:
    """Add the demo dataset in one transaction; refuse a database that has data."""
    # The demo's data modules load only when asked (the window imports this module).
    from kastedesk.demo.costs import add_demo_costs
    from kastedesk.demo.evaluation import add_demo_evaluation
    from kastedesk.demo.meetings import add_demo_meetings
    from kastedesk.demo.registry import add_demo_registry
    from kastedesk.demo.workshops import add_demo_workshops

    today = today or dt.date.today()
    with db.session() as s:
        if s.scalar(select(func.count(Project.id))) or s.scalar(select(func.count(Person.id))):
            raise ValidationError(
                {"": _("The database already has data: demo data goes only into an empty one.")}
            )
        registry = add_demo_registry(s, today)
        add_demo_meetings(s, registry.steering_group, today)
        add_demo_workshops(s, registry.project, registry.people, today)
        add_demo_costs(s, registry.project, today)
        add_demo_evaluation(s, registry.project, today)


def is_demo_database(db: Database) -> bool:
    """Whether *db* is the demo data's own file."""
    path = sqlite_path(db.url)
    return path is not None and path.resolve() == demo_database_path().resolve()


def open_demo_database(today: dt.date | None = None) -> Database:
    """The demo database, created and filled the first time; the user's own is not touched."""
    db = open_database(resolve_url(str(demo_database_path())))
    try:
        if is_empty(db):
            load_demo(db, today)
    except BaseException:
        db.dispose()
        raise
    return db
