"""Rules of the evaluation matrix: ratings, summaries, round comparison, text checks.

The scale is the one Kaste projects use in their self-evaluation tables:
1 = not realised (ei toteudu), 2 = realised (toteutunut), 3 = realised well
(toteutunut hyvin); ``None`` = not assessed. A measure counts as *realised*
when it is rated 2 or 3; the share realised is taken among the assessed ones.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from kastedesk.domain import text_limits as T
from kastedesk.i18n import N_, _

RATINGS = (1, 2, 3)
MAX_TEXT = 4000  # a goal, a measure or a comment: a long paragraph, not a document
MAX_SHORT_TEXT = 200  # a theme heading or a round name (one line)
REALISED = frozenset({2, 3})

# Cells and goal comments get a UUID made from what they belong to: the same
# cell typed on two laptops is then one record (see services/bundles).
_NAMESPACE = uuidlib.UUID("6f1f5a0e-2b7c-4d3e-9a51-8c0b7e2d4f11")


class RoundKind(StrEnum):
    BASELINE = "baseline"
    MIDTERM = "midterm"
    FINAL = "final"
    NAMED = "named"  # a self-assessment with a name of its own


ROUND_KIND_LABELS: dict[RoundKind, str] = {
    RoundKind.BASELINE: N_("Baseline"),
    RoundKind.MIDTERM: N_("Mid-term evaluation"),
    RoundKind.FINAL: N_("Final evaluation"),
    RoundKind.NAMED: N_("Self-assessment"),
}

RATING_LABELS: dict[int, str] = {
    1: N_("not realised"),
    2: N_("realised"),
    3: N_("realised well"),
}


class Change(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    NEW = "new"  # assessed now, not in the earlier round
    REMOVED = "removed"  # assessed earlier, not now


CHANGE_LABELS: dict[Change, str] = {
    Change.BETTER: N_("better"),
    Change.SAME: N_("same"),
    Change.WORSE: N_("worse"),
    Change.NEW: N_("new"),
    Change.REMOVED: N_("removed"),
}


def parse_rating(value: object) -> int | None:
    """A rating from a key, a cell or a file: 1, 2 or 3; "", 0 or None = not assessed.

    Raises ValueError with a message for the user for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(_("A rating is 1, 2 or 3 (or empty: not assessed)."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip().rstrip(".")
        if text in ("", "0", "-", "–"):
            return None
        if not text.isdigit():
            raise ValueError(_("A rating is 1, 2 or 3 (or empty: not assessed)."))
        value = int(text)
    if value == 0:
        return None
    if value not in RATINGS:
        raise ValueError(_("A rating is 1, 2 or 3 (or empty: not assessed)."))
    return int(value)


def text_error(
    text: str, limit: int = MAX_TEXT, required: bool = False, multi_line: bool = True
) -> str:
    """A message when *text* cannot be stored (domain/text_limits.py's rule), or "".

    Goals, measures and comments are paragraphs (line breaks allowed); theme
    headings and round names are one line.
    """
    if required and not text.strip():
        return _("This cannot be empty.")
    return T.text_problem(text if multi_line else text.strip(), limit, multi_line)


def reopen_reason_error(reason: str) -> str:
    """A locked round is reopened only with a reason, as minutes are."""
    if not reason.strip():
        return _("Give the reason for reopening the round.")
    return text_error(reason)


def round_error(kind: str, name: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in RoundKind.__members__.values():
        errors["kind"] = _("Unknown kind of round.")
    if kind == RoundKind.NAMED and not name.strip():
        errors["name"] = _("A self-assessment needs a name.")
    problem = text_error(name, MAX_SHORT_TEXT, multi_line=False)
    if problem:
        errors["name"] = problem
    return errors


def cell_uuid(round_uuid: str, measure_uuid: str, region: str) -> str:
    return str(uuidlib.uuid5(_NAMESPACE, f"cell/{round_uuid}/{measure_uuid}/{region}"))


def region_uuid(project_key: str, region: str) -> str:
    """A region taking part: the same on every laptop that adds it to the same project."""
    return str(uuidlib.uuid5(_NAMESPACE, f"region/{project_key}/{region}"))


def goal_comment_uuid(round_uuid: str, goal_uuid: str, region: str) -> str:
    return str(uuidlib.uuid5(_NAMESPACE, f"goal/{round_uuid}/{goal_uuid}/{region}"))


def measure_in_round(
    retired: bool, retired_on: dt.date | None, round_date: dt.date | None, has_cells: bool
) -> bool:
    """Whether a measure has a row in a round.

    A retired measure stays in the rounds that rated it and in rounds held
    before it was retired, so earlier rounds keep their cells; it leaves the rest.
    """
    if not retired or has_cells:
        return True
    return retired_on is not None and round_date is not None and round_date < retired_on


@dataclass(frozen=True)
class RatingCounts:
    """How many measures are rated 1, 2, 3 and not assessed."""

    ones: int = 0
    twos: int = 0
    threes: int = 0
    not_assessed: int = 0

    @property
    def assessed(self) -> int:
        return self.ones + self.twos + self.threes

    @property
    def total(self) -> int:
        return self.assessed + self.not_assessed

    @property
    def realised(self) -> int:
        return self.twos + self.threes

    @property
    def share_realised(self) -> float | None:
        """Rated 2 or 3 among the assessed (0–1); None when nothing is assessed."""
        return self.realised / self.assessed if self.assessed else None

    def count(self, rating: int | None) -> int:
        if rating is None:
            return self.not_assessed
        return {1: self.ones, 2: self.twos, 3: self.threes}.get(rating, self.not_assessed)


def count_ratings(ratings: Iterable[int | None]) -> RatingCounts:
    counts = {1: 0, 2: 0, 3: 0, None: 0}
    for rating in ratings:
        counts[rating if rating in RATINGS else None] += 1
    return RatingCounts(counts[1], counts[2], counts[3], counts[None])


@dataclass(frozen=True)
class MatrixSummary:
    by_goal: dict[Hashable, RatingCounts]
    by_region: dict[str, RatingCounts]
    total: RatingCounts


def summarize(cells: Iterable[tuple[Hashable, str, int | None]]) -> MatrixSummary:
    """Counts per goal, per region and overall from (goal, region, rating) of every cell shown.

    Every measure × region shown in the round is one cell (unrated ones too).
    """
    goals: dict[Hashable, list[int | None]] = {}
    regions: dict[str, list[int | None]] = {}
    everything: list[int | None] = []
    for goal, region, rating in cells:
        goals.setdefault(goal, []).append(rating)
        regions.setdefault(region, []).append(rating)
        everything.append(rating)
    return MatrixSummary(
        {g: count_ratings(r) for g, r in goals.items()},
        {g: count_ratings(r) for g, r in regions.items()},
        count_ratings(everything),
    )


def compare_ratings(before: int | None, after: int | None) -> Change | None:
    """How a cell changed from an earlier round to a later one (None: assessed in neither)."""
    if before is None and after is None:
        return None
    if before is None:
        return Change.NEW
    if after is None:
        return Change.REMOVED
    if after > before:
        return Change.BETTER
    if after < before:
        return Change.WORSE
    return Change.SAME


def count_changes(changes: Iterable[Change | None]) -> dict[Change, int]:
    result = dict.fromkeys(Change, 0)
    for change in changes:
        if change is not None:
            result[change] += 1
    return result
