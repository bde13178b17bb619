"""A workshop scope (kastedesk.domain.workshops.WorkshopScope) as SQL conditions: one place
for the Workshops tab's list and the feedback results, summaries and exports."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from kastedesk.domain.workshops import WorkshopScope
from kastedesk.storage.models.workshops import Workshop, WorkshopModule


def scope_conditions(scope: WorkshopScope) -> list[ColumnElement[bool]]:
    """Conditions on ``Workshop`` (and ``WorkshopModule``, which the query must join when
    ``scope.module`` is set)."""
    conditions: list[ColumnElement[bool]] = []
    if scope.project_id is not None:
        conditions.append(Workshop.project_id == scope.project_id)
    if scope.region:
        conditions.append(Workshop.region == scope.region)
    if scope.module:
        conditions.append(WorkshopModule.code == scope.module)
    if scope.date_from:
        conditions.append(Workshop.date >= scope.date_from)
    if scope.date_to:
        conditions.append(Workshop.date <= scope.date_to)
    return conditions
