"""Ingest: read council policy files into an immutable clause tree with metadata."""

from .model import (
    Adoption,
    Block,
    Clause,
    DateValue,
    Document,
    Metadata,
    RawDocument,
    SourceRef,
    Table,
    VersionRow,
)
from .read import read

__all__ = [
    "Adoption",
    "Block",
    "Clause",
    "DateValue",
    "Document",
    "Metadata",
    "RawDocument",
    "SourceRef",
    "Table",
    "VersionRow",
    "read",
]
