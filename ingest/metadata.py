"""Facts about a policy version, found in its own words: adoption, amendments, minutes,
version table, next review date, and the council's name.

Each fact keeps the text it was read from, so a clerk can check it. Dates that cannot be
parsed are kept as text and reported in a warning, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date

from .dates import find_dates, parse_date
from .model import Adoption, DateValue, Metadata, Table, VersionRow

MAX_META_WORDS = 40  # a metadata statement is a line, not a paragraph of policy
_COVER_PARAGRAPHS = 12  # how far into a document a bare date still counts as its cover

# "This policy was adopted …", "Policy adopted …": the lead-ins before an event word.
_LEAD_IN = (
    r"(?:(?:this|the)\s+(?:policy|protocol|document|procedure|code|strategy)\s+"
    r"(?:was|is|has\s+been|were)\s+(?:first\s+|formally\s+|originally\s+|last\s+)?"
    r"|policy\s+|date\s+(?:of\s+)?(?:last\s+)?|last\s+)?"
)
_EVENT_KINDS = {
    **dict.fromkeys(("adopted", "approved", "ratified", "readopted", "re-adopted"), "adopted"),
    **dict.fromkeys(("adoption", "approval", "ratification"), "adopted"),
    **dict.fromkeys(("amended", "revised", "updated", "amendment", "revision"), "amended"),
    "reviewed": "reviewed",
}
_EVENT = re.compile(
    rf"^\s*{_LEAD_IN}(?P<word>{'|'.join(sorted(_EVENT_KINDS, key=len, reverse=True))})\b(?:\s+date\b)?",
    re.IGNORECASE,
)
# What may follow the event word: "Adopted by …", "Adopted: …", "Adopted 5 May 2026".
# "Approved expenditure must …" is policy text, not an event.
_EVENT_FOLLOW = re.compile(r"\s*(?:[:\-–(]|$|(?:by|at|on|in|from|under|with\s+effect)\b)", re.IGNORECASE)
_NEXT_REVIEW = re.compile(
    r"^\s*(?:(?:date\s+of\s+)?next\s+review(?:\s+date|\s+due)?|(?:new\s+)?review\s+(?:date|due)|"
    r"due\s+for\s+review|(?:(?:this|the)\s+(?:policy|protocol|document)\s+(?:will|shall|is\s+to)\s+be\s+|"
    r"to\s+be\s+)reviewed)\b\s*(?:date\b)?\s*(?:(?:by|on|in|before|due|no\s+later\s+than)\b)?"
    r"\s*(?P<sep>[:\-–])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MINUTE = re.compile(
    r"\b(?:minute|min)\b\.?\s*(?:no\.?|number|ref(?:erence)?\.?)?\s*[:#]?\s*"
    r"(?P<ref>(?:[a-z]{1,5}/)?\d+(?:[/.-]\d+)*[a-z]?(?:\([a-z0-9]{1,4}\))*)",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"^\s*(?:version|ver\.?|v)\s*(?:number|no\.?)?\s*[:\-]?\s*(?P<v>\d+(?:\.\d+)*[a-z]?)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_BY = re.compile(r"\bby\s+(?:the\s+)?", re.IGNORECASE)
_BODY_END = re.compile(r"[,;(\[]|\b(?:on|at|in|under|minute|min|with|held|meeting|dated)\b", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\|[\s:|-]*-[\s:|-]*\|$")  # "|---|:--|" under a markdown header

# Header words of each version-table column, in the order columns are claimed.
_COLUMNS = (
    ("version", ("version", "issue no")),
    ("review", ("review",)),
    ("change", ("revision", "amendment", "change", "comment", "details", "description", "summary", "notes")),
    ("minute", ("minute", "resolution")),
    ("approved", ("ratified", "approved", "adopted", "agreed", "date")),
)


def is_metadata_line(text: str) -> bool:
    """A short standalone statement about the document, not policy text."""
    pieces = _pieces(text)
    if pieces and all(_is_statement(piece) for piece in pieces):
        return True
    return _is_table_row(text)


def extract_metadata(texts: Sequence[str], tables: Sequence[Table]) -> tuple[Metadata, tuple[str, ...]]:
    """Read the metadata from every paragraph of a document (in reading order) and its tables."""
    pieces = [piece for text in texts if is_metadata_line(text) for piece in _pieces(text) if _is_statement(piece)]
    events = [(kind, piece) for piece in pieces if (kind := _event_kind(piece)) and find_dates(piece)]
    adopted = next((_event(piece) for kind, piece in events if kind == "adopted"), None)
    amendments = tuple(_event(piece) for kind, piece in events if kind == "amended")
    # A reader that found the table gives it in `tables`; a plain-text extraction leaves its
    # rows as tab-separated paragraphs. Never both, so the rows are not counted twice.
    rows = _version_rows(tables) or _version_rows(_text_tables(texts))
    latest = _latest(rows)
    review, review_source = next(((r, piece) for piece in pieces if (r := _review_of(piece))), (None, None))
    if review is None and latest is not None and latest.review_due is not None:
        review, review_source = latest.review_due, _row_text(latest)
    issued = None
    if adopted is None or adopted.on is None:
        issued = next((d for text in texts[:_COVER_PARAGRAPHS] if (d := parse_date(text))), None)
    metadata = Metadata(
        adopted=adopted,
        amendments=amendments,
        minute_refs=_minute_refs(pieces, rows),
        version=latest.version if latest and latest.version else next(filter(None, map(_version_of, pieces)), None),
        version_table=rows,
        next_review=review,
        next_review_source=review_source,
        issued=issued,
    )
    return metadata, tuple(dict.fromkeys(_warnings(metadata)))


# --- statements ---------------------------------------------------------------------------


def _pieces(text: str) -> list[str]:
    """ "Amended … minute 311(a); Amended … minute 108" is several statements on one line.

    Tabs become spaces: Word puts one between a label and its value ("Next review:<tab>May 2027").
    """
    return [" ".join(piece.split()) for piece in re.split(r"[;\n]", text) if piece.strip()]


def _is_statement(piece: str) -> bool:
    if len(piece.split()) > MAX_META_WORDS:
        return False
    if parse_date(piece) is not None or _version_of(piece) is not None or _review_of(piece) is not None:
        return True
    return _event_kind(piece) is not None and bool(find_dates(piece))


def _event_kind(piece: str) -> str | None:
    """ "adopted", "amended" or "reviewed" when `piece` states such an event."""
    match = _EVENT.match(piece)
    if not match:
        return None
    rest = piece[match.end() :]
    dates = find_dates(rest)
    starts_with_date = bool(dates) and not rest[: dates[0][0]].strip(" ,")
    if not (_EVENT_FOLLOW.match(rest) or starts_with_date):
        return None
    return _EVENT_KINDS[match.group("word").lower()]


def _event(piece: str) -> Adoption:
    """An adoption or amendment statement as an event: its date, body and minute."""
    match = _EVENT.match(piece)
    after = match.end() if match else 0
    dates = [(start, value) for start, _, value in find_dates(piece) if start >= after]
    minute = _MINUTE.search(piece)
    return Adoption(
        on=dates[0][1] if dates else None,
        body=_body(piece, after, dates[0][0] if dates else len(piece)),
        minute=minute.group("ref") if minute else None,
        source=piece,
    )


def _body(piece: str, start: int, date_start: int) -> str | None:
    """Who adopted it: the words after "by", up to the date, minute or meeting details."""
    by = _BY.search(piece, start)
    if not by:
        return None
    words = piece[by.end() : date_start if date_start > by.end() else len(piece)]
    end = _BODY_END.search(words)
    body = words[: end.start() if end else len(words)].strip(" ,.:-–")
    return body if body and len(body.split()) <= 8 else None


def _review_of(piece: str) -> DateValue | None:
    """The date in "Next review: April 2028"; odd wording after a colon is kept as text."""
    match = _NEXT_REVIEW.match(piece)
    if not match:
        return None
    rest = match.group("rest").strip(" .")
    found = find_dates(rest)
    if found:
        return found[0][2]
    if match.group("sep") and rest and len(rest.split()) <= 5:
        return DateValue(rest, None)  # "Next review: Spring 2025"
    return None  # "To be reviewed by the Council annually …" is policy text


def _version_of(piece: str) -> str | None:
    """ "Version 3", "v3", "Version Number 2.1", "Version 3 April 2009" -> the number."""
    match = _VERSION.match(piece)
    if not match:
        return None
    rest = match.group("rest").strip(" .,:;-–()")
    if rest and not find_dates(rest) and len(rest.split()) > 3:
        return None  # "Version 2 of the Code was published …" is policy text
    return match.group("v")


def _minute_refs(pieces: list[str], rows: tuple[VersionRow, ...]) -> tuple[str, ...]:
    refs = [match.group("ref") for piece in pieces for match in _MINUTE.finditer(piece)]
    refs += [match.group("ref") for row in rows for cell in row.cells for match in _MINUTE.finditer(cell)]
    return tuple(dict.fromkeys(refs))


def _warnings(metadata: Metadata) -> Iterator[str]:
    """One warning for every date that was kept as text, naming where it was written."""
    dated: list[tuple[DateValue | None, str | None]] = [
        (event.on, event.source) for event in (metadata.adopted, *metadata.amendments) if event is not None
    ]
    dated.append((metadata.next_review, metadata.next_review_source))
    dated.append((metadata.issued, metadata.issued.text if metadata.issued else None))
    for row in metadata.version_table:
        dated += [(row.approved_on, _row_text(row)), (row.review_due, _row_text(row))]
    for value, source in dated:
        if value is not None and value.value is None:
            yield f"unparseable date {value.text!r} in {source!r} kept as text"


# --- version tables -----------------------------------------------------------------------


def _cells(line: str) -> list[str] | None:
    """The cells of a table row written as text (tab-separated or markdown pipes), else None."""
    if "\t" in line.strip():  # not a tab that only indents the line
        return [" ".join(cell.split()) for cell in line.strip(" \r\n").split("\t")]
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return [" ".join(cell.split()) for cell in stripped[1:-1].split("|")]
    return None


def _is_table_row(text: str) -> bool:
    """Version-table rows in text form: "09.09.2024<tab>1<tab>Policy adopted<tab>May 2025", or its header."""
    rows = _text_rows(text)
    if not rows or any(len(" ".join(row).split()) > MAX_META_WORDS for row in rows):
        return False
    if any(_columns(row) is not None for row in rows):
        return True
    # Without its header a row is known by its dates; contents lines ("Introduction<tab>3") have none.
    return all(sum(bool(cell) for cell in row) >= 2 and any(parse_date(cell) for cell in row) for row in rows)


def _text_tables(texts: Sequence[str]) -> list[Table]:
    """Consecutive paragraphs (or lines of one paragraph) that are all table rows, as tables."""
    tables: list[Table] = []
    run: list[tuple[str, ...]] = []
    for text in (*texts, ""):
        rows = _text_rows(text)
        if rows is not None:
            run += rows
        elif run:
            tables.append(Table(tuple(run)))
            run = []
    return tables


def _text_rows(text: str) -> list[tuple[str, ...]] | None:
    """The rows of a paragraph whose every line is a table row, else None."""
    lines = [line for line in text.split("\n") if line.strip()]
    rows = [_cells(line) for line in lines if not _TABLE_RULE.match(line.strip())]
    if not lines or not all(row is not None for row in rows):
        return None
    return [tuple(row) for row in rows if row is not None]


def is_version_table(table: Table) -> bool:
    """Whether `table` is a version table (its rows feed the metadata)."""
    return bool(_table_rows(table))


def _version_rows(tables: Sequence[Table]) -> tuple[VersionRow, ...]:
    return tuple(row for table in tables for row in _table_rows(table))


def _table_rows(table: Table) -> list[VersionRow]:
    """Rows of a version table, its columns found by their header words, not their position."""
    for index, header in enumerate(table.rows):
        columns = _columns(header)
        if columns is not None:
            return [
                _row(cells, columns)
                for cells in table.rows[index + 1 :]
                if any(cell.strip() for cell in cells) and tuple(cells) != tuple(header)  # header repeated
            ]
    return []


def _columns(header: Sequence[str]) -> dict[str, int] | None:
    """Which column holds what, or None if this is not a version-table header."""
    cells = [cell.lower() for cell in header]
    columns: dict[str, int] = {}
    for key, words in _COLUMNS:
        index = next(
            (i for word in words for i, cell in enumerate(cells) if word in cell and i not in columns.values()),
            None,
        )
        if index is not None:
            columns[key] = index
    if "version" not in columns or not ({"approved", "review"} & columns.keys()):
        return None
    return columns


def _row(cells: Sequence[str], columns: dict[str, int]) -> VersionRow:
    cleaned = tuple(" ".join(cell.split()) for cell in cells)

    def cell(key: str) -> str | None:
        index = columns.get(key)
        return cleaned[index] or None if index is not None and index < len(cleaned) else None

    version = cell("version")
    number = re.fullmatch(r"(?:version|ver\.?|v)?\s*(\d+(?:\.\d+)*[a-z]?)", version or "", re.IGNORECASE)
    return VersionRow(
        cells=cleaned,
        approved_on=_cell_date(cell("approved")),
        version=number.group(1) if number else version,
        change=cell("change"),
        review_due=_cell_date(cell("review")),
    )


def _cell_date(text: str | None) -> DateValue | None:
    if not text:
        return None
    found = parse_date(text) or next((value for _, _, value in find_dates(text)), None)
    return found or DateValue(text, None)


def _latest(rows: tuple[VersionRow, ...]) -> VersionRow | None:
    """The newest row: by approval date when every row has one (tables run either way), else the last."""
    if not rows:
        return None
    dated = [(day, index) for index, row in enumerate(rows) if (day := _approved_day(row)) is not None]
    return rows[max(dated)[1]] if len(dated) == len(rows) else rows[-1]


def _approved_day(row: VersionRow) -> date | None:
    return row.approved_on.value if row.approved_on else None


def _row_text(row: VersionRow) -> str:
    return " | ".join(row.cells)


# --- the council's name -------------------------------------------------------------------

_COUNCIL_TYPES = frozenset({"town", "parish", "district", "county", "borough", "city", "community", "metropolitan"})
# Words that can be capitalised before "Council" without naming a place: "the Principal
# Council", "Full Council", "Each Town Council", and common sentence openings. Never a word
# that opens a place name ("New Forest", "All Saints").
_GENERIC_NAME_WORDS = _COUNCIL_TYPES | frozenset(
    "the this that a an each every any both our your their its full principal local model relevant other "
    "same whole individual joint youth executive national general shadow unitary parent host neighbouring "
    "lead member members councillor councillors privy european arts research security standards school "
    "student staff works if when where whilst while although as at by for from in of on to with within and "
    "contact dear see under between".split()
)
# Lower-case words inside place names ("Sandon and Burston", "Newcastle upon Tyne"). Not "by"
# or "in": "Adopted by Chard Town Council" must not make "Adopted by" part of the name.
_NAME_JOINERS = frozenset({"and", "&", "upon", "on", "le", "la", "de", "the", "cum"})
_POSSESSIVE = re.compile(r"['’]s?$")  # "Council's", "Councils'"


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
    if "Council" not in text and "COUNCIL" not in text:
        return []  # most lines of a policy name no council
    # Words and punctuation apart, so a name never runs across "Background Papers: Chard …".
    tokens = re.findall(r"\bSt\.|[\w&-]+(?:['’]s?)?|[^\w\s]", text)  # "St. Albans" is one name
    found = []
    for index, token in enumerate(tokens):
        if _POSSESSIVE.sub("", token) not in ("Council", "COUNCIL"):
            continue
        words = _name_words(tokens[:index])
        if token.isupper() and not (words and words[-1].lower() in _COUNCIL_TYPES):
            continue  # in capitals every word looks like a name: "ACCESS TO INFORMATION AND TO COUNCIL"
        if any(word.lower() not in _GENERIC_NAME_WORDS for word in words):
            found.append(" ".join(_title(word) for word in [*words, "Council"]))
    return found


def _name_words(before: list[str]) -> list[str]:
    words: list[str] = []
    for word in reversed(before):
        # "King's Lynn" is a name; "Councillors' Access to Council Documents" is not.
        if (word[:1].isupper() and word[-1] not in "'’") or (words and word.lower() in _NAME_JOINERS):
            words.insert(0, word)
        else:
            break
    while words and (words[0].lower() in _NAME_JOINERS or words[0].lower() in _GENERIC_NAME_WORDS):
        words.pop(0)  # "The Chard Town Council", "Each Town Council": not part of a name
    return words


def _title(word: str) -> str:
    """ "SANDON AND BURSTON PARISH COUNCIL" reads as "Sandon and Burston Parish Council"."""
    if not word.isupper() or word == "&":
        return word
    return word.lower() if word.lower() in _NAME_JOINERS else word.capitalize()
