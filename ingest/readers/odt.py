"""OpenDocument text (.odt) with lxml: content.xml's paragraphs, headings, lists and tables.

An .odt stores no list numbers: like Word, it stores list styles (per level a format, prefix,
suffix, how many parent levels to show and a start value) and the office suite counts. The
counting here follows ODF 1.2 (§ 6.3, § 16.30): a list continues the numbering of an earlier
one when it says so (`text:continue-list` names it, `text:continue-numbering` means the
previous list with the same style), an item may restart (`text:start-value`), a deeper level
restarts when a shallower one counts, and an item that only wraps a sub-list, or a list header,
is not counted. Headings outside lists take the document's outline numbering. Styles give roles
as Word's do (Heading n, Title, Contents). Page headers and footers are not content; their text
only helps name the council. odfpy was not used: it parses the same XML and counts nothing.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from clausewise.errors import CorruptFile, EmptyDocument, EncryptedFile

from ..markers import clean, normalise_number, roman_numeral
from ..model import Block, BlockRole, RawDocument, SourceRef, Table
from .guards import ZIP_ERRORS, check_zip_expansion

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
_WHAT = "text document (.odt)"
MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
MAX_LEVELS = 10  # ODF list styles define ten levels
# No DTDs, entities or network: an .odt's XML needs none, and a hostile one gets none.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:contents\s*(?:\d+|heading)?|table of contents|toc\s*\d|index heading)$", re.IGNORECASE)
_SKIPPED = {"note", "tracked-changes", "bookmark-ref", "annotation", "annotation-end", "deletion"}


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{_NS[prefix]}}}{name}"


def _attr(element: _Element, name: str, default: str | None = None) -> str | None:
    value: str | None = element.get(_q(name), default)
    return value


@dataclass(frozen=True)
class _Level:
    """One level of a list style: how its number is drawn."""

    bullet: bool
    num_format: str  # "1", "a", "A", "i", "I"; "" draws no number
    prefix: str
    suffix: str
    display: int  # how many levels the number shows ("2.3" shows 2)
    start: int


@dataclass
class _Counter:
    """The running numbers of one list (and of the lists that continue it), per level."""

    counts: dict[int, int] = field(default_factory=dict)

    def count(self, level: int, style: _Level, restart: int | None) -> None:
        if restart is not None:
            self.counts[level] = restart
        elif level in self.counts:
            self.counts[level] += 1
        else:
            self.counts[level] = style.start
        for deeper in [d for d in self.counts if d > level]:
            del self.counts[deeper]

    def hold(self, level: int, style: _Level | None) -> None:
        """An item that only wraps a sub-list is not counted, but a level it opens stands at
        its start value, so the next item of that level is the second (as LibreOffice shows)."""
        if style is not None and not style.bullet and level not in self.counts:
            self.counts[level] = style.start


class _Styles:
    """Paragraph styles (their role and list style) and list styles, by name, from both
    styles.xml and content.xml's automatic styles."""

    def __init__(self, roots: list[_Element]) -> None:
        self.paragraphs: dict[str, _Element] = {}
        self.lists: dict[str, dict[int, _Level]] = {}
        self.outline: dict[int, _Level] = {}
        self.outline_name = "Outline"
        for root in roots:
            for style in root.iter(_q("style:style")):
                if _attr(style, "style:family") == "paragraph":
                    self.paragraphs[_attr(style, "style:name") or ""] = style
            for list_style in root.iter(_q("text:list-style")):
                self.lists[_attr(list_style, "style:name") or ""] = _levels(list_style)
            for outline in root.iter(_q("text:outline-style")):
                self.outline = _levels(outline)
                self.outline_name = _attr(outline, "style:name") or self.outline_name

    def _chain(self, name: str | None) -> Iterator[_Element]:
        seen: set[str] = set()
        while name and name not in seen and name in self.paragraphs:
            seen.add(name)
            style = self.paragraphs[name]
            yield style
            name = _attr(style, "style:parent-style-name")

    def heading_list(self, name: str | None) -> tuple[str, dict[int, _Level]] | None:
        """The list style that numbers a heading of this style outside any list: the one its
        style (or the one it inherits from) names, the outline numbering when none is named,
        none when `style:list-style-name=""` opts out."""
        for style in self._chain(name):
            list_style = _attr(style, "style:list-style-name")
            if list_style is not None:
                if list_style == "" or (list_style not in self.lists and list_style != self.outline_name):
                    return None
                break
        else:
            list_style = self.outline_name
        if list_style == self.outline_name:
            return (list_style, self.outline) if self.outline else None
        return list_style, self.lists[list_style]

    def role(self, name: str | None) -> tuple[BlockRole | None, int | None]:
        for style in self._chain(name):
            shown = _attr(style, "style:display-name") or _attr(style, "style:name") or ""
            role = _role_of(shown.replace("_20_", " "))
            if role[0] is not None:
                return role
        return None, None


