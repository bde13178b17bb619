"""The application's own helpers, one each, remembered rather than looked up.

``app.findChild`` walks the application's children and wraps each in Python; the
application's style is one of them, and PySide then makes a dozen of QStyle's enums
(about 8 ms of a start, in every walk that meets it first). The program's
application-wide helpers (the cycle collector, the screen fitter, the F1 keys) are
kept here instead.
"""

from __future__ import annotations

from typing import TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject

Helper = TypeVar("Helper", bound=QObject)

_kept: dict[type[QObject], QObject] = {}


def one_per_app(app: QObject, kind: type[Helper]) -> Helper:
    """The *kind* made as ``kind(app)``: made once, again only when that one is gone or
    belongs to another application object."""
    kept = _kept.get(kind)
    if kept is not None and shiboken6.isValid(kept) and kept.parent() is app:
        return cast(Helper, kept)
    made = kind(app)
    _kept[kind] = made
    return made
