"""Align: which clauses of two policies correspond, how each changed, what moved."""

from .align import SEMANTIC_CHOICES, Semantic, align
from .model import Alignment, DiffSpan, Link, Relation

__all__ = ["SEMANTIC_CHOICES", "Alignment", "DiffSpan", "Link", "Relation", "Semantic", "align"]
