"""Documents as plain JSON-ready dictionaries (dates as ISO strings)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from .model import Clause, Document, Metadata, SetAside, SourceRef


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def metadata_to_dict(metadata: Metadata) -> dict[str, Any]:
    result: dict[str, Any] = _plain(metadata)
    return result


def set_aside_to_list(lines: tuple[SetAside, ...]) -> list[dict[str, Any]]:
    return [_plain(line) for line in lines]


def set_aside_from_list(data: list[dict[str, Any]]) -> tuple[SetAside, ...]:
    """`set_aside_to_list` read back (as the store keeps it)."""
    return tuple(
        SetAside(text=item["text"], reason=item["reason"], front=item["front"], source=SourceRef(**item["source"]))
        for item in data
    )


def clause_to_dict(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "number": clause.number,
        "marker": clause.marker,
        "heading": list(clause.heading),
        "kind": clause.kind,
        "text": clause.text,
        "level": clause.level,
        "source": {k: v for k, v in _plain(clause.source).items() if v is not None},
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "sha256": document.sha256,
        "format": document.format,
        "title": document.title,
        "council": document.council,
        "metadata": metadata_to_dict(document.metadata),
        "clauses": [clause_to_dict(clause) for clause in document.clauses],
        "warnings": list(document.warnings),
        "set_aside": set_aside_to_list(document.set_aside),
    }
