"""Minutes of a 40-item meeting: KasteDesk's builder against bare python-docx.

The baseline writes the same text (headings, paragraphs, one table per item)
with python-docx directly and no template handling; the ratio shows what our
structure costs. Medians of several runs, in milliseconds. Run with ``make bench``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from docx import Document
from timing import median_ms  # bench/timing.py

from kastedesk.documents.content import ActionLine, Bilingual, ItemContent
from kastedesk.documents.docx_builder import build_minutes
from tests.documents.conftest import content as sample_content

REPEAT = 7


def main() -> int:
    base = sample_content.__wrapped__()
    items = tuple(
        ItemContent(
            n, Bilingual(f"Asia {n}", f"Ärende {n}"), "own", presenter="Jari Koivisto",
            background="Selostus " * 80, proposal="Ehdotus " * 30, decision="Päätös " * 30,
            actions=(ActionLine("Tehtävä", "Satu Tuominen", dt.date(2014, 10, 1)),),
        )
        for n in range(1, 41)
    )  # fmt: skip
    content = dataclasses.replace(base, items=items)

    def ours() -> None:
        build_minutes(content, ["fi", "sv"], None).save(io.BytesIO())

    def bare() -> None:
        doc = Document()
        doc.add_paragraph("Ohjausryhmän 6. kokous — PÖYTÄKIRJA", style="Title")
        for item in items:
            doc.add_paragraph(f"§ {item.section} {item.title.fi}", style="Heading 2")
            for text in (item.background, item.proposal, item.decision):
                doc.add_paragraph(text)
            table = doc.add_table(rows=1, cols=3)
            for action in item.actions:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = (
                    action.what,
                    action.responsible,
                    "1.10.2014",
                )
        doc.save(io.BytesIO())

    baseline = median_ms(bare, repeat=REPEAT)
    measured = median_ms(ours, repeat=REPEAT)
    print(f"Minutes with 40 items, fi+sv (medians of {REPEAT} runs, ms)")
    print(f"  KasteDesk builder  {measured:8.1f}   bare python-docx {baseline:8.1f}"
          f"   ratio {measured / baseline:5.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
