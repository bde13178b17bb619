"""The main window's tabs, in order: a stable key, a title and a factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kastedesk.i18n import _
from kastedesk.ui.tab_page import TabPage


@dataclass(frozen=True)
class TabSpec:
    key: str  # stored in the settings; never translated
    title: Callable[[], str]
    create: Callable[[], TabPage]


def members_title() -> str:
    return _("Members")


def meetings_title() -> str:
    return _("Meetings")


def workshops_title() -> str:
    return _("Workshops")


def feedback_title() -> str:
    return _("Feedback")


def costs_title() -> str:
    return _("Costs")


def evaluation_title() -> str:
    return _("Evaluation")


# Each page's code is imported when the tab is first shown, after the window.
def _members_page() -> TabPage:
    from kastedesk.ui.members.members_page import MembersPage

    return MembersPage()


def _meetings_page() -> TabPage:
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    return MeetingsPage()


def _workshops_page() -> TabPage:
    from kastedesk.ui.workshops.page import WorkshopsPage

    return WorkshopsPage()


def _feedback_page() -> TabPage:
    from kastedesk.ui.feedback.page import FeedbackPage

    return FeedbackPage()


def _costs_page() -> TabPage:
    from kastedesk.ui.costs.page import CostsPage

    return CostsPage()


def _evaluation_page() -> TabPage:
    from kastedesk.ui.evaluation.page import EvaluationPage

    return EvaluationPage()


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("members", members_title, _members_page),
    TabSpec("meetings", meetings_title, _meetings_page),
    TabSpec("workshops", workshops_title, _workshops_page),
    TabSpec("feedback", feedback_title, _feedback_page),
    TabSpec("evaluation", evaluation_title, _evaluation_page),
    TabSpec("costs", costs_title, _costs_page),
)
