"""What an import did (or would do), as rows shared by the CLI and the window."""

from __future__ import annotations

from dataclasses import dataclass

from kastedesk.domain import text_limits as T
from kastedesk.domain.bundle_merge import Outcome
from kastedesk.domain.feedback_counts import responses_for_participants
from kastedesk.formatting import format_count
from kastedesk.i18n import N_, _, ngettext
from kastedesk.services.bundles.evaluation import EVAL_KINDS
from kastedesk.services.bundles.exporter import ExportSummary
from kastedesk.services.bundles.format import JsonObject
from kastedesk.services.bundles.planner import FORM, RESPONSE, WORKSHOP, ImportPlan

ROWS: tuple[tuple[str, tuple[Outcome, ...]], ...] = (
    (N_("New"), (Outcome.INSERT,)),
    (N_("Updated"), (Outcome.UPDATE,)),
    (N_("Unchanged"), (Outcome.UNCHANGED,)),
    (N_("Conflicts"), (Outcome.CONFLICT,)),
    (N_("Deleted"), (Outcome.DELETE, Outcome.INSERT_DELETED)),
    (N_("Stay deleted"), (Outcome.STAYS_DELETED,)),
)


@dataclass(frozen=True)
class ReportRow:
    label: str
    workshops: int
    forms: int
    responses: int
    evaluation: int = 0  # evaluation framework, rounds, ratings and comments


def report_headers() -> list[str]:
    return ["", _("Workshops"), _("Feedback forms"), _("Responses"), _("Evaluation")]


def report_rows(plan: ImportPlan) -> list[ReportRow]:
    rows = []
    for label, outcomes in ROWS:
        workshops, forms, responses = (
            sum(plan.counts[kind][o] for o in outcomes) for kind in (WORKSHOP, FORM, RESPONSE)
        )
        evaluation = sum(plan.counts[kind][o] for kind in EVAL_KINDS for o in outcomes)
        rows.append(ReportRow(_(label), workshops, forms, responses, evaluation))
    return rows


def over_participants_lines(plan: ImportPlan) -> list[str]:
    """ "⚠ Työpaja A Vaasa: 16 vastausta, 15 osallistujaa" per workshop the import would
    leave with more responses than participants."""
    return [
        _("⚠ {workshop}: {counts}").format(
            workshop=title, counts=responses_for_participants(responses, attended)
        )
        for title, responses, attended in plan.over_participants
    ]


def skipped_lines(plan: ImportPlan) -> list[str]:
    """One line per workshop the import leaves out, with why (see newcomers.py)."""
    lines = []
    for s in plan.skipped:
        line = _("Skipped: workshop “{title}”: {reason}.").format(
            title=T.one_line(s.title, 80), reason=s.reason.rstrip(".")
        )
        if s.responses:
            line += " " + ngettext(
                "Its {n} new response was left out too.",
                "Its {n} new responses were left out too.",
                s.responses,
            ).format(n=format_count(s.responses))
        lines.append(line)
    return lines


def summary_lines(plan: ImportPlan) -> list[str]:
    """New projects and people, workshops skipped and values left out: the lines under the
    table, in the window and on the command line."""
    lines = []
    if plan.new_projects:
        lines.append(_("New projects: {names}").format(names=", ".join(plan.new_projects)))
    if plan.new_people:
        lines.append(_("New people: {names}").format(names=", ".join(plan.new_people)))
    lines += skipped_lines(plan)
    if plan.left_out:
        lines.append(_("Values left out as invalid:"))
        lines += plan.left_out
    return lines


def report_json(plan: ImportPlan) -> JsonObject:
    return {
        "inserted": plan.inserted,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "conflicts": plan.conflicts,
        "deleted": plan.deleted,
        "kept_deleted": plan.kept_deleted,
        "by_kind": {
            kind: {o.value: n for o, n in sorted(plan.counts[kind].items())}
            for kind in (WORKSHOP, FORM, RESPONSE, *EVAL_KINDS)
        },
        "new_projects": plan.new_projects,
        "new_people": plan.new_people,
        "skipped": [
            {"workshop": s.uuid, "title": s.title, "reason": s.reason, "responses": s.responses}
            for s in plan.skipped
        ],
        "left_out": plan.left_out,
        "more_responses_than_participants": [
            {"workshop": title, "responses": responses, "attended": attended}
            for title, responses, attended in plan.over_participants
        ],
        "source": {
            "installation": plan.bundle.source.installation,
            "name": plan.bundle.source.name,
        },
    }


def export_summary_text(summary: ExportSummary) -> str:
    """ "Bundle written: … (1 workshop, 1 feedback form, 15 responses, 2 deletion markers)":
    responses and deletion markers counted apart, every count with its own plural."""
    responses = summary.responses - summary.deleted
    parts = [
        ngettext("{n} workshop", "{n} workshops", summary.workshops).format(n=summary.workshops),
        ngettext("{n} feedback form", "{n} feedback forms", summary.forms).format(n=summary.forms),
        ngettext("{n} response", "{n} responses", responses).format(n=format_count(responses)),
    ]
    if summary.deleted:
        parts.append(
            ngettext("{n} deletion marker", "{n} deletion markers", summary.deleted).format(
                n=summary.deleted
            )
        )
    text = _("Bundle written: {path} ({counts})").format(path=summary.path, counts=", ".join(parts))
    if summary.evaluation:
        text += " " + _("Evaluation records: {count}.").format(count=summary.evaluation)
    return text
