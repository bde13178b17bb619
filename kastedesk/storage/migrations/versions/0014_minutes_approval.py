"""minutes approval: sent for checking, each checker's answer, then approved

The meeting gets the date its minutes were sent for checking and, for each of
the two checkers, the date they checked them or their comment. ``checked_on``
stays the date the minutes were approved, and the status "approved" still locks
the meeting. Minutes approved before this revision were checked by their
checkers on the approval date, so those dates are filled in for them; they stay
approved and locked. Columns are added in place: no table is copied.

Revision ID: 0014
Revises: 0016
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0016"
branch_labels = None
depends_on = None

DATES = ("minutes_sent_on", "checker1_checked_on", "checker2_checked_on")
COMMENTS = ("checker1_comment", "checker2_comment")


def upgrade() -> None:
    for name in DATES:
        op.add_column("meeting", sa.Column(name, sa.Date(), nullable=True))
    for name in COMMENTS:
        op.add_column("meeting", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    for place in (1, 2):
        op.execute(
            f"UPDATE meeting SET checker{place}_checked_on = checked_on "
            f"WHERE status = 'approved' AND checker{place}_id IS NOT NULL"
        )


def downgrade() -> None:
    for name in reversed(COMMENTS):
        op.drop_column("meeting", name)
    for name in reversed(DATES):
        op.drop_column("meeting", name)
