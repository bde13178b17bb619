"""Import realised costs from a spreadsheet: preview, then all or nothing, once per file.

The file has a header row naming the columns partner, category, period and
amount (in Finnish, Swedish or English; a note column is optional). Partners
and categories are matched by name (a category also by its Swedish name);
nothing is created on the way. A file with any rejected row imports nothing.
The same rows imported again (the same file, or the same sheet saved as CSV)
add nothing: the import remembers a fingerprint of what it read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.text_limits import text_problem
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.costs import (
    MAX_NAME,
    MAX_NOTE,
    EntryData,
    _project,
    ensure_defaults,
    read_amount,
    read_period,
)
from kastedesk.services.table_files import Table, TableFileError, read_table, too_many_rows
from kastedesk.storage.database import Database
from kastedesk.storage.models.costs import CostCategory, CostEntry, CostImport, CostPartner

MAX_IMPORT_ROWS = 20_000

# Header words (compared without case, spaces and punctuation).
HEADERS: dict[str, tuple[str, ...]] = {
    "partner": (
        "partner", "implementing partner", "osatoteuttaja", "toteuttaja", "kumppani",
        "delgenomförare", "genomförare",
    ),
    "category": (
        "category", "cost category", "kustannuslaji", "kustannusryhmä", "kategoria", "menolaji",
        "kostnadsslag", "kategori", "kostnadskategori",
    ),
    "period": ("period", "kausi", "ajanjakso", "jakso", "laskutuskausi", "kuukausi", "månad"),
    "amount": (
        "amount", "sum", "summa", "määrä", "euroa", "eur", "€", "belopp", "toteutunut",
        "kustannus", "kostnad",
    ),
    "note": ("note", "selite", "huomautus", "kommentti", "lisätieto", "anmärkning", "förklaring"),
}  # fmt: skip
REQUIRED = ("partner", "category", "period", "amount")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w€]+", " ", text.casefold()).split())


_LOOKUP = {_key(word): name for name, words in HEADERS.items() for word in words}


def column_map(headers: list[str]) -> dict[str, int]:
    """Which column holds which field; a missing required one is refused."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _LOOKUP.get(_key(header))
        if name is not None and name not in found:
            found[name] = index
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ValidationError(
            {
                "": _(
                    "The file needs the columns partner, category, period and amount "
                    "(e.g. osatoteuttaja, kustannuslaji, kausi, summa). Missing: {columns}."
                ).format(columns=", ".join(missing))
            }
        )
    return found


