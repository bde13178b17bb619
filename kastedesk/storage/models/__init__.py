"""SQLAlchemy models. Each area of the program has its own module here."""

from kastedesk.storage.models.base import Base

__all__ = ["Base"]
