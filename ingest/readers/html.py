"""Saved web pages (.html, .htm) with lxml: the page's main content as the other readers' blocks.

Many councils publish a policy as a page of their website. A saved page carries the site around
the policy (navigation, cookie banner, breadcrumb, header, footer, sidebar), so the reader first
finds the main content (`page.main_content`), then walks it in reading order: headings become
styled headings, list items carry the number a browser displays for them (`<ol start>`,
`type="a"`, `<li value>`, nested lists), unordered items become bullets, data tables become
tables and paragraphs stay paragraphs. A number typed into the text ("1.1 The ideal…", as Word's
and LibreOffice's web exports write them) is the clause's number, not the list's own ordinal:
it is left in the text for the shared segmenter to read, exactly as the text reader does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from clausewise.errors import CorruptFile, EmptyDocument

from ..markers import BULLET_CHARS, clean, parse_marker, parse_part, roman_numeral
from ..model import Block, BlockRole, RawDocument, SourceRef, Table
from .page import MainContent, main_content, no_list_markers, prune
from .text import decode

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = frozenset({"ol", "ul", "menu", "dir"})
# Elements that start and end a paragraph of their own; anything else is inline text.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "hr",
        "main",
        "nav",
        "p",
        "section",
        "summary",
        "td",
        "th",
        "tr",
    }
)
# A table is laid out (the page's columns, not data) when a cell holds one of these: its cells
# are then read as paragraphs. A version table's cells hold only text and plain paragraphs.
_LAYOUT_INSIDE = frozenset({"table", "ul", "ol", *_HEADINGS})
_LINE_BREAK = "\n"  # a <br> or a line of <pre>; every other run of white space is one space
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# An inline element drawn as a block of its own, such as LibreOffice's list label
# (<span style="display:block;float:left">1.1</span>), is separated from the text after it.
_DETACHED = re.compile(r"(?:display\s*:\s*(?:block|inline-block|table-cell))|float\s*:\s*(?:left|right)", re.I)
_LIST_TYPES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}
# A bullet glyph drawn as text before an item that has its bullet already (LibreOffice's export
# writes the symbol-font bullet twice: "\uf0b7\uf0b7 To determine…").
_DRAWN_BULLETS = re.compile(rf"^[{re.escape(BULLET_CHARS)}]+\s+")
_POLICY_WORDS = re.compile(r"\b(?:protocol|policy|procedure|code|orders|regulations|scheme|charter)\b", re.I)
_CSS_LIST_TYPE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)


def read_html(path: Path, data: bytes) -> RawDocument:
    text, warnings = decode_page(path, data)
    root, cut_short = _parse(path, text)
    title, plain_lists = _title(root), no_list_markers(root)  # both read the <head>, which prune drops
    prune(root)
    found = main_content(root)
    walker = _Walker(plain_lists)
    walker.walk(found.element)
    if cut_short:
        if not walker.blocks:
            raise CorruptFile(path, "web page", _TOO_DEEP)
        warnings += (f"{path}: {_TOO_DEEP}; the text after that point was not read",)
    if not walker.blocks and not walker.tables:
        raise EmptyDocument(path, "the web page has no text in its main content")
    return RawDocument(
        format="html",
        blocks=tuple(walker.blocks),
        tables=tuple(walker.tables),
        title=title,
        running_text=found.running_text,
        warnings=warnings + _set_aside_warning(path, found),
    )


def decode_page(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The page's text: in the charset its <meta> declares, else as the text reader decodes.

    WHATWG has browsers read a declared ISO-8859-1 as Windows-1252, and so do we.
    """
    declared = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", data[:4096], re.I)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        name = "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name
        try:
            return data.decode(name), ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect the encoding instead
    return decode(path, data)


def _parse(path: Path, text: str) -> tuple[HtmlElement, bool]:
    """The page's tree, and whether libxml2 stopped early at its nesting limit (it then drops
    the rest of the page, which no browser would)."""
    # lxml refuses a str that still declares its encoding (<?xml … encoding="…"?>), and a NUL
    # ends libxml2's input early; neither carries content.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text).replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise EmptyDocument(path, "the web page has no content lxml can parse") from None
    return root, any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _PARSER.error_log)


# libxml2 reads elements nested up to 255 deep; real pages nest 20-30 deep.
_TOO_DEEP = "the page nests its elements more than 255 deep, past what the HTML parser reads"
# remove_comments/remove_pis: comments and processing instructions are never content.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


