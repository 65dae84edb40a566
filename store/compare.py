"""`compare` over files and stored references alike, reusing stored alignment runs.

A command-line argument is a file when such a file exists, or when it looks like one (a
path separator or a policy file suffix) — then a missing file is reported as missing.
Anything else is a stored reference (`COUNCIL[:POLICY][@VERSION|@DATE]`, `model[:POLICY]`).
Two stored versions aligned under a shipped profile are stored as an alignment run, and
the stored run is the answer next time; a profile given as a TOML file may change, so
alignments under it are computed afresh and not stored.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from clausewise.align.align import Semantic, align
from clausewise.align.model import Alignment
from clausewise.ingest import read
from clausewise.ingest.model import Document
from sqlalchemy.orm import Session

from clausewise.errors import FileMissing

from .alignments import stored_or_aligned, sync_embedding_cache
from .documents import VersionInfo, document_of, version_info
from .references import find_version

FILE_SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".md", ".odt", ".rtf", ".html", ".htm"}


def is_reference(arg: str) -> bool:
    """Whether a `compare` argument names a stored version rather than a file."""
    if Path(arg).is_file():
        return False
    looks_like_path = os.sep in arg or "/" in arg or Path(arg.partition("@")[0]).suffix.lower() in FILE_SUFFIXES
    return not looks_like_path


def load_side(session: Session, arg: str) -> tuple[Document, VersionInfo | None]:
    """The Document for a file or a stored reference, with the stored version when it is one."""
    if not is_reference(arg):
        if not Path(arg).is_file():
            raise FileMissing(arg)
        return read(arg), None
    version = find_version(session, arg)
    return document_of(version), version_info(version)


def compare_references(
    session: Session,
    left: str,
    right: str,
    *,
    profile: str = "default",
    semantic: Semantic = "spacy",
    embedding_cache: dict[str, np.ndarray] | None = None,
) -> Alignment:
    """Align two files or stored versions; stored pairs reuse (or store) their alignment run.

    `embedding_cache` is the in-memory cache of `align.embeddings`: with semantic="embeddings"
    it is filled from the store before aligning and its new vectors are stored after.
    """
    left_document, left_version = load_side(session, left)
    right_document, right_version = load_side(session, right)
    persist = semantic == "embeddings" and embedding_cache is not None

    def compute() -> Alignment:
        if persist and embedding_cache is not None:
            sync_embedding_cache(session, embedding_cache)
        alignment = align(left_document, right_document, profile=profile, semantic=semantic)
        if persist and embedding_cache is not None:
            sync_embedding_cache(session, embedding_cache)
        return alignment

    if left_version is None or right_version is None or Path(profile).suffix:
        return compute()
    return stored_or_aligned(session, left_version, right_version, profile=profile, semantic=semantic, compute=compute)
