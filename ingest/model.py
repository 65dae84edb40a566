"""The immutable document model every stage of clausewise shares.

A reader turns a file into raw blocks; the segmenter turns blocks into a `Document` whose
`clauses` form a flat, ordered clause tree (each clause carries its heading path, so the tree
is implicit and a clause can be compared on its own). Nothing here is ever mutated: stages
build new objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from .citations import citations

ClauseKind = Literal["heading", "paragraph", "item"]
DatePrecision = Literal["day", "month", "year"]
BlockRole = Literal["title", "subtitle", "heading", "paragraph", "item", "toc", "quote"]
# Why a line of the source is in no clause: part of the cover, the contents, a contact block,
# a metadata statement, a page number or extraction residue.
SetAsideReason = Literal[
    "cover", "contents", "contact details", "metadata", "version table", "table", "page number", "extraction noise"
]


def numbered_label(number: str | None, text: str) -> str:
    """A single-level number takes a full stop ("4. Councillors"); "4.1" and "(a)" do not."""
    if not number:
        return text
    if number.isdigit() or (len(number) == 1 and number.isalpha()):
        return f"{number}. {text}"
    return f"{number} {text}"


@dataclass(frozen=True)
class SourceRef:
    """Where a clause came from, so a report can point back to the original."""

    page: int | None = None  # 1-based page (PDF)
    paragraph: int | None = None  # 0-based paragraph or block index in reading order
    line: int | None = None  # 1-based line (text files)


@dataclass(frozen=True)
class Block:
    """One paragraph as a reader found it, before segmentation.

    Readers fill in only what their format knows: a Word paragraph knows its style and its
    automatic number; a PDF line group knows its page, font size and weight; a text
    paragraph knows only its text and line.
    """

    text: str
    role: BlockRole | None = None  # a hint from styles or markup; None when the format has none
    level: int | None = None  # heading or list level from styles, when known
    number: str | None = None  # an automatic number the format generated (Word numbering)
    marker: str | None = None  # that number as Word prints it ("1.", "(a)", "•")
    source: SourceRef = field(default_factory=SourceRef)
    size: float | None = None  # font size in points (PDF)
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; version tables feed the metadata."""

    rows: tuple[tuple[str, ...], ...]
    source: SourceRef = field(default_factory=SourceRef)


@dataclass(frozen=True)
class RawDocument:
    """What a reader returns: blocks in reading order plus what the format says about itself."""

    format: str
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...] = ()
    title: str | None = None  # from document properties, when the format has them
    running_text: tuple[str, ...] = ()  # header/footer text (not content; names the council)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetAside:
    """A line of the source that is in no clause, and why: nothing is dropped silently."""

    text: str  # as printed, its number included
    reason: SetAsideReason
    front: bool  # part of the front matter (before the body starts)
    source: SourceRef = field(default_factory=SourceRef)


@dataclass(frozen=True)
class Clause:
    """One unit of a policy: a heading, a paragraph or a list item."""

    id: str
    number: str | None  # as printed or generated: "4", "4.1", "(a)", "•"; None if unnumbered
    heading: tuple[str, ...]  # enclosing headings and list lead-in, outermost first
    kind: ClauseKind
    text: str  # as read: joined across line and page breaks, de-hyphenated, number removed
    source: SourceRef = field(default_factory=SourceRef)
    level: int = 1  # depth in the tree (headings: 1 = top)
    marker: str | None = None  # the number or bullet exactly as printed: "-", "•", "1.1", "(a)"

    @property
    def label(self) -> str:
        """The clause as a reader would cite it: "4. Councillors", "4.1 All Councillors…"."""
        return numbered_label(self.number, self.text)

    @property
    def printed(self) -> str:
        """The clause as printed, its own number or bullet included."""
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass(frozen=True)
class DateValue:
    """A date as written in a document, parsed where that can be done without guessing."""

    text: str  # as written: "19th January 2015", "April 2028"
    value: date | None  # None when the text could not be parsed
    precision: DatePrecision = "day"  # "April 2028" is a month: value is its first day


@dataclass(frozen=True)
class Adoption:
    """An adoption or amendment event: when, by whom, under which minute."""

    on: DateValue | None
    body: str | None  # "Finance & Personnel Committee", "Council"
    minute: str | None  # "371", "311(a)"
    source: str  # the text it was read from


@dataclass(frozen=True)
class VersionRow:
    """One row of a version table (date approved, version, change made, next review)."""

    cells: tuple[str, ...]
    approved_on: DateValue | None
    version: str | None
    change: str | None
    review_due: DateValue | None


@dataclass(frozen=True)
class Metadata:
    """Facts about a policy version found in its text, each keeping its source text."""

    adopted: Adoption | None = None
    amendments: tuple[Adoption, ...] = ()
    minute_refs: tuple[str, ...] = ()
    version: str | None = None
    version_table: tuple[VersionRow, ...] = ()
    next_review: DateValue | None = None
    next_review_source: str | None = None
    issued: DateValue | None = None  # a bare date on a cover page ("April 2026")


@dataclass(frozen=True)
class Document:
    """A policy document read into clauses and metadata."""

    path: str
    sha256: str
    format: str
    title: str | None
    council: str | None
    metadata: Metadata
    clauses: tuple[Clause, ...]
    warnings: tuple[str, ...] = ()
    set_aside: tuple[SetAside, ...] = ()  # every source line in no clause, with the reason

    @property
    def front_matter(self) -> tuple[SetAside, ...]:
        """The cover, contents and contact lines before the body."""
        return tuple(line for line in self.set_aside if line.front)

    @property
    def content(self) -> tuple[Clause, ...]:
        """Clauses that carry policy text (no headings): what alignment compares."""
        return tuple(c for c in self.clauses if c.kind != "heading")

    def citation(self, clause_id: str) -> str:
        """How a clerk cites the clause: "3.2(b)", "INTRODUCTION › paragraph 2" (see `citations`)."""
        return self._citations[clause_id]

    @cached_property
    def _citations(self) -> dict[str, str]:
        return citations(self.clauses)
