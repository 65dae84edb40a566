"""The page of a Word report: A4, a page number in the footer, and tables sized to their content.

python-docx gives every table column the same width, so in a narrow column LibreOffice breaks a
heading such as "INTRODUCTION" mid-word. Here each column of figures is as wide as its widest
entry, and text columns share the rest of the line, each at least as wide as its longest word.
Widths are estimated from character classes with generous (DejaVu Sans) advances, the widest
font a clerk's LibreOffice falls back to, so a word that fits here fits in Calibri too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from .docx_tracked import XML_SPACE

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4, as committee papers are printed
MARGIN = Mm(20)
TEXT_WIDTH = int(PAGE_WIDTH - 2 * MARGIN)  # between the margins, in EMU
TWIP = 635  # EMU in a twip, the unit Word stores widths in
TABLE_FONT = Pt(9)
FOOTER_FONT = Pt(8)
CELL_PADDING = Pt(12)  # Word's default cell margins, 0.08 inch each side, and a little slack
BOLD_WIDER = 1.1  # a bold letter is about a tenth wider (a table style makes the header row bold)
# Advance widths in ems, by character class (DejaVu Sans, rounded up).
_EM = {"upper": 0.74, "digit": 0.64, "narrow": 0.36, "wide": 0.96, "other": 0.62}
_NARROW = set(" .,:;'’!|()[]-/ijlrtfI")
_WIDE = set("mwMW%")
_FIGURE = re.compile(r"^[—\d.,%+-]*$")  # a cell of a figures column: "17", "97.3%", "—"


def set_page(document: WordDocument) -> None:
    """A4 with even margins, and "Page N of M" in the footer of every page."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = FOOTER_FONT


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (ECMA-376 Part 1, 17.16.18: begin, instruction, separate, result, end) that
    Word and LibreOffice recompute when they lay out the pages; "1" shows until they do."""
    parts = (
        _field_char("begin"),
        _field_text("w:instrText", f" {instruction} "),
        _field_char("separate"),
        _field_text("w:t", "1"),
        _field_char("end"),
    )
    for element in parts:
        paragraph.add_run()._r.append(element)


def _field_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _field_text(tag: str, text: str) -> Any:
    element = OxmlElement(tag)
    element.set(XML_SPACE, "preserve")
    element.text = text
    return element


def size_to_content(table: Table, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Column widths from the text in them: figures right-aligned in columns as wide as their
    widest entry, text columns sharing what is left (and never narrower than a word)."""
    columns = list(zip(head, *rows, strict=True))
    figures = [bool(rows) and all(_FIGURE.match(cell) for cell in column[1:]) for column in columns]
    # The table style makes the header row and the first column bold.
    bold = [[k == 0 or r == 0 for r in range(len(col))] for k, col in enumerate(columns)]
    widest = [max(map(_width, col, flags)) for col, flags in zip(columns, bold, strict=True)]
    longest_word = [
        max(_width(word, flag) for cell, flag in zip(col, flags, strict=True) for word in cell.split() or [""])
        for col, flags in zip(columns, bold, strict=True)
    ]
    widths = [float(w) if figure else 0.0 for w, figure in zip(widest, figures, strict=True)]
    text = [k for k, figure in enumerate(figures) if not figure]
    left = max(TEXT_WIDTH - sum(widths), 0.0)
    wanted = sum(widest[k] for k in text) or 1.0
    for k in text:
        widths[k] = min(max(left * widest[k] / wanted, longest_word[k]), widest[k])
    table.autofit = False
    for k, exact in enumerate(widths):
        width = Twips(int(exact) // TWIP)  # Word stores twips; rounding down keeps the sum on the line
        table.columns[k].width = width
        for cell in table.columns[k].cells:
            cell.width = width
            for paragraph in cell.paragraphs:
                if figures[k]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = TABLE_FONT


def _width(text: str, bold: bool) -> float:
    """Estimated width of `text` on one line in a table cell, padding included, in EMU."""
    ems = sum(_EM[_kind(ch)] for ch in text)
    return ems * TABLE_FONT * (BOLD_WIDER if bold else 1.0) + CELL_PADDING


def _kind(ch: str) -> str:
    if ch in _NARROW:
        return "narrow"
    if ch in _WIDE:
        return "wide"
    if ch.isdigit():
        return "digit"
    return "upper" if ch.isupper() else "other"
