"""Align: which clauses of two policies correspond, how each changed, what moved.

    normalise.py   terminology profiles (TOML data in profiles/) and canonical text
    scorers.py     lexical and lemma scorers, and the registry scorers are picked from by name
    embeddings.py  sentence embeddings (extra 'semantic') and their cache
    settings.py    AlignSettings: every weight and threshold, and the key a stored run is kept by
    assign.py      scores -> links: global assignment, anchors, moves;  pieces.py: splits and merges
    sentences.py   sentence evidence;  structure.py: overview items and near-copies in a document
    possible.py    possible matches of the clauses left in no link
    classify.py    identical / cosmetic / modified;  diff.py: word-level diffs;  summary.py: the counts
    align.py       align(left, right) -> Alignment;  model.py: Alignment, Link, DiffSpan

Pure functions over the frozen `Document` of `clausewise.ingest`; nothing here reads files or
touches a database.
"""

from .align import align
from .embeddings import EmbeddingCache
from .model import Alignment, DiffSpan, Link, Possible, Provenance, Relation
from .scorers import SCORERS, register_scorer
from .settings import DEFAULT_SETTINGS, SEMANTIC_CHOICES, AlignSettings, Blend

__all__ = [
    "DEFAULT_SETTINGS",
    "SCORERS",
    "SEMANTIC_CHOICES",
    "AlignSettings",
    "Alignment",
    "Blend",
    "DiffSpan",
    "EmbeddingCache",
    "Link",
    "Possible",
    "Provenance",
    "Relation",
    "align",
    "register_scorer",
]
