"""The columns of the members table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush

from kastedesk.domain.regions import region_name
from kastedesk.domain.registry import LANGUAGE_LABELS, ROLE_LABELS
from kastedesk.i18n import _, current_language
from kastedesk.services.registry import MemberRow
from kastedesk.ui import theme
from kastedesk.ui.row_table_model import Column, RowTableModel

ROLE_ORDER = {role: n for n, role in enumerate(ROLE_LABELS)}  # chair first, as in minutes


def language_text(row: MemberRow) -> str:
    label = LANGUAGE_LABELS.get(row.language)
    return _(label) if label else row.language


def role_text(row: MemberRow) -> str:
    return _(ROLE_LABELS[row.role])


COLUMNS: list[Column[MemberRow]] = [
    Column(lambda: _("Last name"), lambda r: r.last_name),
    Column(lambda: _("First name"), lambda r: r.first_name),
    Column(lambda: _("Role"), role_text, sort_key=lambda r: (ROLE_ORDER[r.role], r.last_name)),
    Column(lambda: _("Deputy of"), lambda r: r.deputy_of_name),
    Column(lambda: _("Organisation"), lambda r: r.organisation),
    Column(lambda: _("Municipality"), lambda r: r.municipality),
    Column(lambda: _("Region"), lambda r: region_name(r.region, current_language())),
    Column(lambda: _("Email"), lambda r: r.email),
    Column(lambda: _("Phone"), lambda r: r.phone),
    Column(lambda: _("Language"), language_text),
    Column(lambda: _("Start date"), lambda r: r.start_date),
    Column(lambda: _("End date"), lambda r: r.end_date),
]  # fmt: skip


def make_model(today: dt.date | None = None) -> RowTableModel[MemberRow]:
    def foreground(row: MemberRow) -> QBrush | None:
        return None if row.is_active(today or dt.date.today()) else QBrush(theme.muted())

    return RowTableModel(COLUMNS, foreground=foreground)
