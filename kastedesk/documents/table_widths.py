"""Fixed column widths that Word and LibreOffice both keep."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Length
from docx.table import Table


def set_widths(table: Table, widths: Sequence[Length]) -> None:
    """Each column of *table* as wide as given, one width per column.

    Word reads the cells' widths and LibreOffice the grid's: both are set. Without
    them a table's columns are equal, and a long title in a narrow one breaks
    inside its words ("Maakunnalline|n työpaja").
    """
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
