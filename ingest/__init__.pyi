# What the package offers; imported on first use (clausewise/lazy.py reads these lines).

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
