from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt

from kastedesk.ui.row_table_model import ROW_ROLE, Column, RowTableModel


@dataclass
class Row:
    name: str
    town: str
    day: dt.date | None


COLUMNS = [
    Column(lambda: "Name", lambda r: r.name),
    Column(lambda: "Town", lambda r: r.town),
    Column(lambda: "Day", lambda r: r.day),
]
ROWS = [
    Row("Aino Virtanen", "Vaasa", dt.date(2014, 9, 23)),
    Row("Björn Nyman", "Närpes", None),
    Row("Eeva Ääri", "Seinäjoki", dt.date(2013, 1, 2)),
]


def make() -> RowTableModel[Row]:
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    return model


def test_passes_qt_model_checks(qtmodeltester) -> None:
    qtmodeltester.check(make())


def test_display_and_row_object() -> None:
    model = make()
    assert model.rowCount() == 3 and model.columnCount() == 3
    assert model.data(model.index(0, 2)) == "23.9.2014"
    assert model.data(model.index(1, 2)) == ""
    assert model.data(model.index(2, 0), ROW_ROLE) is ROWS[2]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Town"


def test_filter_matches_every_word_in_any_column_ignoring_case() -> None:
    model = make()
    model.set_filter("VAASA")
    assert [r.name for r in model.visible_rows()] == ["Aino Virtanen"]
    model.set_filter("ääri seinä")
    assert [r.name for r in model.visible_rows()] == ["Eeva Ääri"]
    model.set_filter("23.9.2014")
    assert model.rowCount() == 1
    model.set_filter("nobody")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == 3


def _found_by_hand(model: RowTableModel[Row], text: str) -> list[str]:
    """The rows holding every word of *text* in their name or town, in the model's order."""
    words = text.casefold().split()
    return [
        r.name
        for r in model.all_rows()
        if all(w in f"{r.name}\x1f{r.town}".casefold() for w in words)
    ]


def test_typing_on_searches_the_rows_shown_and_finds_what_a_full_search_finds() -> None:
    model = RowTableModel(COLUMNS)
    towns = ["Vaasa", "Tampere", "Tampere"]
    rows = [Row(f"Person {i}", f"{towns[i % 3]} {i % 7}", None) for i in range(3_000)]
    model.set_rows(rows)
    searched: list[int] = []
    real = model._filtered

    def spy(among: list[int] | None = None) -> list[int]:
        searched.append(len(rows) if among is None else len(among))
        return real(among)

    model._filtered = spy  # type: ignore[method-assign]  # counts the rows each filter reads
    typed = ["t", "ta", "tam", "tamp", "tampere", "tampere 5", "tampere 5 person 1", "tampere 5",
             "tampere", "va", "vaasa 2", "", "person 29", "person 299", "x"]  # fmt: skip
    shown = []
    for text in typed:
        model.set_filter(text)
        assert [r.name for r in model.visible_rows()] == _found_by_hand(model, text), text
        shown.append(model.rowCount())
    # A word typed on ("ta" after "t", "tampere 5" after "tampere") reads only the rows
    # shown before it; a shorter or another text ("tampere 5" after more, "va", "x")
    # reads every row.
    narrowing = {1, 2, 3, 4, 5, 6, 10, 13}
    assert searched == [shown[k - 1] if k in narrowing else len(rows) for k in range(len(typed))]
    assert shown[6] < shown[5] < shown[4] < len(rows)


def test_after_a_row_changed_in_place_typing_on_searches_every_row() -> None:
    model = make()
    model.set_filter("vaasa")
    model.replace_row(lambda r: r.name == "Björn Nyman", Row("Björn Nyman", "Vaasa 2", None))
    model.set_filter("vaasa björn")  # narrower, but Björn was hidden when "vaasa" was typed
    assert [r.name for r in model.visible_rows()] == ["Björn Nyman"]


def test_sort_keeps_filter_and_puts_empty_last() -> None:
    model = make()
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [r.name for r in model.visible_rows()] == ["Eeva Ääri", "Aino Virtanen", "Björn Nyman"]
    model.set_filter("a")
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.row(0).name == "Eeva Ääri"
    assert model.position_of(lambda r: r.town == "Vaasa") is not None


def test_many_rows_filter() -> None:
    model = RowTableModel(COLUMNS)
    model.set_rows([Row(f"Person {i}", f"T{i % 50:02d}x", None) for i in range(10_000)])
    model.set_filter("t07X")
    assert model.rowCount() == 200
    model.set_filter("t07x person 1057")
    assert [r.name for r in model.visible_rows()] == ["Person 1057"]


def test_sorting_keeps_the_selection_on_the_same_record(qtbot) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    model = make()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.selectRow(1)
    assert model.row(view.currentIndex().row()).name == "Björn Nyman"
    for column, order in ((0, Qt.SortOrder.DescendingOrder), (2, Qt.SortOrder.AscendingOrder)):
        model.sort(column, order)
        [selected] = view.selectionModel().selectedRows()
        assert model.row(selected.row()).name == "Björn Nyman"
        assert model.row(view.currentIndex().row()).name == "Björn Nyman"


