"""Word .docx with python-docx: paragraphs and tables in body order, styles as hints.

The paragraph text is built from the XML rather than python-docx's `Paragraph.text`, so that
a document with tracked changes reads as its current text (insertions kept, deletions
dropped) and hyperlinks, fields and content controls keep their words. Headers and footers
are not content; their text only helps name the council.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import _Element

from clausewise.errors import CorruptFile, EmptyDocument

from ..markers import clean, normalise_number
from ..model import Block, BlockRole, RawDocument, SourceRef, Table
from .guards import ZIP_ERRORS, check_zip_expansion, nul_warning, raised_inside, strip_nul_from_zip
from .numbering import MAX_LEVEL, Numbering, word_int

_PARSERS = ("docx", "zipfile", "lxml")  # a failure inside these means the file is damaged
_BODY_LEVEL = 9  # outline level 9 is Word's "body text", not a heading
_REVISIONS = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_NO_LIST = "0"  # numId 0: "not numbered", switching off numbering the style would give
_NumPr = tuple[str | None, int | None]  # numId and ilvl as a w:numPr names them, None where absent
_TOC_NAME = re.compile(r"^(?:toc\s*\d|toc heading|table of contents|contents\s*\d?)$", re.IGNORECASE)


class _Styles:
    """Style names, numbering and heading levels by style id, following `basedOn` chains."""

    def __init__(self, styles: _Element) -> None:
        self._by_id = {s.get(qn("w:styleId")): s for s in styles.iterfind(qn("w:style"))}

    def name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id)
        name = style.find(qn("w:name")) if style is not None else None
        return (name.get(qn("w:val")) or "") if name is not None else (style_id or "")

    def _chain(self, style_id: str | None) -> Iterator[_Element]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def num_pr(self, style_id: str | None) -> _NumPr:
        """The list and level a style gives its paragraphs: the nearest style in the `basedOn`
        chain that names a list decides it (numId 0 there switches inherited numbering off),
        and the nearest that names a level decides the level."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(style_id):
            own_id, own_level = _num_pr(style.find(qn("w:pPr")))
            num_id = own_id if num_id is None else num_id
            ilvl = own_level if ilvl is None else ilvl
        return num_id, ilvl

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            ppr = style.find(qn("w:pPr"))
            level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            if level is not None:
                return word_int(level.get(qn("w:val")), _BODY_LEVEL, _BODY_LEVEL) + 1
        return None

    def bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            rpr = style.find(qn("w:rPr"))
            if rpr is not None and rpr.find(qn("w:b")) is not None:
                return _on(rpr.find(qn("w:b")))
        return False


def read_docx(path: Path, data: bytes) -> RawDocument:
    data, nul = _guarded(path, data)
    try:
        return _read_package(path, docx.Document(BytesIO(data)), nul)
    except Exception as exc:  # python-docx, zipfile and lxml each raise their own errors
        if not raised_inside(exc, _PARSERS):
            raise
        raise CorruptFile(path, "Word document", _reason(exc)) from exc


def _read_package(path: Path, document: DocxDocument, nul: dict[str, int]) -> RawDocument:
    """Blocks, tables and running text. python-docx resolves some parts only when asked (a
    header, the numbering), so a damaged file can still fail here."""
    styles = _Styles(document.styles.element)
    try:
        numbering_part = document.part.numbering_part
        numbering = Numbering.from_part(numbering_part.element)
    except (KeyError, NotImplementedError):
        numbering = Numbering({})
    blocks: list[Block] = []
    tables: list[Table] = []
    body = document.element.body
    for index, element in enumerate(body_items(body)):
        if element.tag == qn("w:p"):
            block = _paragraph(element, index, styles, numbering)
            if block is not None:
                blocks.append(block)
        else:
            _count_numbers(element, styles, numbering)
            rows = _table_rows(element)
            if rows:
                tables.append(Table(rows, SourceRef(paragraph=index)))
    warnings = nul_warning(path, nul)
    if any(body.find(f".//{qn(tag)}") is not None for tag in _REVISIONS):
        warnings += (
            f"{path}: the document has tracked changes; read as its current text (insertions kept, deletions dropped)",
        )
    if not blocks and not tables:
        raise EmptyDocument(path, "the Word document has no text")
    return RawDocument(
        format="docx",
        blocks=tuple(blocks),
        tables=tuple(tables),
        title=clean(document.core_properties.title or "") or None,
        running_text=_running_text(document),
        warnings=warnings,
    )


def _running_text(document: DocxDocument) -> tuple[str, ...]:
    """The text of headers and footers, once each: not content, but it names the council."""
    running = (
        clean(_text(p))
        for section in document.sections
        for part in (section.header, section.first_page_header, section.footer)
        if not part.is_linked_to_previous
        for p in part._element.iter(qn("w:p"))
    )
    return tuple(dict.fromkeys(text for text in running if text))


