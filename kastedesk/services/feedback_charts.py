"""What a results chart shows, as plain data: the GUI draws it, the report embeds it.

Every chart carries its numbers: the count (or mean) on each bar, the count
and share under each option, full option and question texts wrapped onto
lines (never cut), how many answered, and per group the number of responses.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.formatting import format_count, format_mean, format_percent
from kastedesk.i18n import translator
from kastedesk.services.feedback_results import Comparison, QuestionStats

LABEL_WIDTH = 18  # characters per line under a bar
TITLE_WIDTH = 70


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """*text* on lines of at most *width* characters (a longer word keeps its own line)."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or text


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: list[str]  # along the x axis; may hold line breaks
    series: list[tuple[str, list[float]]]  # (name, one value per category)
    y_max: float | None = None  # e.g. the top of the scale for means
    y_title: str = ""
    key: str = ""  # identifies the chart (the report's images are looked up by it)
    value_labels: list[list[str]] = field(default_factory=list)  # per series, per bar
    note: str = ""  # a line under the title, e.g. "n = 15"


def distribution_chart(stats: QuestionStats, lang: str) -> ChartSpec | None:
    """Bars of answer counts for a scale, choice or yes/no question, with counts and shares."""
    if stats.kind is QuestionKind.TEXT:
        return None
    gettext = translator(lang).gettext
    distribution = stats.distribution()
    answered = stats.answered  # shares of those answering (several may be ticked)
    categories = [
        f"{wrap(stats.question.value_label(v, lang))}\n"
        f"{format_count(n, lang)} · {format_percent(n, answered, lang)}"
        for v, n in distribution
    ]
    return ChartSpec(
        title=wrap(stats.question.text(lang), TITLE_WIDTH),
        categories=categories,
        series=[(gettext("Responses"), [float(n) for _v, n in distribution])],
        y_title=gettext("Responses"),
        key=f"distribution:{stats.key}",
        value_labels=[[format_count(n, lang) for _v, n in distribution]],
        note=gettext("Answered: {answered}").format(answered=format_count(answered, lang)),
    )


def comparison_chart(comparison: Comparison, lang: str) -> ChartSpec | None:
    """Side-by-side means of each scale question per region or module, with the question
    texts under the bars and each group's number of responses in the legend."""
    if not comparison.groups or not comparison.questions:
        return None
    gettext = translator(lang).gettext
    series, labels = [], []
    for group in comparison.groups:
        means = [comparison.means.get((q.key, group)) for q in comparison.questions]
        name = gettext("{group} (n = {count})").format(
            group=comparison.group_label(group, lang),
            count=format_count(comparison.responses[group], lang),
        )
        series.append((name, [m or 0.0 for m in means]))
        labels.append(["" if m is None else format_mean(m, lang) for m in means])
    title = {
        "region": gettext("Means by region"),
        "module": gettext("Means by module"),
        "period": gettext("Means by period"),
    }[comparison.by]
    top = max(q.question.scale_max for q in comparison.questions)
    return ChartSpec(
        title=title,
        categories=[
            wrap(f"{n}. {q.question.text(lang)}", 24)
            for n, q in enumerate(comparison.questions, start=1)
        ],
        series=series,
        y_max=float(top),
        y_title=gettext("Mean"),
        key=f"comparison:{comparison.by}",
        value_labels=labels,
    )


def comparison_table(comparison: Comparison, lang: str) -> tuple[list[str], list[list[str]]]:
    """The comparison as a table: a row per question, per group "mean (n = answered)";
    the headers name each group with its number of responses."""
    gettext = translator(lang).gettext
    headers = [gettext("Question")] + [
        gettext("{group} (n = {count})").format(
            group=comparison.group_label(g, lang), count=format_count(comparison.responses[g], lang)
        )
        for g in comparison.groups
    ]
    rows = []
    for number, stats in enumerate(comparison.questions, start=1):
        row = [f"{number}. {stats.question.text(lang)}"]
        for group in comparison.groups:
            mean = comparison.means.get((stats.key, group))
            answered = comparison.answered.get((stats.key, group))
            text = "" if mean is None else format_mean(mean, lang)
            if text and answered is not None:
                text += f" (n = {format_count(answered, lang)})"
            row.append(text)
        rows.append(row)
    return headers, rows