def _title(root: HtmlElement) -> str | None:
    """The page's own title: og:title, else the part of <title> that names a policy
    ("Member/Officer Protocol | Chard Town Council"); else None, and the segmenter takes the
    page's first heading, as it does for a text file."""
    og = clean(str(root.xpath("string(//meta[@property='og:title']/@content)")))
    if og:
        return og
    parts = re.split(r"\s+[|–—-]\s+", clean(str(root.xpath("string(//head/title)"))))
    return next((part for part in parts if _POLICY_WORDS.search(part)), None)


def _set_aside_warning(path: Path, found: MainContent) -> tuple[str, ...]:
    if not found.set_aside_words:
        return ()
    return (
        f"{path}: read the page's main content ({found.how}); {found.set_aside_words:,} words of "
        "navigation, banners, header, footer and sidebars set aside",
    )


@dataclass
class _List:
    """An open <ol>/<ul> and the number its next item gets."""

    ordered: bool
    style: str  # CSS list-style-type: decimal, lower-alpha, …, none
    next: int
    step: int  # -1 for <ol reversed>


@dataclass(frozen=True)
class _Marker:
    """The number a browser draws before a list item's first paragraph."""

    number: str | None
    printed: str | None
    role: BlockRole | None
    level: int


class _Walker:
    """Walks the main content in reading order, collecting blocks and tables.

    The walk is lxml's `iterwalk` (start and end events), not recursion, so no nesting depth
    can exhaust Python's stack. Inline text gathers in `_pieces` until the start or end of an
    element that makes a paragraph of its own flushes it.
    """

    def __init__(self, plain_lists: bool) -> None:
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self._plain_lists = plain_lists  # the page's stylesheet hides list markers
        self._pieces: list[str] = []
        self._lists: list[_List] = []
        self._marker: _Marker | None = None  # waiting for the list item's first paragraph
        self._line: int | None = None

    def walk(self, root: HtmlElement) -> None:
        events = etree.iterwalk(root, events=("start", "end"))
        for event, element in events:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if self._start(element, tag):
                    events.skip_subtree()
                elif element.text:
                    self._text(element, element.text)
                continue
            self._end(element, tag)
            if element is not root and element.tail:
                self._text(element, element.tail)

    def _start(self, element: HtmlElement, tag: str) -> bool:
        """Open `element`; True when it has been read whole and its subtree is to be skipped."""
        if tag == "br":
            self._pieces.append(_LINE_BREAK)
        elif tag in _LISTS:
            self.flush()
            self._open_list(element, tag)
        elif tag == "li":
            self.flush()
            self._open_item(element)
        elif tag == "table":
            self.flush()
            if not _is_layout(element):
                self._table(element)  # the layout of the page's columns is read through as paragraphs
                return True
        elif tag == "pre":
            self.flush()
            self._note_line(element)
            self._pieces.append(element.text_content().replace("\r\n", "\n").replace("\n", _LINE_BREAK))
            self.flush()
            return True
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.flush()
            self._note_line(element)
        elif _DETACHED.search(element.get("style", "")):
            self._pieces.append(" ")
        return False

    def _end(self, element: HtmlElement, tag: str) -> None:
        if tag in _HEADINGS:
            self.flush("heading", _HEADINGS[tag])
        elif tag in _LISTS:
            self.flush()
            self._lists.pop()
        elif tag == "li":
            self.flush()
            self._marker = None  # an empty item has no paragraph; its number is counted all the same
        elif tag in _BLOCKS or tag == "table":
            self.flush()
        elif _DETACHED.search(element.get("style", "")):
            self._pieces.append(" ")

    def _text(self, element: HtmlElement, text: str) -> None:
        if self._line is None:
            self._note_line(element)
        self._pieces.append(_SPACE.sub(" ", text))

    def _note_line(self, element: HtmlElement) -> None:
        self._line = element.sourceline

    def _open_list(self, element: HtmlElement, tag: str) -> None:
        ordered = tag == "ol"
        items = sum(1 for child in element if child.tag == "li")
        reversed_ = ordered and element.get("reversed") is not None
        start = _int(element.get("start"), items if reversed_ else 1)
        style = _list_style(element, ordered, self._plain_lists)
        self._lists.append(_List(ordered, style, start, -1 if reversed_ else 1))

    def _open_item(self, element: HtmlElement) -> None:
        current = self._lists[-1] if self._lists else _List(False, "disc", 1, 1)
        value = _int(element.get("value"), current.next)
        current.next = value + current.step
        style = _list_style(element, current.ordered, self._plain_lists, current.style)
        self._marker = _item_marker(style, value, current.ordered, len(self._lists))
        self._note_line(element)

    def _table(self, element: HtmlElement) -> None:
        rows = tuple(
            cells
            for row in _rows(element)
            if any(cells := tuple(clean(cell.text_content()) for cell in row.iterchildren("td", "th")))
        )
        if rows:
            self.tables.append(Table(rows, SourceRef(paragraph=len(self.blocks), line=element.sourceline)))

    def flush(self, role: BlockRole | None = None, level: int | None = None) -> None:
        """Turn the gathered inline text into blocks: one per line that starts with a number
        or bullet, the lines between rejoined, as the text reader rejoins a hard-wrapped line."""
        text, self._pieces = "".join(self._pieces), []
        line, self._line = self._line, None
        paragraphs: list[str] = []
        for piece in (clean(part) for part in text.split(_LINE_BREAK)):
            if not piece:
                continue
            if paragraphs and not parse_marker(piece):
                paragraphs[-1] += f" {piece}"
            else:
                paragraphs.append(piece)
        for paragraph in paragraphs:
            self._add(paragraph, role, level, line)

    def _add(self, text: str, role: BlockRole | None, level: int | None, line: int | None) -> None:
        marker, self._marker = self._marker, None
        number = printed = None
        if marker is not None and marker.number == "•":
            text = _DRAWN_BULLETS.sub("", text) or text
        # A number typed into the item's text is what the reader sees: it stays in the text.
        if marker is not None and not (parse_marker(text) or parse_part(text)):
            number, printed = marker.number, marker.printed
            role = role or marker.role
            level = level or marker.level
        source = SourceRef(paragraph=len(self.blocks), line=line)
        self.blocks.append(Block(text, role, level, number, printed, source))


