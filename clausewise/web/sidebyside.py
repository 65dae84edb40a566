"""A comparison as rows for the side-by-side view: both documents in their own order, linked
clauses on one row, a clause with no partner on a row of its own.

The rows follow the left document; a right clause with no partner is placed before the first
linked row whose right clause comes after it, so the right side reads in its own order too
except where a clause moved (marked as such).
"""

from __future__ import annotations

from dataclasses import dataclass

from clausewise.align import Alignment
from clausewise.align.model import DiffSpan, Link
from clausewise.align.summary import ChangeSummary, summarise
from clausewise.ingest import Document

# What the filters show: "substantive" hides rows that are identical or cosmetic and not moved.
FILTERS = {"all": "All clauses", "substantive": "Changes of substance", "removed": "Missing", "added": "Added"}


@dataclass(frozen=True)
class Cell:
    citation: str  # "4.2(b)"
    text: str


@dataclass(frozen=True)
class Row:
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    state: str  # identical | cosmetic | modified | removed | added
    kind: str  # match | split | merge | "" (one side only)
    moved: bool
    diff: tuple[DiffSpan, ...]  # word diff of a modified link

    @property
    def substantive(self) -> bool:
        return self.moved or self.state in ("modified", "removed", "added")

    @property
    def classes(self) -> str:
        """CSS classes the filters use."""
        return " ".join(["row", self.state, *(["moved"] if self.moved else []), "sub" if self.substantive else "same"])


@dataclass(frozen=True)
class SideBySide:
    left_name: str
    right_name: str
    summary: ChangeSummary
    rows: tuple[Row, ...]


def _cells(document: Document, ids: tuple[str, ...]) -> tuple[Cell, ...]:
    by_id = {clause.id: clause for clause in document.clauses}
    return tuple(Cell(document.citation(cid), by_id[cid].printed) for cid in ids)


def side_by_side(alignment: Alignment, left_name: str, right_name: str) -> SideBySide:
    left, right = alignment.left, alignment.right
    link_of = {cid: link for link in alignment.links for cid in link.left}
    right_order = {clause.id: k for k, clause in enumerate(right.content)}
    added = [clause.id for clause in alignment.added()]
    rows: list[Row] = []
    placed: set[int] = set()

    def place_added_before(position: int) -> None:
        while added and right_order[added[0]] < position:
            rows.append(Row((), _cells(right, (added.pop(0),)), "added", "", False, ()))

    for clause in left.content:
        link = link_of.get(clause.id)
        if link is None:
            rows.append(Row(_cells(left, (clause.id,)), (), "removed", "", False, ()))
        elif id(link) not in placed:  # a merge is one row, at its first left clause
            placed.add(id(link))
            if not link.moved:
                place_added_before(right_order.get(link.right[0], 0))
            rows.append(_linked(left, right, link))
    place_added_before(len(right_order))
    return SideBySide(left_name, right_name, summarise(alignment), tuple(rows))


def _linked(left: Document, right: Document, link: Link) -> Row:
    return Row(_cells(left, link.left), _cells(right, link.right), link.relation, link.kind, link.moved, link.diff)
