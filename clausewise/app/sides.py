"""One side of a comparison: a policy file, a Document already read, or a stored version.

A string is a file when such a file exists, or when it looks like one (a path separator before
any `@`, or a policy file suffix), and a missing file is then reported as missing; a reference
whose names have `/`, `:` or `@` in them puts them in double quotes (see `store.references`). Any other string is a
stored reference: `COUNCIL[:POLICY][@VERSION|@DATE]`, or `model[:POLICY]` for the model
publisher's current version. A `Path` is always a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clausewise import store
from clausewise.ingest import Document, read
from clausewise.store.naming import reference_head

if TYPE_CHECKING:  # the store is imported when a side is a stored version, not for files
    from sqlalchemy.orm import Session

    from clausewise.store import VersionInfo

Side = str | Path | Document
FILE_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".txt", ".md", ".odt", ".rtf", ".html", ".htm"})


@dataclass(frozen=True)
class Loaded:
    document: Document
    version: VersionInfo | None  # the stored version, when the side is one


def is_reference(side: Side) -> bool:
    """Whether `side` names a stored version rather than a file or a Document."""
    if isinstance(side, Document | Path):
        return False
    try:
        if Path(side).is_file():
            return False
    except OSError:  # a name too long for a file: not a file
        pass
    head = reference_head(side).strip()
    if head.startswith('"'):  # a quoted name is never a path
        return True
    suffixes = {Path(head).suffix.lower(), Path(side).suffix.lower()}
    looks_like_path = os.sep in head or "/" in head or bool(suffixes & FILE_SUFFIXES)
    return not looks_like_path


def read_side(side: Side) -> Document:
    """A file side read (a Document side as it is); a stored reference is not a file."""
    return side if isinstance(side, Document) else read(side)


def load_side(session: Session | None, side: Side) -> Loaded:
    """The Document for any side, with the stored version when it is one (without a session,
    every side is a file or a Document)."""
    if session is None or not is_reference(side):
        return Loaded(read_side(side), None)
    version = store.resolve_version(session, str(side))
    return Loaded(store.load_document(session, version.id), version)


def describe_side(loaded: Loaded) -> str:
    """How a report names a side: "Spilsby Town Council, version 2026", or the file's name."""
    if loaded.version is not None:
        return f"{loaded.version.council}, version {loaded.version.label}"
    return Path(loaded.document.path).name