def _item_marker(style: str, value: int, ordered: bool, depth: int) -> _Marker:
    if not ordered:
        return _Marker("•", "•", "item", depth)
    shown = _format(value, style)
    if shown is None:
        return _Marker(None, None, None, depth)
    return _Marker(shown, f"{shown}.", None, depth)


def _format(value: int, style: str) -> str | None:
    """The ordinal as a browser draws it; letters and numerals exist only from 1 up, and a
    browser falls back to decimal below that."""
    if style == "none":
        return None
    if style in ("lower-alpha", "upper-alpha", "lower-latin", "upper-latin") and value >= 1:
        letters = ""
        while value:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style.startswith("upper") else letters
    if style in ("lower-roman", "upper-roman") and 1 <= value < 4000:
        return roman_numeral(value).upper() if style == "upper-roman" else roman_numeral(value)
    return str(value)


def _list_style(element: HtmlElement, ordered: bool, plain: bool, inherited: str | None = None) -> str:
    """The list-style-type an element asks for: inline CSS, then `type`, then what it inherits."""
    css = _CSS_LIST_TYPE.search(element.get("style", ""))
    if css:
        return str(css.group(1)).lower()
    kind: str | None = element.get("type")
    if kind in _LIST_TYPES:
        return _LIST_TYPES[kind]
    if kind and kind.lower() in ("disc", "circle", "square"):
        return kind.lower()
    if inherited is not None:
        return inherited
    if plain:
        return "none"
    return "decimal" if ordered else "disc"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value.strip()) if value is not None else default
    except ValueError:
        return default


def _is_layout(table: HtmlElement) -> bool:
    """A table of the page's layout, not of data: marked so, holding a heading, list or table
    in a cell, or only one column (a box around text)."""
    if table.get("role") in ("presentation", "none"):
        return True
    if all(len(row.findall("td")) + len(row.findall("th")) <= 1 for row in _rows(table)):
        return True
    for cell in table.iter("td", "th"):
        if any(isinstance(inner.tag, str) and inner.tag in _LAYOUT_INSIDE for inner in cell.iterdescendants()):
            return True
    return False


def _rows(table: HtmlElement) -> Iterator[HtmlElement]:
    """The table's own rows (not a nested table's), through <thead>, <tbody> and <tfoot>."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from child.iterchildren("tr")
