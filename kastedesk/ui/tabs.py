"""The main window's tabs, in order: a stable key, a title and a factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kastedesk.i18n import _
from kastedesk.ui.pending_tab import PendingTab
from kastedesk.ui.tab_page import TabPage


@dataclass(frozen=True)
class TabSpec:
    key: str  # stored in the settings; never translated
    title: Callable[[], str]
    create: Callable[[], TabPage]


def _pending(title: Callable[[], str]) -> Callable[[], TabPage]:
    return lambda: PendingTab(title)


def members_title() -> str:
    return _("Members")


def meetings_title() -> str:
    return _("Meetings")


def workshops_title() -> str:
    return _("Workshops")


def feedback_title() -> str:
    return _("Feedback")


def _workshops_page() -> TabPage:
    from kastedesk.ui.workshops.page import WorkshopsPage

    return WorkshopsPage()


def _feedback_page() -> TabPage:
    from kastedesk.ui.feedback.page import FeedbackPage

    return FeedbackPage()


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("members", members_title, _pending(members_title)),
    TabSpec("meetings", meetings_title, _pending(meetings_title)),
    TabSpec("workshops", workshops_title, _workshops_page),
    TabSpec("feedback", feedback_title, _feedback_page),
)
