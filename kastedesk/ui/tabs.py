"""The main window's tabs, in order: a stable key, a title and a factory."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from kastedesk.i18n import _
from kastedesk.ui.tab_page import TabPage

if TYPE_CHECKING:  # the window shows before the storage code is imported
    from kastedesk.storage.database import Database


class TabSpec(NamedTuple):  # not a dataclass: the window shows before that module loads
    key: str  # stored in the settings; never translated
    title: Callable[[], str]
    create: Callable[[Database], TabPage]  # the page, built for the open database


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
def _members_page(db: Database) -> TabPage:
    from kastedesk.ui.members.members_page import MembersPage

    return MembersPage(db)


def _meetings_page(db: Database) -> TabPage:
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    return MeetingsPage(db)


def _workshops_page(db: Database) -> TabPage:
    from kastedesk.ui.workshops.page import WorkshopsPage

    return WorkshopsPage(db)


def _feedback_page(db: Database) -> TabPage:
    from kastedesk.ui.feedback.page import FeedbackPage

    return FeedbackPage(db)


def _costs_page(db: Database) -> TabPage:
    from kastedesk.ui.costs.page import CostsPage

    return CostsPage(db)


def _evaluation_page(db: Database) -> TabPage:
    from kastedesk.ui.evaluation.page import EvaluationPage

    return EvaluationPage(db)


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("members", members_title, _members_page),
    TabSpec("meetings", meetings_title, _meetings_page),
    TabSpec("workshops", workshops_title, _workshops_page),
    TabSpec("feedback", feedback_title, _feedback_page),
    TabSpec("evaluation", evaluation_title, _evaluation_page),
    TabSpec("costs", costs_title, _costs_page),
)
