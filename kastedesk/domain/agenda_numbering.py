"""§ numbers of agenda items: continuous from 1 in the order of the items.

Items are handled by id in a list; the § of an item is its place in the list
plus one, so inserting, moving and deleting renumber everything after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def numbered(ids: Sequence[T]) -> dict[T, int]:
    """{id: §} for items in this order."""
    return {item: position for position, item in enumerate(ids, start=1)}


def inserted(ids: Sequence[T], item: T, index: int | None = None) -> list[T]:
    """*item* placed at *index* (clamped; None = at the end)."""
    result = list(ids)
    if index is None or index > len(result):
        index = len(result)
    result.insert(max(index, 0), item)
    return result


def moved(ids: Sequence[T], item: T, index: int) -> list[T]:
    """*item* moved to *index* (clamped to the list)."""
    result = [i for i in ids if i != item]
    if len(result) == len(ids):
        raise ValueError(f"{item!r} is not an item of this meeting")
    result.insert(min(max(index, 0), len(result)), item)
    return result


def removed(ids: Sequence[T], item: T) -> list[T]:
    return [i for i in ids if i != item]


def own_items_index(kinds: Sequence[str], tail_kinds: Sequence[str]) -> int:
    """Where a new own item goes: before the first closing item ("Muut asiat"), else last."""
    for index, kind in enumerate(kinds):
        if kind in tail_kinds:
            return index
    return len(kinds)


def attachment_numbers(
    items_in_order: Sequence[Sequence[T]],
) -> dict[T, int]:
    """Liite 1, 2 … numbered through the meeting in § order, then per item order."""
    result: dict[T, int] = {}
    for attachments in items_in_order:
        for attachment in attachments:
            result[attachment] = len(result) + 1
    return result
