"""``kastedesk demo`` and File → Load demo data: fill an empty database in one go."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kastedesk.demo.costs import add_demo_costs
from kastedesk.demo.evaluation import add_demo_evaluation
from kastedesk.demo.meetings import add_demo_meetings
from kastedesk.demo.registry import add_demo_registry
from kastedesk.demo.workshops import add_demo_workshops
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Person, Project


def is_empty(db: Database) -> bool:
    with db.read() as s:
        return not (
            s.scalar(select(func.count(Project.id))) or s.scalar(select(func.count(Person.id)))
        )


def load_demo(db: Database, today: dt.date | None = None) -> None:
    """Add the demo dataset in one transaction; refuse a database that has data."""
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
