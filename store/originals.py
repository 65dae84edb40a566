"""Each version's original file, kept by content: the bytes it was read from, stored once per
distinct file under their sha256, which is the `sha256` of every version read from them.

A clerk gets back the very file a version was added from (Word, PDF or text alike), and a
redline to a stored Word version is that Word file with the changes tracked in it. Two
versions from one file (the same protocol added under two councils) share one row; the row
goes when the last version that refers to it is removed. A version stored before originals
were kept (or imported from an export without them) has none, and callers fall back to its
text.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue

from .models import OriginalFile, Version


def content_hash(content: bytes) -> str:
    """The key an original is kept under: the sha256 of its bytes, as ingest computes it."""
    return hashlib.sha256(content).hexdigest()


def save_original(session: Session, content: bytes, fmt: str, *, sha256: str) -> bool:
    """Keep `content` as the original of the versions whose sha256 is `sha256` (the bytes must
    hash to it: a file changed since it was read is refused). Whether a row was added (False:
    that file is kept already)."""
    if content_hash(content) != sha256:
        raise BadValue(f"the original file given for {sha256[:12]}… is not the file that was read; read it again")
    if session.get(OriginalFile, sha256) is not None:
        return False
    session.add(OriginalFile(sha256=sha256, format=fmt, size=len(content), content=content))
    session.flush()
    return True


def load_original(session: Session, sha256: str) -> tuple[str, bytes] | None:
    """The format and bytes of the original file kept under `sha256`, or None when none is."""
    kept = select(OriginalFile.format, OriginalFile.content).where(OriginalFile.sha256 == sha256)
    row = session.execute(kept).first()
    return (row.format, row.content) if row is not None else None


def drop_unused_original(session: Session, sha256: str) -> bool:
    """Remove the original kept under `sha256` when no version refers to it any more; whether
    one was removed."""
    if session.scalars(select(Version.id).where(Version.sha256 == sha256).limit(1)).first() is not None:
        return False
    row = session.get(OriginalFile, sha256)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
