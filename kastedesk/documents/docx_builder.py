"""Agenda and minutes as Word documents, in the template's own styles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from kastedesk.documents import phrases as P
from kastedesk.documents.content import ActionLine, ItemContent, MeetingContent, PersonLine
from kastedesk.documents.phrases import Phrases
from kastedesk.documents.table_widths import set_widths
from kastedesk.documents.template import open_template
from kastedesk.documents.vote_texts import disqualified_sentence, vote_paragraphs
from kastedesk.domain.backlog import outcome_decision
from kastedesk.domain.invitees import order_invitees
from kastedesk.domain.registry import Role
from kastedesk.formatting import format_date

LEGALITY = "legality"
PREVIOUS_MINUTES = "previous_minutes"
_ROLE_ORDER = {role: n for n, role in enumerate(Role)}


def build_agenda(
    content: MeetingContent, languages: Sequence[str], template: Path | None
) -> DocumentObject:
    return _Builder(content, languages, template).agenda()


def build_minutes(
    content: MeetingContent, languages: Sequence[str], template: Path | None
) -> DocumentObject:
    return _Builder(content, languages, template).minutes()


def build_extract(
    content: MeetingContent,
    sections: Collection[int],
    languages: Sequence[str],
    template: Path | None,
    certified_on: dt.date,
) -> DocumentObject:
    """The extract (pöytäkirjanote · protokollsutdrag) of the § items *sections*."""
    return _Builder(content, languages, template).extract(sections, certified_on)


class _Builder:
    def __init__(
        self, content: MeetingContent, languages: Sequence[str], template: Path | None
    ) -> None:
        self.c = content
        self.t = Phrases(languages)
        self.doc = open_template(template)
        names = {s.name: s for s in self.doc.styles}
        self._table_style = names.get("Table Grid")
        # Style ids looked up once: python-docx searches all styles on every by-name use.
        self._style_ids = {n: names[n].style_id for n in ("Title", "Heading 2") if n in names}

    # --- documents ------------------------------------------------------------------

    def agenda(self) -> DocumentObject:
        self._header(P.AGENDA)
        invitees = self._invitee_order(self.c.invitees)
        # A personal deputy right under their member, named: "henkilökohtainen varajäsen: X".
        roles = [
            self.t(P.DEPUTY_OF, name=p.deputy_of_name) if p.deputy_of_name else "" for p in invitees
        ]
        self._people_table(P.INVITED, invitees, roles=roles)
        if self.c.for_information:
            self._people_table(P.FOR_INFORMATION, self._sorted(self.c.for_information))
        for item in self.c.items:
            self._item(item, minutes=False)
        self._page_numbers()
        return self.doc

    def minutes(self) -> DocumentObject:
        self._header(P.MEMO if self.c.memo else P.MINUTES)
        self._attendance()
        for item in self.c.items:
            self._item(item, minutes=True)
        if not self.c.memo:
            self._signatures()
        self._page_numbers()
        return self.doc

    def extract(self, sections: Collection[int], certified_on: dt.date) -> DocumentObject:
        """The header, the chosen items as in the minutes, and the secretary's certification."""
        self._header(P.EXTRACT_OF_MEMO if self.c.memo else P.EXTRACT)
        for item in self.c.items:
            if item.section in sections:
                self._item(item, minutes=True)
        if self.c.checked_on and not self.c.memo:
            checked = self.doc.add_paragraph(
                self.t(P.CHECKED_ON, date=format_date(self.c.checked_on))
            )
            checked.paragraph_format.space_before = Pt(12)  # apart from an action table
        self._certification(certified_on)
        self._page_numbers()
        return self.doc

    # --- parts ------------------------------------------------------------------------

    def _header(self, kind: str) -> None:
        t, c = self.t, self.c
        self.doc.add_paragraph(
            " – ".join(filter(None, [t.bilingual(c.project), t.bilingual(c.group)]))
        )
        self._para(f"{t.bilingual(c.title)} — {t(kind)}", "Title")
        table = self.doc.add_table(rows=0, cols=2)
        rows = [(P.TIME, t.meeting_time(c.date, c.start, c.end)), (P.PLACE, c.place)]
        if c.remote_link:
            rows.append((P.REMOTE, c.remote_link))
        for label, value in rows:
            cells = table.add_row().cells
            self._bold(cells[0].paragraphs[0], t(label))
            cells[1].paragraphs[0].add_run(value)
        self._widths(table, [Cm(3.5), Cm(12.5)])

    @staticmethod
    def _invitee_order(people: Sequence[PersonLine]) -> list[PersonLine]:
        return order_invitees(
            people, lambda p: p.role, lambda p: p.seat, lambda p: p.deputy_of, lambda p: p.name
        )

    @staticmethod
    def _sorted(people: Sequence[PersonLine]) -> list[PersonLine]:
        return sorted(people, key=lambda p: (_ROLE_ORDER.get(p.role, 99) if p.role else 99, p.name))

    def _people_table(
        self,
        heading: str,
        people: Sequence[PersonLine],
        notes: Sequence[str] = (),
        roles: Sequence[str] = (),
    ) -> None:
        t = self.t
        self._para(t(heading), "Heading 2")
        headers = [t(P.NAME), t(P.ORGANISATION), t(P.ROLE)]
        table = self.doc.add_table(rows=1, cols=3, style=self._table_style)
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._bold(cell.paragraphs[0], text)
        for n, person in enumerate(people):
            cells = table.add_row().cells
            cells[0].text = person.name
            cells[1].text = person.organisation
            role = (roles[n] if roles else "") or t.role(person.role)
            cells[2].text = f"{role}, {notes[n]}" if notes and notes[n] else role
        self._widths(table, [Cm(5), Cm(6.5), Cm(4.5)])

    def _attendance(self) -> None:
        t = self.t
        voting = {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.DEPUTY}
        present = [a for a in self.c.attendance if a.present and a.person.role in voting]
        others = [a for a in self.c.attendance if a.present and a.person.role not in voting]
        # Absent: the members; a deputy who was not needed is not "absent".
        seats = {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER}
        absent = [a for a in self.c.attendance if not a.present and a.person.role in seats]
        for heading, lines in (
            (P.PRESENT, present),
            (P.OTHERS_PRESENT, others),
            (P.ABSENT, absent),
        ):
            if not lines:
                continue
            lines = sorted(
                lines,
                key=lambda a: (
                    _ROLE_ORDER.get(a.person.role, 99) if a.person.role else 99,
                    a.person.name,
                ),
            )
            notes = []
            for a in lines:
                parts = []
                if a.stands_in_for:
                    parts.append(t(P.STANDS_IN_FOR, name=a.stands_in_for))
                if a.arrived_at:
                    parts.append(t(P.ARRIVED_AT, section=a.arrived_at))
                if a.left_at:
                    parts.append(t(P.LEFT_AT, section=a.left_at))
                notes.append(", ".join(parts))
            self._people_table(heading, [a.person for a in lines], notes)

    def _item(self, item: ItemContent, minutes: bool) -> None:
        t = self.t
        self._para(f"{item.section} §  {t.bilingual(item.title)}", "Heading 2")
        if item.presenter:
            self._labelled(t(P.PRESENTER), item.presenter)
        if background := item.texts("background", t.languages):
            self._labelled(t(P.BACKGROUND), "")
            self._texts(background)
        if item.kind == PREVIOUS_MINUTES and item.carried_actions:
            self._actions(P.CARRIED_ACTIONS, item.carried_actions)
        if minutes and item.kind == LEGALITY and self.t.bilingual(self.c.quorum):
            for lang in self.t.languages:
                self._text(self.c.quorum.get(lang))
        if minutes:  # who left as disqualified, before the matter is dealt with
            for name in item.disqualified:
                for lang in t.languages:
                    self._text(disqualified_sentence(name, lang))
        if proposal := item.texts("proposal", t.languages):
            self._labelled(t(P.PROPOSAL), "")
            self._texts(proposal)
        if minutes and item.vote is not None:
            self._labelled(t(P.VOTE), "")
            for lang in t.languages:
                for paragraph in vote_paragraphs(item.vote, lang):
                    self._text(paragraph)
        if minutes:
            self._decision(item)
        for attachment in item.attachments:
            self._labelled(f"{t(P.ATTACHMENT)} {attachment.number}", attachment.title)
        if minutes and item.actions:
            self._actions(P.ACTIONS, item.actions)

    def _decision(self, item: ItemContent) -> None:
        """The decision; a tabled, postponed or withdrawn item's in the standard wording
        in each document language, then whatever the secretary wrote."""
        t = self.t
        wording = [outcome_decision(item.outcome, lang) for lang in t.languages]
        wording = [text for text in dict.fromkeys(wording) if text]
        typed = item.texts("decision", t.languages)
        if not wording and not typed:
            return
        self._labelled(t(P.DECISION), "")
        self._texts([*wording, *typed])

    def _actions(self, heading: str, actions: Sequence[ActionLine]) -> None:
        t = self.t
        self._labelled(t(heading), "")
        table = self.doc.add_table(rows=1, cols=3, style=self._table_style)
        for cell, text in zip(table.rows[0].cells, [t(P.WHAT), t(P.WHO), t(P.DUE)], strict=True):
            self._bold(cell.paragraphs[0], text)
        for action in actions:
            cells = table.add_row().cells
            cells[0].text = action.what + (f" ({t(P.DONE)})" if action.done else "")
            cells[1].text = action.responsible
            cells[2].text = format_date(action.due) if action.due else ""
        self._widths(table, [Cm(8), Cm(4.5), Cm(3.5)])

    def _signatures(self) -> None:
        t, c = self.t, self.c
        self.doc.add_paragraph().paragraph_format.keep_with_next = True
        self._signature_table(
            [(c.chair, t(P.CHAIR_SIGNATURE)), (c.secretary, t(P.SECRETARY_SIGNATURE))]
        )
        self._para(t(P.CHECKERS), "Heading 2")
        place = self._labelled(t(P.PLACE_AND_DATE), "_" * 40)
        place.paragraph_format.keep_with_next = True
        dates = list(c.checkers_checked_on) + [None] * (2 - len(c.checkers_checked_on))
        checkers = [
            (name, t(P.CHECKER_CHECKED_ON, date=format_date(on)) if on else "")
            for name, on in zip(c.checkers, dates, strict=False)
        ]
        checkers += [("", "")] * (2 - len(checkers))
        self._signature_table(checkers[:2])
        if c.checked_on:
            self.doc.add_paragraph(t(P.CHECKED_ON, date=format_date(c.checked_on)))

    def _certification(self, on: dt.date) -> None:
        """ "Pöytäkirjanotteen oikeaksi todistaa" (of a memo: "Muistio-otteen …"), the date,
        and the secretary's signature."""
        words = P.CERTIFIED_MEMO if self.c.memo else P.CERTIFIED
        self.doc.add_paragraph().paragraph_format.keep_with_next = True
        for lang in self.t.languages:  # one line per language: each is a whole sentence
            line = self.doc.add_paragraph()
            self._bold(line, self.t.one(lang, words))
            line.paragraph_format.keep_with_next = True
        self.doc.add_paragraph(format_date(on)).paragraph_format.keep_with_next = True
        table = self._signature_table([(self.c.secretary, self.t(P.SECRETARY_SIGNATURE))])
        self._widths(table, [Cm(8)])

    def _signature_table(self, people: list[tuple[str, str]]) -> Table:
        """Signature lines over names (and roles), kept on one page."""
        table: Table = self.doc.add_table(rows=2, cols=len(people))
        for column, (name, label) in enumerate(people):
            line = table.cell(0, column).paragraphs[0]
            line.add_run("\n\n" + "_" * 32)
            line.paragraph_format.keep_with_next = True
            cell = table.cell(1, column)
            cell.paragraphs[0].add_run(name)
            if label:
                self._bold(cell.add_paragraph(), label)
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        return table

    # --- helpers ----------------------------------------------------------------------

    def _para(self, text: str, style: str) -> Paragraph:
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.style = self._style_ids.get(style)
        return paragraph

    def _labelled(self, label: str, value: str) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self._bold(paragraph, f"{label}: " if value else label)
        if value:
            paragraph.add_run(value)
        return paragraph

    def _texts(self, texts: list[str]) -> None:
        """One text per document language, Finnish first."""
        for text in texts:
            self._text(text)

    def _text(self, text: str) -> None:
        """Entered text as written: one paragraph per paragraph typed."""
        for block in text.replace("\r\n", "\n").split("\n\n"):
            paragraph = self.doc.add_paragraph()
            lines = block.split("\n")
            for n, line in enumerate(lines):
                run = paragraph.add_run(line)
                if n < len(lines) - 1:
                    run.add_break()

    @staticmethod
    def _bold(paragraph: Paragraph, text: str) -> None:
        paragraph.add_run(text).bold = True

    @staticmethod
    def _widths(table: Table, widths: Sequence[Length]) -> None:
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        set_widths(table, widths)

    def _page_numbers(self) -> None:
        """ "Sivu 1 / 5" in the footer, unless the template's footer numbers its pages."""
        for section in self.doc.sections:
            footer = section.footer
            if "PAGE" in footer._element.xml:
                continue
            paragraph = footer.add_paragraph()
            page, of = self.t.page_of()
            paragraph.add_run(f"{page} ")
            _field(paragraph, "PAGE")
            paragraph.add_run(f" {of} ")
            _field(paragraph, "NUMPAGES")
            for run in paragraph.runs:
                run.font.size = Pt(9)


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
