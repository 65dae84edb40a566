"""Reports as Word documents a clerk can paste into committee papers unchanged.

Only built-in Word styles are used (Title, Heading 1–3, List Paragraph, a table style), so the
text takes on the house style of whatever document it is pasted into. The council's name and
the report date are in the page header and "Page N of M" in the footer, so they are on every
page; the page is A4 and tables are sized to their content (docx_layout.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from clausewise.align.model import DiffSpan

from .divergence import DivergenceReport
from .docx_layout import set_page, size_to_content
from .docx_tracked import Revisions, comment_at_start, deleted_run, inserted_run, mark_paragraph, plain_run
from .lineage import REVISED
from .model import QuotedClause, xml_safe
from .redline import RedlineParagraph, RedlineReport
from .registry import renderer
from .update import UpdateReport
from .words import capitalised, long_date, percent

TABLE_STYLE = "Light Grid Accent 1"
DELETED_COLOUR = RGBColor(0xB0, 0x00, 0x20)
INSERTED_COLOUR = RGBColor(0x00, 0x5A, 0x9C)


@renderer(RedlineReport, "docx")
def _redline(report: RedlineReport) -> bytes:
    """The tracked paragraphs and nothing else in the body, so accepting every change gives the
    new version and rejecting every change the old one, word for word; the title is in the page
    header, and the cover note (when asked for) is a comment on the first paragraph, outside
    the comparison. When the new version is a .docx, the redline is that document itself with
    the changes tracked in it (made when the report was built)."""
    if report.own_docx is not None:
        return report.own_docx
    document = new_document()
    set_page(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = xml_safe(f"{report.council} — {report.title} — {long_date(report.as_of)}")
    _tracked_body(document, report)
    if report.cover:
        comment_at_start(document, document.paragraphs[0], report.cover_note(), report.author)
    return _saved(document)


@renderer(UpdateReport, "docx")
def _update(report: UpdateReport) -> bytes:
    """The council's policy with the proposed update tracked and the conflicts as comments;
    the title goes in the page header, so the body is only the policy: accepting every change
    gives the proposed policy and rejecting every change the current one."""
    document = new_document()
    set_page(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = xml_safe(f"{report.title} — {long_date(report.as_of)}")
    _tracked_body(document, report.redline)
    return _saved(document)


def _tracked_body(document: WordDocument, report: RedlineReport) -> None:
    revisions = Revisions(report.author, report.changed_at)
    previous: RedlineParagraph | None = None
    for paragraph in report.paragraphs:
        if previous is not None and _insertions_meet(previous, paragraph):
            revisions.later = not revisions.later
        _tracked(document, paragraph, revisions)
        previous = paragraph
    # A document's last paragraph mark cannot be tracked (Word and LibreOffice keep it), so an
    # inserted last clause would leave an empty paragraph on rejection: end on a plain one.
    document.add_paragraph()


def _insertions_meet(previous: RedlineParagraph, paragraph: RedlineParagraph) -> bool:
    """Whether an insertion ends `previous` and another begins `paragraph` across a paragraph
    mark that is not itself inserted (see docx_tracked.APART)."""
    return (
        previous.status != "inserted"
        and bool(previous.spans and paragraph.spans)
        and previous.spans[-1].op == "insert"
        and paragraph.spans[0].op == "insert"
    )


@renderer(DivergenceReport, "docx")
def _divergence(report: DivergenceReport) -> bytes:
    document = _start(report.title, report.council, long_date(report.as_of))
    document.add_paragraph(
        f"{report.council}: {report.local_title}, compared with {report.model_title} ({report.model_council}). "
        f"Report date {long_date(report.as_of)}."
    )
    if report.lineage is not None:
        flag = f" {capitalised(REVISED)}." if report.lineage.revised else ""
        document.add_paragraph(xml_safe(f"{report.lineage.sentence}{flag} ({report.lineage.how})"))
    h = report.headline
    document.add_heading("Summary", level=1)
    _table(
        document,
        ("Measure", "Figure"),
        [
            ("Model clauses", str(h.model_clauses)),
            ("Kept verbatim", str(h.identical)),
            ("Changed cosmetically", str(h.cosmetic)),
            ("Modified", str(h.modified)),
            ("Missing from this version", str(h.missing)),
            ("Local additions", str(h.added)),
            ("Moved", str(h.moved)),
            ("Similarity to the model", percent(h.similarity)),
        ],
    )
    document.add_paragraph(report.similarity_definition)
    document.add_heading("By section of the model", level=1)
    _table(
        document,
        ("Section", "Clauses", "Kept", "Cosmetic", "Modified", "Missing", "Similarity"),
        [
            (s.title, *map(str, (s.clauses, s.identical, s.cosmetic, s.modified, s.missing)), percent(s.similarity))
            for s in report.sections
        ],
    )
    document.add_heading("Modified clauses", level=1)
    _legend(document)
    if not report.modified:
        document.add_paragraph("None: every model clause the council kept is unchanged or changed only cosmetically.")
    section = None
    for clause in report.modified:
        if clause.section != section:
            section = clause.section
            document.add_heading(xml_safe(section), level=2)
        _reference(document, clause.where)
        _diff(document.add_paragraph(), clause.diff)
    document.add_heading("Model clauses missing from this version", level=1)
    if h.possibly_covered:
        document.add_paragraph(h.possible_note)
    _clauses(document, report.missing, "None: every model clause has a counterpart.")
    document.add_heading("Local additions", level=1)
    _clauses(document, report.added, "None: every clause of this version comes from the model.")
    method = document.add_paragraph().add_run(f"Alignment: {report.settings}.")
    method.font.size, method.font.italic = Pt(8), True
    return _saved(document)


def _start(title: str, council: str, when: str) -> WordDocument:
    document = new_document()
    set_page(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = xml_safe(f"{council} — {when}")
    document.add_paragraph(xml_safe(title), style="Title")
    return document


def _saved(document: WordDocument) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tracked(document: WordDocument, paragraph: RedlineParagraph, revisions: Revisions) -> None:
    if paragraph.kind == "heading":
        out = document.add_paragraph(style=f"Heading {min(max(paragraph.level, 1), 3)}")
    elif paragraph.kind == "item":
        out = document.add_paragraph(style="List Paragraph")
    else:
        out = document.add_paragraph()
    if paragraph.note:
        comment_at_start(document, out, (paragraph.note,), revisions.author)
    for span in paragraph.spans:
        if span.op == "equal":
            plain_run(out, span.text)
        elif span.op == "insert":
            inserted_run(out, span.text, revisions)
        else:
            deleted_run(out, span.text, revisions)
    if paragraph.status == "inserted":
        mark_paragraph(out, "w:ins", revisions)
    elif paragraph.status == "deleted":
        mark_paragraph(out, "w:del", revisions)


def _table(document: WordDocument, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_safe(text)
    size_to_content(table, head, rows)
    document.add_paragraph()  # Word joins a table to the next one without a paragraph between


def _legend(document: WordDocument) -> None:
    legend = document.add_paragraph("Legend: ")
    _styled(legend, "words the council deleted", "delete")
    legend.add_run("; ")
    _styled(legend, "words the council inserted", "insert")
    legend.add_run("; other words are the model's, unchanged.")


def _diff(paragraph: Paragraph, spans: tuple[DiffSpan, ...]) -> None:
    for span in spans:
        _styled(paragraph, span.text, span.op)


def _styled(paragraph: Paragraph, text: str, op: str) -> None:
    run = paragraph.add_run(xml_safe(text))
    if op == "delete":
        run.font.strike = True
        run.font.color.rgb = DELETED_COLOUR
    elif op == "insert":
        run.font.underline = True
        run.font.color.rgb = INSERTED_COLOUR
        run.font.highlight_color = WD_COLOR_INDEX.GRAY_25


def _reference(document: WordDocument, where: str) -> None:
    """The line above a clause saying where it is, kept on the page with the clause."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(xml_safe(where))
    run.font.size, run.font.italic = Pt(9), True


def _clauses(document: WordDocument, clauses: tuple[QuotedClause, ...], none: str) -> None:
    if not clauses:
        document.add_paragraph(none)
        return
    section = None
    for clause in clauses:
        if clause.section != section:
            section = clause.section
            document.add_heading(xml_safe(section), level=2)
        paragraph = document.add_paragraph(style="List Paragraph" if clause.kind == "item" else None)
        cited = paragraph.add_run(xml_safe(clause.citation) + "  ")
        cited.font.size, cited.font.italic = Pt(9), True
        paragraph.add_run(xml_safe(clause.printed)).font.size = Pt(11)
        for p in getattr(clause, "possible", ()):
            note = document.add_paragraph(style="List Paragraph")
            note.add_run(xml_safe(p.note)).font.italic = True
