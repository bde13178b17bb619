"""Who chairs a meeting: the one rule the minutes, the standard § texts and the
signatures share."""

from __future__ import annotations

from collections.abc import Collection

from kastedesk.domain.registry import Role


def presiding_role(present: Collection[Role | str]) -> Role:
    """The chair; the vice-chair when the chair is recorded absent and the vice-chair present.

    *present* holds the roles of those recorded present (empty before attendance is
    taken, when the chair is expected to chair)."""
    roles = {Role(role) for role in present}
    if Role.CHAIR not in roles and Role.VICE_CHAIR in roles:
        return Role.VICE_CHAIR
    return Role.CHAIR
