"""Facts about a policy version, found in its own words: adoption, amendments, minutes,
version table, next review date, and the council's name.

Each fact keeps the text it was read from, so a clerk can check it. Dates that cannot be
parsed are kept as text and reported in a warning, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .dates import find_dates, parse_date
from .model import Adoption, DateValue, Metadata, Table, VersionRow

_ADOPTION = re.compile(r"\b(?P<verb>adopted|approved|ratified|agreed)\b", re.IGNORECASE)
_AMENDMENT = re.compile(r"\b(?:amended|revised|updated)\b", re.IGNORECASE)
_REVIEW = re.compile(
    r"^\s*(?:date\s+of\s+next\s+review|next\s+review(?:\s+date|\s+due)?|review\s+date|review\s+due|"
    r"due\s+for\s+review|to\s+be\s+reviewed(?:\s+by|\s+on|\s+in)?)\s*(?:date)?\s*[:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MINUTE = re.compile(
    r"\b(?:minute|min\.?)\s*(?:no\.?|number|ref(?:erence)?\.?)?\s*(?P<ref>\d[\w/().-]*[\w)])", re.IGNORECASE
)
_VERSION = re.compile(r"^\s*(?:version|v)\s*(?:number|no\.?)?\s*[:\-]?\s*(?P<v>\d+(?:\.\d+)*)\b", re.IGNORECASE)
_BY_BODY = re.compile(r"\bby\s+(?:the\s+)?(?P<body>[A-Z][\w&,'’ ]*?)\s*(?:\b(?:on|at|in)\b|,|\(|$|\d)", re.IGNORECASE)
_METADATA_START = re.compile(
    r"^\s*(?:adopted|approved|ratified|amended|revised|reviewed|updated|date\s+(?:of\s+)?(?:adoption|approval)|"
    r"policy\s+adopted)\b",
    re.IGNORECASE,
)
_GENERIC_NAME_WORDS = frozenset(
    "the this that a an each every any our your their its full principal local district county parish town "
    "borough city community model relevant other same whole individual in of for to and".split()
)
_COUNCIL_TYPES = ("Town", "Parish", "District", "County", "Borough", "City", "Community")
_NAME_JOINERS = frozenset({"and", "&", "upon", "on", "under", "next", "in", "by", "le", "the"})
_MAX_META_WORDS = 40


def is_metadata_line(text: str) -> bool:
    """A short standalone statement about the document, not policy text."""
    words = text.split()
    if not words or len(words) > _MAX_META_WORDS:
        return False
    if _REVIEW.match(text) or _VERSION.match(text) or parse_date(text) is not None:
        return True
    return bool(_METADATA_START.match(text)) and bool(find_dates(text))


def extract_metadata(texts: Sequence[str], tables: Sequence[Table]) -> tuple[Metadata, tuple[str, ...]]:
    """Read the metadata from every paragraph of a document and its tables."""
    warnings: list[str] = []
    lines = [t for t in texts if t and len(t.split()) <= _MAX_META_WORDS * 3]
    statements = [t for t in lines if is_metadata_line(t) or _amendments_line(t)]
    adopted = next((a for t in statements if (a := _adoption(t)) is not None), None)
    amendments = tuple(a for t in statements for a in _amendments(t))
    rows = tuple(row for table in tables for row in _version_rows(table))
    review, review_source = _next_review(statements, rows, warnings)
    version = next((m.group("v") for t in statements if (m := _VERSION.match(t))), None)
    if rows and rows[-1].version:
        version = rows[-1].version
    minutes = tuple(dict.fromkeys(m.group("ref") for t in statements for m in _MINUTE.finditer(t)))
    issued = None
    if adopted is None and not amendments:
        issued = next((d for t in texts[:12] if (d := parse_date(t)) is not None), None)
    for value in (adopted.on if adopted else None, *(a.on for a in amendments)):
        if value is not None and value.value is None:
            warnings.append(f"unparseable date {value.text!r} kept as text")
    metadata = Metadata(
        adopted=adopted,
        amendments=amendments,
        minute_refs=minutes,
        version=version,
        version_table=rows,
        next_review=review,
        next_review_source=review_source,
        issued=issued,
    )
    return metadata, tuple(warnings)


def _adoption(text: str) -> Adoption | None:
    match = _ADOPTION.search(text)
    if not match or _AMENDMENT.match(text):
        return None
    dates = [d for start, _, d in find_dates(text) if start > match.start()]
    if not dates:
        return None
    return Adoption(dates[0], _body(text[match.end() :]), _minute(text), text)


def _amendments_line(text: str) -> bool:
    return bool(_AMENDMENT.search(text)) and bool(find_dates(text)) and text.lstrip()[:1].isupper()


def _amendments(text: str) -> list[Adoption]:
    """ "Amended by Council 11 January 2010 minute 311(a); Amended by Council …" -> one each."""
    events = []
    for piece in re.split(r";|\n", text):
        if not re.match(r"\s*(?:amended|revised|updated)\b", piece, re.IGNORECASE):
            continue
        dates = find_dates(piece)
        events.append(Adoption(dates[0][2] if dates else None, _body(piece), _minute(piece), piece.strip()))
    return events


def _body(text: str) -> str | None:
    match = _BY_BODY.search(text)
    return match.group("body").strip(" ,") if match else None


def _minute(text: str) -> str | None:
    match = _MINUTE.search(text)
    return match.group("ref") if match else None


def _next_review(
    statements: list[str], rows: tuple[VersionRow, ...], warnings: list[str]
) -> tuple[DateValue | None, str | None]:
    for text in statements:
        match = _REVIEW.match(text)
        if not match:
            continue
        rest = match.group("rest").strip()
        found = find_dates(rest)
        if found and found[0][2].value is not None:
            return found[0][2], text
        if found:
            warnings.append(f"unparseable date {found[0][2].text!r} in {text!r} kept as text")
            return found[0][2], text
        warnings.append(f"unparseable date {rest!r} in {text!r} kept as text")
        return DateValue(rest, None), text
    dated = [row for row in rows if row.review_due is not None]
    if dated:
        return dated[-1].review_due, " | ".join(dated[-1].cells)
    return None, None


def _version_rows(table: Table) -> list[VersionRow]:
    """Rows of a version table, its columns found by their header words, not their position."""
    if len(table.rows) < 2:
        return []
    header = [cell.lower() for cell in table.rows[0]]
    columns = {
        "version": _column(header, ("version",)),
        "review": _column(header, ("review",)),
        "change": _column(header, ("revision", "amendment", "change", "comment", "details")),
        "approved": _column(header, ("ratified", "approved", "adopted", "agreed", "date"), avoid="review"),
    }
    if columns["version"] is None or (columns["approved"] is None and columns["review"] is None):
        return []
    rows = []
    for cells in table.rows[1:]:
        if [c.lower() for c in cells] == header:
            continue  # a header row repeated on a new page

        def cell(key: str, cells: tuple[str, ...] = cells) -> str | None:
            index = columns[key]
            return cells[index].strip() or None if index is not None and index < len(cells) else None

        rows.append(
            VersionRow(
                cells=cells,
                approved_on=_cell_date(cell("approved")),
                version=cell("version"),
                change=cell("change"),
                review_due=_cell_date(cell("review")),
            )
        )
    return rows


def _column(header: list[str], words: tuple[str, ...], avoid: str | None = None) -> int | None:
    for word in words:
        for index, cell in enumerate(header):
            if word in cell and not (avoid and avoid in cell):
                return index
    return None


def _cell_date(text: str | None) -> DateValue | None:
    if not text:
        return None
    found = find_dates(text)
    return found[0][2] if found else DateValue(text, None)


def find_council_name(texts: Sequence[str]) -> str | None:
    """The council's own name ("Chard Town Council"), the most often named, earliest on ties."""
    names: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, text in enumerate(texts):
        for name in _names_in(text):
            names[name] += 1
            first_seen.setdefault(name, position)
    if not names:
        return None
    return max(names, key=lambda name: (names[name], -first_seen[name]))


def _names_in(text: str) -> list[str]:
    """Names ending in "Council", read backwards over capitalised words and joiners."""
    tokens = re.findall(r"[\w'’&-]+", text)
    found = []
    for index, token in enumerate(tokens):
        if token != "Council":
            continue
        words: list[str] = []
        for word in reversed(tokens[:index]):
            if word[:1].isupper() or (words and word.lower() in _NAME_JOINERS):
                words.insert(0, word)
            else:
                break
        while words and (words[0].lower() in _NAME_JOINERS or words[0].lower() in _GENERIC_NAME_WORDS):
            words.pop(0)
        if any(w.lower() not in _GENERIC_NAME_WORDS and w not in _COUNCIL_TYPES for w in words):
            found.append(" ".join([*words, "Council"]))
    return found
