"""The Core table of an ORM model, for the bulk inserts and updates of 20,000 rows."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from kastedesk.storage.models.base import Base


def table(model: type[Base]) -> Table:
    """``model.__table__``, which SQLAlchemy types as any FromClause: a mapped class
    declared as these models are always has a Table."""
    return cast(Table, model.__table__)
