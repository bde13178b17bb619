"""Imports every model module so that ``Base.metadata`` knows all tables."""

from kastedesk.storage.models import feedback, meta, registry, workshops  # noqa: F401