def test_one_row_is_replaced_in_place_without_a_reset() -> None:
    model = make()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_filter("a")
    resets: list[bool] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    shown = [r.name for r in model.visible_rows()]
    new = Row("Eeva Ääri", "Kokkola", dt.date(2014, 1, 2))
    assert model.replace_row(lambda r: r.name == "Eeva Ääri", new)
    assert resets == []
    assert changed == [shown.index("Eeva Ääri")]
    assert model.data(model.index(changed[0], 1)) == "Kokkola"
    assert [r.name for r in model.visible_rows()] == shown  # order and filter kept
    model.set_filter("kokkola")  # the new text is searched
    assert [r.town for r in model.visible_rows()] == ["Kokkola"]
    assert not model.replace_row(lambda r: r.name == "Nobody", new)


def test_cells_are_formatted_when_shown_and_search_texts_while_idle(qtbot, monkeypatch) -> None:
    from kastedesk.ui import row_table_model

    formatted: list[object] = []
    real = row_table_model.display_text
    monkeypatch.setattr(row_table_model, "display_text", lambda v: formatted.append(v) or real(v))
    monkeypatch.setattr(row_table_model, "HAYSTACK_SLICE", 2)
    many = [Row(f"Henkilö {n:04}", "Vaasa" if n % 2 else "Kokkola", None) for n in range(10)]
    model = RowTableModel(COLUMNS)
    model.set_rows(many)
    assert formatted == []  # loading formats nothing
    assert model.data(model.index(3, 0)) == "Henkilö 0003"
    assert len(formatted) == 3  # one row: its three cells
    qtbot.waitUntil(lambda: len(model._haystack) == 10)  # the rest, slice by slice
    model.set_filter("kokkola 0004")
    assert [r.name for r in model.visible_rows()] == ["Henkilö 0004"]


def test_a_filter_before_the_idle_search_texts_are_ready_sees_every_row(monkeypatch) -> None:
    from kastedesk.ui import row_table_model

    monkeypatch.setattr(row_table_model, "HAYSTACK_SLICE", 1)
    many = [Row(f"Henkilö {n}", "Vaasa", None) for n in range(50)]
    model = RowTableModel(COLUMNS)
    model.set_rows(many)
    model.set_filter("henkilö 49")
    assert [r.name for r in model.visible_rows()] == ["Henkilö 49"]
    model.replace_row(lambda r: r.name == "Henkilö 49", Row("Henkilö 49", "Närpes", None))
    model.set_filter("närpes")
    assert [r.town for r in model.visible_rows()] == ["Närpes"]


def test_fit_columns_sizes_as_qt_does_but_reads_no_cell_roles(qtbot) -> None:
    """The fast fit gives the widths Qt's own sizing gives, without asking data()."""
    from PySide6.QtWidgets import QTableView

    from kastedesk.ui.row_table_model import fit_columns

    rows = [*ROWS, Row("Kaarina Långström-Virtanen\nkunnanjohtaja", "X", dt.date(2020, 12, 31))]
    views = []
    for _ in range(2):
        model = RowTableModel(COLUMNS)
        model.set_rows(rows)
        view = QTableView()
        view.setModel(model)
        qtbot.addWidget(view)
        views.append(view)
    qt_view, fast_view = views
    qt_view.resizeColumnsToContents()
    asked: list[int] = []
    model = fast_view.model()
    original = model.data
    model.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (  # type: ignore[method-assign]
        asked.append(role) or original(index, role)
    )
    fit_columns(fast_view)
    assert asked == []
    qt_widths = [qt_view.columnWidth(c) for c in range(3)]
    assert [fast_view.columnWidth(c) for c in range(3)] == qt_widths
    assert qt_widths[0] > qt_widths[1]  # the long name widened its column


def test_a_count_column_writes_thousands_apart_and_sorts_by_number() -> None:
    from kastedesk import i18n
    from kastedesk.ui.row_table_model import count_column

    i18n.set_language("fi")
    model: RowTableModel[tuple[str, int | None]] = RowTableModel(
        [Column(lambda: "Form", lambda r: r[0]), count_column(lambda: "Responses", lambda r: r[1])]
    )
    model.set_rows([("a", 12500), ("b", 999), ("c", None), ("d", 1000)])
    shown = {model.index(n, 0).data(): model.index(n, 1).data() for n in range(4)}
    assert shown == {"a": "12\xa0500", "b": "999", "c": "", "d": "1\xa0000"}
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    model.sort(1, Qt.SortOrder.AscendingOrder)  # as numbers: "1 000" < "12 500" < "999" as text
    assert [r[0] for r in model.visible_rows()] == ["b", "d", "a", "c"]


def test_a_heading_that_grows_with_the_language_widens_only_its_column(qtbot) -> None:
    """The Meetings list, fitted in Swedish ("Datum"), showed "äivämäär" in Finnish."""
    from PySide6.QtWidgets import QTableView

    from kastedesk.ui.row_table_model import HeadingsKept, fit_columns

    heading = ["Date"]
    model = RowTableModel(
        [Column(lambda: heading[0], lambda r: r.name), Column(lambda: "Town", lambda r: r.town)]
    )
    model.set_rows(ROWS[:3])
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    fit_columns(view)
    fit_columns(view)  # fitted again (another group): still one keeper
    header = view.horizontalHeader()
    assert len(header.findChildren(HeadingsKept)) == 1
    header.resizeSection(1, 300)  # the user's width
    heading[0] = "Päivämäärä, jolloin kokous pidetään"
    model.refresh_texts()
    assert header.sectionSize(0) >= header.sectionSizeHint(0) > 0
    assert header.sectionSize(1) == 300