def _levels(list_style: _Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for child in list_style:
        tag = etree.QName(child).localname
        level = _int(_attr(child, "text:level"), 1)
        if tag in ("list-level-style-bullet", "list-level-style-image"):
            levels[level] = _Level(True, "", "", "", 1, 1)
        elif tag in ("list-level-style-number", "outline-level-style"):
            levels[level] = _Level(
                bullet=False,
                num_format=_attr(child, "style:num-format", "") or "",
                prefix=_attr(child, "style:num-prefix", "") or "",
                suffix=_attr(child, "style:num-suffix", "") or "",
                display=_int(_attr(child, "text:display-levels"), 1),
                start=_int(_attr(child, "text:start-value"), 1),
            )
    return levels


def _role_of(name: str) -> tuple[BlockRole | None, int | None]:
    heading = _HEADING_NAME.match(name.strip())
    if heading:
        return "heading", int(heading.group(1))
    lowered = name.strip().lower()
    if lowered in ("title", "subtitle"):
        return ("title" if lowered == "title" else "subtitle"), 0
    if _TOC_NAME.match(name.strip()):
        return "toc", None
    if lowered.startswith(("quote", "quotations")):
        return "quote", None
    return None, None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_odt(path: Path, data: bytes) -> RawDocument:
    parts = _parts(path, data)
    try:
        content = etree.fromstring(parts["content.xml"], _PARSER)
        styles_root = etree.fromstring(parts["styles.xml"], _PARSER) if "styles.xml" in parts else None
        meta = etree.fromstring(parts["meta.xml"], _PARSER) if "meta.xml" in parts else None
    except etree.XMLSyntaxError as exc:
        detail = re.sub(r"\s*\(<string>.*$", "", str(exc).splitlines()[0])  # lxml names its input "<string>"
        raise CorruptFile(path, _WHAT, detail[:100]) from None
    roots = [root for root in (styles_root, content) if root is not None]
    reader = _Body(_Styles(roots))
    for body in content.iter(_q("office:text")):
        reader.walk(body)
    if not reader.blocks and not reader.tables:
        raise EmptyDocument(path, "the OpenDocument file has no text")
    title = clean(meta.findtext(".//dc:title", default="", namespaces=_NS)) if meta is not None else ""
    return RawDocument(
        format="odt",
        blocks=tuple(reader.blocks),
        tables=tuple(reader.tables),
        title=title or None,
        running_text=_running_text(styles_root),
    )


def _parts(path: Path, data: bytes) -> dict[str, bytes]:
    """content.xml, styles.xml and meta.xml, once the zip is known not to be a bomb and the
    document not to be encrypted."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_zip_expansion(path, archive, _WHAT)
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise CorruptFile(path, _WHAT, "no content.xml inside the zip")
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise EncryptedFile(path, _WHAT)
            wanted = ("content.xml", "styles.xml", "meta.xml")
            return {name: archive.read(name).replace(b"\x00", b"") for name in wanted if name in names}
    except ZIP_ERRORS as exc:
        raise CorruptFile(path, _WHAT, (str(exc) or type(exc).__name__).splitlines()[0][:80]) from None


def _running_text(styles: _Element | None) -> tuple[str, ...]:
    if styles is None:
        return ()
    lines = (
        clean(paragraph_text(p))
        for page in styles.iter(_q("style:master-page"))
        for part in page
        if etree.QName(part).localname in ("header", "footer", "header-first", "footer-first")
        for p in part.iter(_q("text:p"), _q("text:h"))
    )
    return tuple(dict.fromkeys(line for line in lines if line))


class _Body:
    """Walks office:text in reading order, numbering list items as an office suite does."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self._by_id: dict[str, _Counter] = {}  # a list's xml:id -> its numbering
        self._last_by_style: dict[str, _Counter] = {}  # the latest list of each style
        self._by_heading_style: dict[str, _Counter] = {}  # headings numbered by their style
        self._index = 0  # paragraph index in reading order (SourceRef.paragraph)

    def walk(self, container: _Element, toc: bool = False) -> None:
        for child in container:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name in ("p", "h"):
                self._paragraph(child, toc)
            elif name == "list":
                self._list(child, None, 1, None)
            elif name == "table":
                self._table(child)
            elif name in ("table-of-content", "alphabetical-index", "illustration-index", "user-index"):
                for index_body in child.iter(_q("text:index-body")):
                    self.walk(index_body, toc=True)
            elif name in ("section", "index-body", "change-start", "change-end", "soft-page-break"):
                self.walk(child, toc)

    def _list(self, element: _Element, counter: _Counter | None, level: int, style: str | None) -> None:
        style = _attr(element, "text:style-name") or style
        if counter is None:
            counter = self._counter_for(element, style)
        for item in element:
            name = etree.QName(item).localname if isinstance(item.tag, str) else ""
            if name not in ("list-item", "list-header"):
                continue
            restart = _attr(item, "text:start-value")
            item_style = _attr(item, "text:style-override") or style  # this item's own list style
            first = True
            for child in item:
                child_name = etree.QName(child).localname if isinstance(child.tag, str) else ""
                if child_name == "list":
                    if first and name == "list-item":
                        counter.hold(level, self.styles.lists.get(item_style or "", {}).get(level))
                    self._list(child, counter, level + 1, style)
                elif child_name in ("p", "h"):
                    label = None
                    if first and name == "list-item":
                        label = self._label(counter, item_style, level, None if restart is None else _int(restart, 1))
                    self._paragraph(child, False, label, level)
                elif child_name == "table":
                    self._table(child)
                first = False

    def _counter_for(self, element: _Element, style: str | None) -> _Counter:
        continued = _attr(element, "text:continue-list")
        if continued and continued in self._by_id:
            counter = self._by_id[continued]
        elif _attr(element, "text:continue-numbering") == "true" and style in self._last_by_style:
            counter = self._last_by_style[style or ""]
        else:
            counter = _Counter()
        own_id = element.get(f"{{{_NS['xml']}}}id")
        if own_id:
            self._by_id[own_id] = counter
        if style:
            self._last_by_style[style] = counter
        return counter

    def _label(self, counter: _Counter, style: str | None, level: int, restart: int | None) -> tuple[str, bool] | None:
        levels = self.styles.lists.get(style or "", {})
        return _draw(counter, levels, min(level, MAX_LEVELS), restart)

    def _paragraph(
        self, p: _Element, toc: bool, label: tuple[str, bool] | None = None, list_level: int | None = None
    ) -> None:
        index, self._index = self._index, self._index + 1
        style = _attr(p, "text:style-name")
        role, level = self.styles.role(style)
        if etree.QName(p).localname == "h":
            role, level = "heading", _int(_attr(p, "text:outline-level"), level or 1)
            numbering = self.styles.heading_list(style) if _attr(p, "text:is-list-header") != "true" else None
            if label is None and numbering is not None:
                name, levels = numbering
                counter = self._by_heading_style.setdefault(name, _Counter())
                label = _draw(counter, levels, min(level, MAX_LEVELS), None)
        if toc:
            role = "toc"
        text = clean(paragraph_text(p))
        if not text:
            return
        number = marker = None
        if label is not None:
            printed, bullet = label
            number = "•" if bullet else normalise_number(printed)
            marker = "•" if bullet else printed
            if role is None and bullet:
                role = "item"
            level = level if level is not None else list_level
        self.blocks.append(Block(text, role, level, number, marker, SourceRef(paragraph=index)))

    def _table(self, table: _Element) -> None:
        rows = []
        for row in table.iter(_q("table:table-row")):
            cells = tuple(
                clean(" ".join(paragraph_text(p) for p in cell.iter(_q("text:p"), _q("text:h"))))
                for cell in row
                if etree.QName(cell).localname == "table-cell"
            )
            if any(cells):
                rows.append(cells)
        if rows:
            self.tables.append(Table(tuple(rows), SourceRef(paragraph=self._index)))
        self._index += 1


def _draw(counter: _Counter, levels: dict[int, _Level], level: int, restart: int | None) -> tuple[str, bool] | None:
    """Count an item at `level` and draw its number ("2.3", "(a)"), or a bullet; None when the
    level draws nothing."""
    style = levels.get(level)
    if style is None:
        return None
    if style.bullet:
        return "•", True
    counter.count(level, style, restart)
    if not style.num_format:
        return None
    first = max(1, level - style.display + 1)
    shown = []
    for depth in range(first, level + 1):
        outer = levels.get(depth) or style
        value = counter.counts.get(depth, outer.start)
        shown.append(_format(value, outer.num_format if depth < level else style.num_format))
    return f"{style.prefix}{'.'.join(shown)}{style.suffix}", False


_ORDINALS = (
    "Zeroth First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth "
    "Thirteenth Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth"
).split()
_CARDINALS = (
    "Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen "
    "Fifteen Sixteen Seventeen Eighteen Nineteen Twenty"
).split()


def _format(value: int, num_format: str) -> str:
    """A number in an ODF num-format; "a" past "z" goes on "aa", "bb" (LibreOffice's default).
    LibreOffice adds formats Word has: zero-padded ("01, 02, 03, ..."), ordinal words ("First")
    and cardinal words ("One"); past twenty words fall back to digits."""
    if num_format.startswith("0") and num_format[:1].isdigit():
        return str(value).zfill(len(num_format.split(",")[0].strip()))
    if num_format.startswith("First") and 0 <= value < len(_ORDINALS):
        return _ORDINALS[value]
    if num_format.startswith("One") and 0 <= value < len(_CARDINALS):
        return _CARDINALS[value]
    if num_format.startswith("1st"):
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if num_format in ("a", "A") and value >= 1:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if num_format == "A" else letter
    if num_format in ("i", "I") and 1 <= value < 4000:
        return roman_numeral(value).upper() if num_format == "I" else roman_numeral(value)
    return str(value)


def paragraph_text(p: _Element) -> str:
    """A paragraph's text: spans, links and fields kept; notes, comments and tracked deletions
    left out; text:s as its spaces, tabs and line breaks as white space."""
    parts: list[str] = []
    if p.text:
        parts.append(p.text)
    for child in p:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "s":
                parts.append(" " * _int(_attr(child, "text:c"), 1))
            elif name in ("tab", "line-break"):
                parts.append(" ")
            elif (
                name not in _SKIPPED
                and etree.QName(child).namespace != "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
            ):
                parts.append(paragraph_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)
