"""Imports every model module so that ``Base.metadata`` knows all tables."""

from kastedesk.storage.models import meta, registry  # noqa: F401