def _guarded(path: Path, data: bytes) -> tuple[bytes, dict[str, int]]:
    """The bytes python-docx may open, once the zip is known not to be a bomb, with NULs removed."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CorruptFile(path, "Word document", _reason(exc)) from exc
    with archive:
        check_zip_expansion(path, archive, "Word document")
        cleaned, nul = strip_nul_from_zip(archive)
    return cleaned or data, nul


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PackageNotFoundError):
        return "no Word document inside the zip"  # its own message names a BytesIO object
    return (str(exc) or type(exc).__name__).splitlines()[0][:80]


def body_items(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables in reading order, looking inside block-level content controls: the
    order `SourceRef.paragraph` counts in (the in-document redline finds clauses by it)."""
    for child in container:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from body_items(content)


def _count_numbers(table: _Element, styles: _Styles, numbering: Numbering) -> None:
    """Count the numbered paragraphs in a table's cells: the table is read as rows, but a list
    that runs through it goes on counting after it."""
    for p in table.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        num = _list_and_level(ppr, _style_id(ppr), styles, numbering)
        if num:
            numbering.next_number(*num)


def _style_id(ppr: _Element | None) -> str | None:
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _paragraph(p: _Element, index: int, styles: _Styles, numbering: Numbering) -> Block | None:
    ppr = p.find(qn("w:pPr"))
    style_id = _style_id(ppr)
    num = _list_and_level(ppr, style_id, styles, numbering)
    # Count the number even for an empty paragraph: Word does, and the next number depends on it.
    generated = numbering.next_number(*num) if num else None
    text = clean(_text(p))
    if not text:
        return None
    role, level = _role(styles.name(style_id), styles.outline_level(style_id))
    number = marker = None
    if generated:
        printed, bullet = generated
        number = "•" if bullet else normalise_number(printed)
        marker = "•" if bullet else printed
        if role is None:
            role = "item" if bullet else None
        if level is None:
            level = num[1] + 1 if num else None
    bold = _all_bold(p, styles.bold(style_id))
    return Block(text, role, level, number, marker, SourceRef(paragraph=index), bold=bold)


def _role(style_name: str, outline: int | None) -> tuple[BlockRole | None, int | None]:
    name = style_name.strip()
    heading = _HEADING_NAME.match(name)
    if heading:
        return "heading", int(heading.group(1))
    lowered = name.lower()
    if lowered == "title":
        return "title", 0
    if lowered == "subtitle":
        return "subtitle", 0
    if _TOC_NAME.match(name):
        return "toc", None
    if lowered.startswith(("quote", "intense quote")):
        return "quote", None
    if outline is not None and outline <= 6:
        return "heading", outline
    return None, None


def _list_and_level(
    ppr: _Element | None, style_id: str | None, styles: _Styles, numbering: Numbering
) -> tuple[str, int] | None:
    """The list (numId) and level a paragraph is numbered in, or None when it is not.

    The paragraph's own `w:numPr` wins over its style's, and its numId 0 means "no list" even
    when the style has one. A level missing from both is the list level linked to the style,
    else level 0.
    """
    own_id, own_level = _num_pr(ppr)
    style_num_id, style_level = styles.num_pr(style_id)
    num_id = own_id if own_id is not None else style_num_id
    if num_id is None or num_id == _NO_LIST:
        return None
    ilvl = own_level if own_level is not None else style_level if own_id is None else None
    if ilvl is None:
        ilvl = numbering.level_of_style(num_id, style_id) or 0
    return num_id, ilvl


def _num_pr(ppr: _Element | None) -> _NumPr:
    """The numId and ilvl a paragraph or style properties element names; None where absent."""
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None, None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (
        (num_id.get(qn("w:val")) or _NO_LIST) if num_id is not None else None,
        word_int(ilvl.get(qn("w:val")), 0, MAX_LEVEL) if ilvl is not None else None,
    )


def _text(p: _Element) -> str:
    """The paragraph's current text: runs outside deletions, with tabs and breaks as spaces."""
    parts: list[str] = []
    for run in p.iter(qn("w:r")):
        if _deleted(run, p):
            continue
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                parts.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:ptab")):
                parts.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                parts.append(" ")
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
    return "".join(parts)


def _deleted(run: _Element, stop: _Element) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (qn("w:del"), qn("w:moveFrom")):
            return True
        parent = parent.getparent()
    return False


def _all_bold(p: _Element, style_bold: bool) -> bool:
    runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        b = rpr.find(qn("w:b")) if rpr is not None else None
        if not (_on(b) if b is not None else style_bold):
            return False
    return True


def _on(element: _Element | None) -> bool:
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _table_rows(table: _Element) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in table.iterfind(qn("w:tr")):
        cells = tuple(clean(" ".join(_text(p) for p in tc.iter(qn("w:p")))) for tc in tr.iterfind(qn("w:tc")))
        if any(cells):
            rows.append(cells)
    return tuple(rows)
