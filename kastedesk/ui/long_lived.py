"""What the program builds at start-up lives until it ends: the cycle collector stops walking it.

Python's full garbage collection walks every object it tracks; after start-up
that is mostly the modules, SQLAlchemy's configuration and the window's widgets,
none of which ever becomes garbage. Reading the 10,000 members of a group then
took about 70 ms, or 120 ms when a full collection ran meanwhile (every other
time). :func:`gc.freeze` moves them out of the collector's reach, once, after
the first tab has shown its data.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_start_up_objects() -> bool:
    """Freeze what exists now (once per process); True when this call froze it."""
    global _frozen
    if _frozen:
        return False
    gc.freeze()
    _frozen = True
    return True