def fingerprint(table: Table) -> str:
    """SHA-256 of the rows' text: the same sheet as .xlsx or .csv gives the same value."""
    rows = [[cell.strip() for cell in row] for row in table.rows if any(c.strip() for c in row)]
    text = json.dumps([table.headers, rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PlannedCost:
    line: int
    cells: tuple[str, str, str, str, str]  # partner, category, period, amount, note as read
    data: EntryData | None  # None: rejected
    reason: str = ""


@dataclass
class CostImportPlan:
    file_name: str
    fingerprint: str
    rows: list[PlannedCost] = field(default_factory=list)
    empty_rows: int = 0
    already_imported_on: dt.datetime | None = None  # the same rows came in then

    @property
    def accepted(self) -> list[PlannedCost]:
        return [r for r in self.rows if r.data is not None]

    @property
    def rejected(self) -> list[PlannedCost]:
        return [r for r in self.rows if r.data is None]

    @property
    def total_cents(self) -> int:
        return sum(r.data.cents for r in self.accepted if r.data is not None)

    @property
    def can_import(self) -> bool:
        return bool(self.accepted) and not self.rejected and self.already_imported_on is None


def _names(s: Session, project_id: int) -> tuple[dict[str, int], dict[str, int]]:
    partners = {
        _key(name): pid
        for pid, name in s.execute(
            select(CostPartner.id, CostPartner.name).where(CostPartner.project_id == project_id)
        )
    }
    categories: dict[str, int] = {}
    for cid, code, fi, sv in s.execute(
        select(CostCategory.id, CostCategory.code, CostCategory.name_fi, CostCategory.name_sv)
        .where(CostCategory.project_id == project_id)
        .order_by(CostCategory.position)
    ):
        for name in (fi, sv, code):
            if name:
                categories.setdefault(_key(name), cid)
    return partners, categories


def _plan_in(s: Session, project_id: int, table: Table, file_name: str) -> CostImportPlan:
    _project(s, project_id)
    ensure_defaults(s, project_id)
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise ValidationError({"": too_many_rows(MAX_IMPORT_ROWS)})
    columns = column_map(table.headers)
    partners, categories = _names(s, project_id)
    plan = CostImportPlan(file_name, fingerprint(table))
    earlier = s.scalar(
        select(CostImport.imported_at).where(
            CostImport.project_id == project_id, CostImport.fingerprint == plan.fingerprint
        )
    )
    plan.already_imported_on = earlier
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        problem = table.problem(index)
        if not any(cell.strip() for cell in row) and not problem:
            plan.empty_rows += 1
            continue
        partner, category, period, amount, note = (
            row[columns[name]].strip() if name in columns else ""
            for name in ("partner", "category", "period", "amount", "note")
        )
        cells = (partner, category, period, amount, note)
        planned = _plan_row(line, cells, partners, categories)
        if problem:  # e.g. a formula Excel did not store a value for
            reason = " ".join(
                filter(None, [problem[:1].upper() + problem[1:] + ".", planned.reason])
            )
            planned = PlannedCost(line, planned.cells, None, reason)
        plan.rows.append(planned)
    return plan


def _plan_row(
    line: int,
    cells: tuple[str, str, str, str, str],
    partners: dict[str, int],
    categories: dict[str, int],
) -> PlannedCost:
    partner, category, period, amount, note = cells
    reasons: list[str] = []
    for cell, limit in zip(cells, (MAX_NAME, MAX_NAME, 60, 60, MAX_NOTE), strict=True):
        if problem := text_problem(cell, limit):
            reasons.append(problem)
            break
    partner_id = partners.get(_key(partner))
    if not partner:
        reasons.append(_("The partner is missing."))
    elif partner_id is None:
        reasons.append(_("Unknown partner: {name}.").format(name=partner[:80]))
    category_id = categories.get(_key(category))
    if not category:
        reasons.append(_("The cost category is missing."))
    elif category_id is None:
        reasons.append(_("Unknown cost category: {name}.").format(name=category[:80]))
    start = end = dt.date.min
    cents = 0
    try:
        start, end = read_period(period)
    except ValidationError as exc:
        reasons.append(exc.errors["period"])
    try:
        cents = read_amount(amount)
    except ValidationError as exc:
        reasons.append(exc.errors["amount"])
    if reasons or partner_id is None or category_id is None:
        return PlannedCost(line, cells, None, " ".join(reasons))
    return PlannedCost(line, cells, EntryData(partner_id, category_id, start, end, cents, note))


def read_cost_file(path: Path) -> Table:
    try:
        return read_table(Path(path))
    except TableFileError as exc:
        raise ValidationError({"": str(exc)}) from exc


def preview_import(db: Database, project_id: int, table: Table, file_name: str) -> CostImportPlan:
    """What the import would do; changes nothing."""
    with db.read() as s:
        return _plan_in(s, project_id, table, file_name)


def run_import(db: Database, project_id: int, table: Table, file_name: str) -> CostImportPlan:
    """Add every row in one transaction, or nothing when a row is rejected.

    A file whose rows were imported before adds nothing and is not an error:
    the plan says when it came in.
    """
    with db.session() as s:
        plan = _plan_in(s, project_id, table, file_name)
        if plan.already_imported_on is not None:
            return plan
        if plan.rejected:
            raise ValidationError(
                {
                    "": _(
                        "Nothing was imported: {count} rows are rejected (first: row {line}, "
                        "{reason})"
                    ).format(
                        count=len(plan.rejected),
                        line=plan.rejected[0].line,
                        reason=plan.rejected[0].reason,
                    )
                }
            )
        if not plan.accepted:
            raise ValidationError({"": _("The file has no rows.")})
        record = CostImport(
            project_id=project_id,
            fingerprint=plan.fingerprint,
            file_name=file_name[:260],
            imported_at=dt.datetime.now(dt.UTC),
            rows=len(plan.accepted),
        )
        s.add(record)
        s.flush()
        s.add_all(
            CostEntry(
                project_id=project_id, partner_id=r.data.partner_id,
                category_id=r.data.category_id, period_start=r.data.start,
                period_end=r.data.end, amount_cents=r.data.cents, note=r.data.note,
                import_id=record.id,
            )
            for r in plan.accepted
            if r.data is not None
        )  # fmt: skip
        return plan


def import_costs_file(
    db: Database, project_id: int, path: Path, dry_run: bool = False
) -> CostImportPlan:
    """Read *path* and preview (*dry_run*) or import it."""
    path = Path(path)
    table = read_cost_file(path)
    if dry_run:
        return preview_import(db, project_id, table, path.name)
    return run_import(db, project_id, table, path.name)
