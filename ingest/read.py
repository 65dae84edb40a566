"""`read(path) -> Document`: the one entry point of the ingest stage."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from clausewise.errors import EmptyDocument, FileMissing, InputError

from .metadata import extract_metadata, find_council_name
from .model import Document
from .readers import read_raw
from .segment import segment

MAX_BYTES = 200 * 1024 * 1024  # far beyond any policy; past this a file is something else


def read(path: str | Path) -> Document:
    """Read a policy document (.pdf, .docx, .txt, .md) into clauses and metadata.

    Raises an `InputError` subclass, with a one-line message naming the file and the fix,
    for anything that cannot be read as a policy.
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissing(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"the file is {size // 2**20} MB, too large to be a policy document")
    data = path.read_bytes()
    raw = read_raw(path, data)
    parts = segment(raw)
    if not any(clause.kind != "heading" for clause in parts.clauses):
        raise EmptyDocument(path, "no policy text was found, only headings or a cover page")
    texts = parts.front + tuple(clause.label for clause in parts.clauses) + parts.meta
    metadata, warnings = extract_metadata(texts, raw.tables)
    council = find_council_name(raw.running_text + texts)
    return Document(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=raw.format,
        title=parts.title or _title_from_name(path),
        council=council,
        metadata=metadata,
        clauses=parts.clauses,
        warnings=raw.warnings + tuple(f"{path}: {w}" for w in warnings),
    )


def _title_from_name(path: Path) -> str:
    """ "district-council_member-officer-protocol" -> "District council member officer protocol"."""
    words = re.sub(r"[_\-]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]
