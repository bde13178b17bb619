"""What a results chart shows, as plain data: the GUI draws it, the report embeds it."""

from __future__ import annotations

from dataclasses import dataclass

from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.i18n import translator
from kastedesk.services.feedback_results import Comparison, QuestionStats


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: list[str]  # along the x axis
    series: list[tuple[str, list[float]]]  # (name, one value per category)
    y_max: float | None = None  # e.g. the top of the scale for means
    y_title: str = ""


def distribution_chart(stats: QuestionStats, lang: str) -> ChartSpec | None:
    """Bars of answer counts for a scale, choice or yes/no question."""
    if stats.kind is QuestionKind.TEXT:
        return None
    gettext = translator(lang).gettext
    distribution = stats.distribution()
    return ChartSpec(
        title=stats.question.text(lang),
        categories=[stats.question.value_label(v, lang) for v, _n in distribution],
        series=[(gettext("Responses"), [float(n) for _v, n in distribution])],
        y_title=gettext("Responses"),
    )


def comparison_chart(comparison: Comparison, lang: str) -> ChartSpec | None:
    """Side-by-side means of each scale question per region or module."""
    if not comparison.groups or not comparison.questions:
        return None
    gettext = translator(lang).gettext
    series = [
        (
            comparison.group_label(group, lang),
            [comparison.means.get((q.key, group), 0.0) for q in comparison.questions],
        )
        for group in comparison.groups
    ]
    title = gettext("Means by region") if comparison.by == "region" else gettext("Means by module")
    top = max(q.question.scale_max for q in comparison.questions)
    return ChartSpec(
        title=title,
        categories=[f"{n}." for n in range(1, len(comparison.questions) + 1)],
        series=series,
        y_max=float(top),
        y_title=gettext("Mean"),
    )
