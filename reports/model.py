"""Pieces shared by every report: a clause as a report quotes it, and word counting.

Reports are frozen dataclasses of tuples, built once by a `build_*` function; renderers only
read them. A report never holds a `Document` or an `Alignment`, only what it shows, so a
renderer cannot recompute anything even by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausewise.align.model import DiffSpan
from clausewise.ingest.model import Clause, ClauseKind, Document

NO_SECTION = "(before the first heading)"
_WORD = re.compile(r"\w[\w'’-]*")
# Characters XML 1.0 cannot hold; a stray one from a PDF would make lxml refuse the whole .docx.
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class QuotedClause:
    """A clause as a report quotes it: how a clerk cites it, where it sits and what it says."""

    id: str
    citation: str  # "3.2(b)", "INTRODUCTION › paragraph 2" (see `clausewise.ingest.citations`)
    number: str | None
    marker: str | None
    section: str  # the top-level heading it sits under
    heading: tuple[str, ...]
    kind: ClauseKind
    level: int
    text: str

    @property
    def printed(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


def quote(clause: Clause, document: Document) -> QuotedClause:
    return QuotedClause(
        id=clause.id,
        citation=document.citation(clause.id),
        number=clause.number,
        marker=clause.marker,
        section=section_of(clause),
        heading=clause.heading,
        kind=clause.kind,
        level=clause.level,
        text=clause.text,
    )


def section_of(clause: Clause) -> str:
    """A clause's top-level heading; a heading is its own section when it is top-level."""
    if clause.heading:
        return clause.heading[0]
    if clause.kind == "heading":
        return clause.label
    return NO_SECTION


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def kept_words(diff: tuple[DiffSpan, ...]) -> int:
    """Words of the old text that survive a word diff unchanged."""
    return sum(word_count(span.text) for span in diff if span.op == "equal")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)
