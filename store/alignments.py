"""Alignment runs and the embedding cache: computed once, stored, reused.

An alignment of two stored versions depends only on their texts (fixed: a version is never
rewritten) and the settings, so a run stored under the same versions and settings is the
answer again. Embedding vectors are stored by the sha256 of the text they embed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
from clausewise.align.align import ALGORITHM
from clausewise.align.assign import THRESHOLD
from clausewise.align.model import Alignment, DiffSpan, Link, Settings
from clausewise.align.normalise import load_profile
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .db import serialise_writes
from .documents import VersionInfo, document_of
from .models import AlignmentLink, AlignmentRun, Embedding, Version

EMBEDDING_MODEL = "all-MiniLM-L6-v2"


def _run(session: Session, left: VersionInfo, right: VersionInfo, settings: Settings) -> AlignmentRun | None:
    return session.scalars(
        select(AlignmentRun).where(
            AlignmentRun.left_version_id == left.id,
            AlignmentRun.right_version_id == right.id,
            AlignmentRun.profile == settings.profile,
            AlignmentRun.semantic == settings.semantic,
            AlignmentRun.threshold == float(settings.threshold),
            AlignmentRun.algorithm == settings.algorithm,
        )
    ).first()


def stored_alignment(session: Session, left: VersionInfo, right: VersionInfo, settings: Settings) -> Alignment | None:
    """The stored alignment of two versions under `settings`, or None if there is none."""
    run = _run(session, left, right, settings)
    if run is None:
        return None
    links = tuple(
        Link(
            left=tuple(str(k) for k in row.left_keys),
            right=tuple(str(k) for k in row.right_keys),
            relation=row.relation,  # type: ignore[arg-type]
            moved=row.moved,
            score=row.score,
            diff=tuple(DiffSpan(op, text) for op, text in row.diff),
        )
        for row in run.links
    )
    stored_settings = Settings(run.profile, run.semantic, run.threshold, run.algorithm)
    return Alignment(document_of(run.left_version), document_of(run.right_version), links, stored_settings)


def run_profile(profile: str) -> str:
    """How a run names its profile: the name and a hash of the terms it held, so an upgrade
    that changes a shipped profile never reuses alignments made under the old terms."""
    return f"{profile}#{load_profile(profile).digest[:16]}"


def stored_or_aligned(
    session: Session,
    left: VersionInfo,
    right: VersionInfo,
    *,
    profile: str,
    semantic: str,
    compute: Callable[[], Alignment],
) -> Alignment:
    """The stored run of two versions under a shipped `profile`, else `compute()`, stored."""
    settings = Settings(run_profile(profile), semantic, THRESHOLD, ALGORITHM)
    found = stored_alignment(session, left, right, settings)
    if found is not None:  # shown under the profile's name, as a fresh alignment is
        return replace(found, settings=replace(found.settings, profile=profile))
    alignment = compute()
    save_alignment(session, replace(alignment, settings=settings), left, right)
    return alignment


def save_alignment(session: Session, alignment: Alignment, left: VersionInfo, right: VersionInfo) -> bool:
    """Store an alignment of two stored versions as a run; False if that run is already stored."""
    serialise_writes(session)
    if _run(session, left, right, alignment.settings) is not None:
        return False
    run = AlignmentRun(
        left_version=session.get_one(Version, left.id),
        right_version=session.get_one(Version, right.id),
        profile=alignment.settings.profile,
        semantic=alignment.settings.semantic,
        threshold=float(alignment.settings.threshold),
        algorithm=alignment.settings.algorithm,
    )
    session.add(run)
    session.flush()
    if alignment.links:
        session.execute(insert(AlignmentLink), [_link_row(run.id, k, link) for k, link in enumerate(alignment.links)])
    return True


def _link_row(run_id: int, position: int, link: Link) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "position": position,
        "left_keys": list(link.left),
        "right_keys": list(link.right),
        "relation": link.relation,
        "moved": link.moved,
        "score": float(link.score),
        "diff": [[span.op, span.text] for span in link.diff],
    }


def load_embeddings(
    session: Session, keys: Iterable[str] | None = None, *, model: str = EMBEDDING_MODEL
) -> dict[str, np.ndarray]:
    """Stored vectors by text sha256 (all of them, or those of `keys`)."""
    query = select(Embedding).where(Embedding.model == model)
    if keys is not None:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        query = query.where(Embedding.text_sha256.in_(wanted))
    return {
        row.text_sha256: np.frombuffer(row.vector, dtype="<f4").reshape(row.dimensions).copy()
        for row in session.scalars(query)
    }


def save_embeddings(session: Session, vectors: Mapping[str, np.ndarray], *, model: str = EMBEDDING_MODEL) -> int:
    """Store the vectors not stored yet; returns how many were new."""
    if not vectors:
        return 0
    serialise_writes(session)
    known = set(
        session.scalars(
            select(Embedding.text_sha256).where(Embedding.model == model, Embedding.text_sha256.in_(list(vectors)))
        )
    )
    rows = [
        {
            "model": model,
            "text_sha256": key,
            "dimensions": int(np.asarray(vector).size),
            "vector": np.asarray(vector, dtype="<f4").tobytes(),
        }
        for key, vector in vectors.items()
        if key not in known
    ]
    if rows:
        session.execute(insert(Embedding), rows)
    return len(rows)


def sync_embedding_cache(session: Session, cache: dict[str, np.ndarray], *, model: str = EMBEDDING_MODEL) -> int:
    """Fill an in-memory cache (align.embeddings keeps one) from the store, and store what it
    has that the store has not; returns how many vectors were stored."""
    saved = save_embeddings(session, cache, model=model)
    for key, vector in load_embeddings(session, model=model).items():
        cache.setdefault(key, vector)
    return saved
