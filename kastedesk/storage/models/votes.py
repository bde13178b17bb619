"""Conflicts of interest and votes of one agenda item (§) (migration 0015).

A disqualified member (esteellinen / jävig) is named by their attendance row
of the meeting; so are the voters of a vote by name.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.votes import VoteChoice
from kastedesk.storage.models.base import Authored, Base, Stamped, Versioned
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.meetings import AgendaItem, Attendance


class ItemDisqualification(Authored, Stamped, Base):
    """One member disqualified from one §: absent for it in the quorum and the vote.

    The set of an item's disqualified members is guarded by the item's row version.
    """

    __tablename__ = "item_disqualification"
    __table_args__ = (
        UniqueConstraint("item_id", "attendance_id", name="uq_item_disqualification_item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    attendance_id: Mapped[int] = mapped_column(
        ForeignKey("attendance.id", ondelete="CASCADE"), index=True
    )

    item: Mapped[AgendaItem] = relationship(back_populates="disqualifications")
    attendance: Mapped[Attendance] = relationship()


class ItemVote(Versioned, Authored, Stamped, Base):
    """The vote of one §: the two motions and the result as counts or by name."""

    __tablename__ = "item_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), unique=True, index=True
    )
    # What a "yes" (jaa / ja) and a "no" (ei / nej) vote stand for, in each language.
    yes_motion_fi: Mapped[str] = mapped_column(String(300), default="")
    yes_motion_sv: Mapped[str] = mapped_column(String(300), default="")
    no_motion_fi: Mapped[str] = mapped_column(String(300), default="")
    no_motion_sv: Mapped[str] = mapped_column(String(300), default="")
    by_name: Mapped[bool] = mapped_column(default=False)
    # Counts; with a vote by name they are the counted ballots.
    yes_count: Mapped[int] = mapped_column(Integer, default=0)
    no_count: Mapped[int] = mapped_column(Integer, default=0)
    abstain_count: Mapped[int] = mapped_column(Integer, default=0)
    # On a tie, the side the chair's vote decided (yes or no); else None (stored as "").
    tie_winner: Mapped[VoteChoice | None] = mapped_column(
        EnumText(VoteChoice, 10, blank_is_none=True), nullable=False, default=None
    )

    item: Mapped[AgendaItem] = relationship(back_populates="vote")
    ballots: Mapped[list[VoteBallot]] = relationship(
        back_populates="vote",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="VoteBallot.id",
    )


class VoteBallot(Base):
    """One named voter's choice in a vote by name."""

    __tablename__ = "vote_ballot"
    __table_args__ = (
        UniqueConstraint("vote_id", "attendance_id", name="uq_vote_ballot_vote_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("item_vote.id", ondelete="CASCADE"), index=True)
    attendance_id: Mapped[int] = mapped_column(
        ForeignKey("attendance.id", ondelete="CASCADE"), index=True
    )
    choice: Mapped[VoteChoice] = mapped_column(EnumText(VoteChoice, 10))

    vote: Mapped[ItemVote] = relationship(back_populates="ballots")
    attendance: Mapped[Attendance] = relationship()
