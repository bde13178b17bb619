"""A column that holds one of a domain ``StrEnum``'s members, stored as its value.

The database keeps the plain text it always had (``VARCHAR(n)``, e.g. "member",
never the member's name), so the migrations, existing databases and bundles
are unchanged; Python sees the member (``Role.MEMBER``). Assigning the text
of a member to a mapped attribute stores the member at once (so code in the same
session sees ``group.languages.codes``); text that is no value of the enum, or a
member of another enum, is refused on assignment, and by Core statements at
execution. Reading such text back raises instead of passing it on.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import Dialect, String, event
from sqlalchemy.orm import Mapper
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E], Generic[E]):
    """``VARCHAR(length)`` holding *enum_cls*'s values.

    With ``blank_is_none`` the column is NOT NULL and an empty text stands for
    "none" (``None`` in Python), as in columns that always stored "" for that.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[E], length: int, blank_is_none: bool = False) -> None:
        longest = max(len(member.value) for member in enum_cls)
        if longest > length:
            raise ValueError(f"{enum_cls.__name__} has a value longer than {length}")
        super().__init__(length)
        self.enum_cls = enum_cls
        self.length = length
        self.blank_is_none = blank_is_none
        # A dictionary, not enum_cls(text): tables of thousands of rows are read through here.
        self._by_value: dict[str, E] = {member.value: member for member in enum_cls}
        self._results = _Results(self._by_value, enum_cls.__name__, blank_is_none)

    @property
    def python_type(self) -> type[E]:
        return self.enum_cls

    def on_assignment(self, value: object) -> E | None:
        """What an ORM attribute of this type holds after ``row.attr = value``."""
        if value is None or (self.blank_is_none and value == ""):
            return None
        return self._member(value)

    def _member(self, value: object) -> E:
        if isinstance(value, self.enum_cls):
            return value
        if isinstance(value, str) and not isinstance(value, Enum) and value in self._by_value:
            return self._by_value[value]
        raise ValueError(f"{value!r} is not a {self.enum_cls.__name__} value")

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or (self.blank_is_none and value == ""):
            return "" if self.blank_is_none else None
        return self._member(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        member: E | None = self._results[value]
        return member

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[Any], E | None] | None:
        """Each value read: one dictionary lookup made in C (a member list of 10,000 rows
        spent a third of its reading in the generic per-value decorator chain)."""
        text = self.impl_instance.result_processor(dialect, coltype)
        lookup = self._results.__getitem__
        if text is None:
            return lookup
        return lambda value: lookup(text(value))


class _Results(dict[str | None, Any]):
    """Stored text -> member (None for NULL, and for "" when blank stands for none);
    text that is no value of the enum raises."""

    def __init__(self, by_value: dict[str, Any], enum_name: str, blank_is_none: bool) -> None:
        super().__init__()
        self.update(by_value)
        self[None] = None
        if blank_is_none:
            self[""] = None
        self._enum_name = enum_name

    def __missing__(self, value: object) -> Any:
        raise ValueError(f"the database holds {value!r}, which is not a {self._enum_name} value")


@event.listens_for(Mapper, "mapper_configured")
def _members_on_assignment(mapper: Mapper[Any], class_: type) -> None:
    """Every EnumText attribute turns assigned text into the member, or refuses it."""
    for prop in mapper.column_attrs:
        column_type = prop.columns[0].type
        if isinstance(column_type, EnumText) and prop.parent is mapper:

            def coerce(
                _target: object,
                value: object,
                _old: object,
                _initiator: object,
                column_type: EnumText[Any] = column_type,
            ) -> object:
                return column_type.on_assignment(value)

            event.listen(getattr(class_, prop.key), "set", coerce, retval=True)
