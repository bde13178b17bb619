"""Facts about the database itself (key/value)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kastedesk.storage.models.base import Base


class Meta(Base):
    __tablename__ = "kastedesk_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
