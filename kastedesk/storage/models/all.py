"""Imports every model module so that ``Base.metadata`` knows all tables."""

import kastedesk.storage.models.costs
import kastedesk.storage.models.meetings  # noqa: F401
from kastedesk.storage.models import (  # noqa: F401
    bundles,
    evaluation,
    feedback,
    meta,
    registry,
    votes,
    workshops,
)
