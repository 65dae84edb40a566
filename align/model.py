"""The result of aligning two documents: links between their clauses, each classified."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from clausewise.ingest.model import Clause, Document

Matrix = npt.NDArray[np.float64]  # scores of every left × right clause pair, 0–100

Relation = Literal["identical", "cosmetic", "modified"]
DiffOp = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class DiffSpan:
    """One run of a word-level diff from left to right text."""

    op: DiffOp
    text: str


@dataclass(frozen=True)
class Link:
    """Left clauses that correspond to right clauses: 1:1, a split (1:n) or a merge (n:1)."""

    left: tuple[str, ...]  # clause ids, in document order
    right: tuple[str, ...]
    relation: Relation
    moved: bool  # out of document order relative to the other links
    score: float  # 0–100, the combined similarity that made the link
    diff: tuple[DiffSpan, ...] = ()  # word-level diff; modified links only

    @property
    def kind(self) -> str:
        if len(self.left) > 1:
            return "merge"
        return "split" if len(self.right) > 1 else "match"


@dataclass(frozen=True)
class Possible:
    """A clause in no link (left) and a clause of the other side that may cover it: below the
    linking threshold, so not a link, but worth a reader's check (see `align.possible`)."""

    left: str  # clause id
    right: str
    score: float  # 0–100
    evidence: str  # the right clause's sentence that matched best


@dataclass(frozen=True)
class Provenance:
    """How an alignment was made: what a report prints and a stored run is keyed by."""

    profile: str  # the terminology profile's name
    semantic: str  # the scorer blend: none | spacy | embeddings
    threshold: float
    algorithm: str  # `AlignSettings.key`: every setting and the aligner's code, hashed
    backend: str = ""  # what scored, as a report names it: the blend, and the embedder if it embeds


@dataclass(frozen=True)
class Alignment:
    left: Document
    right: Document
    links: tuple[Link, ...]
    provenance: Provenance
    possible: tuple[Possible, ...] = ()  # candidates for the left clauses in no link, best first

    def removed(self) -> tuple[Clause, ...]:
        """Left clauses in no link: in the left document only."""
        linked = {cid for link in self.links for cid in link.left}
        return tuple(c for c in self.left.content if c.id not in linked)

    def added(self) -> tuple[Clause, ...]:
        """Right clauses in no link: in the right document only."""
        linked = {cid for link in self.links for cid in link.right}
        return tuple(c for c in self.right.content if c.id not in linked)

    @property
    def differs(self) -> bool:
        """Whether anything of substance changed (what `compare` exits 1 for)."""
        return bool(self.removed() or self.added()) or any(
            link.relation == "modified" or link.moved for link in self.links
        )
