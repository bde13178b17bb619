"""Members table with 10,000 people: load, sort and filter per keystroke.

Prints medians (ms) and the ratio against a baseline measured in the same run:
a QSortFilterProxyModel over a QStandardItemModel holding the same rows, which
is how a Qt table is usually filtered. Run with ``make bench``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from timing import median_ms  # bench/timing.py

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from kastedesk.domain.registry import Role
from kastedesk.domain.registry_rules import GroupData, ProjectData
from kastedesk.services import registry
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Membership, Person
from kastedesk.ui.members.member_table import COLUMNS, make_model
from kastedesk.ui.row_table_model import display_text

N = 10_000
KEYSTROKES = ["t", "ta", "tam", "tamp", "tampe", "tamper", "tampere"]
REPEAT = 7


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="kastedesk-bench-"))
    db = open_database(resolve_url(folder / "bench.sqlite"))
    project = registry.save_project(db, ProjectData("Bench"))
    group = registry.save_group(db, GroupData("Ohjausryhmä"), project)
    towns = ["Tampere", "Vaasa", "Lahti", "Seinäjoki", "Riihimäki", "Närpes", "Akaa"]
    with db.session() as s:
        for i in range(N):
            person = Person(
                first_name=f"Etu{i}", last_name=f"Suku{i:05d}", organisation=f"Org {i % 300}",
                municipality=towns[i % len(towns)], region="06", email=f"p{i}@x.example",
                phone=f"+358 50 555 {i:04d}", language="fi",
            )  # fmt: skip
            s.add(Membership(person=person, group_id=group, role=Role.MEMBER.value))

    query = median_ms(lambda: registry.member_rows(db, group), repeat=REPEAT)
    rows = registry.member_rows(db, group)
    model = make_model()
    load = median_ms(lambda: model.set_rows(rows), repeat=REPEAT)
    sort = median_ms(lambda: model.sort(5, Qt.SortOrder.DescendingOrder), repeat=REPEAT)

    def type_filter() -> None:
        for text in KEYSTROKES:
            model.set_filter(text)
        model.set_filter("")

    keystroke = median_ms(type_filter, repeat=REPEAT) / (len(KEYSTROKES) + 1)

    base = QStandardItemModel()

    def base_fill() -> None:
        # appendRow: PySide6 6.12 crashes on ~100,000 setItem() calls (a refcount bug).
        base.setRowCount(0)
        for row in rows:
            base.appendRow([QStandardItem(display_text(col.value(row))) for col in COLUMNS])

    base_load = median_ms(base_fill, repeat=3)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(base)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def base_filter() -> None:
        for text in [*KEYSTROKES, ""]:
            proxy.setFilterRegularExpression(QRegularExpression(QRegularExpression.escape(text)))

    base_keystroke = median_ms(base_filter, repeat=3) / (len(KEYSTROKES) + 1)
    db.dispose()
    del app

    print(f"Members table, {N} people (medians of {REPEAT} runs, ms)")
    print(f"  query member_rows          {query:8.1f}")
    print(f"  load into the table model  {load:8.1f}   baseline QStandardItemModel {base_load:8.1f}"
          f"   ratio {base_load / load:5.1f}x")  # fmt: skip
    print(f"  sort by a column           {sort:8.1f}")
    print(f"  filter, per keystroke      {keystroke:8.2f}   baseline QSortFilterProxyModel "
          f"{base_keystroke:8.2f}   ratio {base_keystroke / keystroke:5.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
