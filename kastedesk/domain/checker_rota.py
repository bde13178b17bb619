"""Minutes checkers by rota: the members in turn, skipping those absent.

The chair and the secretary never check their own minutes. The turn goes on
from the person after the most recent checker of the group's earlier
meetings, so everyone gets their turn.
"""

from __future__ import annotations

from collections.abc import Sequence


def suggest_checkers(
    rota: Sequence[int], present: set[int], earlier: Sequence[int]
) -> tuple[int | None, int | None]:
    """Two present people of *rota* (in its order) after the last one in *earlier*.

    *rota*: the eligible people (no chair, no secretary) in a stable order;
    *earlier*: the checkers of earlier meetings, oldest first.
    """
    if not rota:
        return None, None
    start = 0
    for person in reversed(earlier):
        if person in rota:
            start = list(rota).index(person) + 1
            break
    turn = [rota[(start + n) % len(rota)] for n in range(len(rota))]
    chosen: list[int | None] = [p for p in turn if p in present]
    chosen = [*chosen, None, None][:2]
    return chosen[0], chosen[1]
