"""Lost-update protection: a save names the version it started from.

Zotero-style optimistic locking (``If-Unmodified-Since-Version``): the screen
keeps the ``row_version`` it showed; the service compares it, inside the write
transaction, with the stored one. The ORM's ``version_id_col`` then adds the
same condition to the UPDATE, which also guards a server database.
"""

from __future__ import annotations

from typing import Any

from kastedesk.i18n import _
from kastedesk.storage.errors import RecordChangedError


def check_version(record: Any, expected: int | None, what: str) -> None:
    """Refuse to save over *record* when it is no longer at version *expected*.

    *expected* None means a deliberate overwrite (or a caller without a
    screen, such as an import that plans and writes in one transaction).
    *what* names the record for the user ("Aino Virtanen", "§ 5").
    """
    if expected is None or record.row_version == expected:
        return
    raise RecordChangedError(
        _(
            "{what} was changed by someone else after you opened it. "
            "Reload to see their changes, or save yours over them."
        ).format(what=what),
        current_version=record.row_version,
    )
