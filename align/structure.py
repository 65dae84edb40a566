"""What a clause is for in its document, beyond its words: an overview of the document, or
one of two near-copies of the same text.

- An overview item ("This Protocol covers: • Who is responsible for making decisions.") names
  a topic the document deals with; it carries no provision of its own, so it is matched to
  another overview, not to the substantive clause it announces, unless the words are the same.
- Twins are clauses of one document that are nearly the same text (the model's two
  "A working partnership;" items, a quoted passage restated later). Which twin a clause of the
  other document links to is a question of context, so twins are never matched by their text
  alone (see `align._scores`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from clausewise.ingest.model import Clause

# A lead-in that speaks of the document itself and what it covers.
_OVERVIEW = re.compile(
    r"\b(?:this|the)\s+(?:protocol|policy|document|code|guidance|procedure|strategy|scheme)\b.{0,40}?"
    r"\b(?:covers?|sets? out|includes?|explains?|deals? with|outlines?|describes?|addresses|contains?)\b",
    re.IGNORECASE,
)


def is_overview(clause: Clause) -> bool:
    """Whether the clause is an item of a list that summarises the document, or its lead-in."""
    if clause.kind == "item":
        return bool(clause.heading) and bool(_OVERVIEW.search(clause.heading[-1]))
    return clause.text.rstrip().endswith(":") and bool(_OVERVIEW.search(clause.text))


def twins(texts: Sequence[str], threshold: float) -> np.ndarray:
    """For each text, whether another text of the same document is a near-copy of it: a plain
    ratio of `threshold` or more (rapidfuzz stops scoring a pair as soon as it cannot reach it)."""
    return _twins(tuple(texts), threshold).copy()


@lru_cache(maxsize=64)  # a model compared with many councils: its twins are found once
def _twins(texts: tuple[str, ...], threshold: float) -> np.ndarray:
    if len(texts) < 2:
        return np.zeros(len(texts), dtype=bool)
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1, dtype=np.float32)
    np.fill_diagonal(scores, 0.0)
    return np.asarray(scores.max(axis=1) >= threshold)
