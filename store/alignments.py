"""Alignment runs and embedding vectors: kept so they are computed once.

An alignment of two stored versions depends only on their texts (fixed: a version is never
rewritten) and how it was made (`Provenance`: the profile, the scorer blend, the threshold and
the aligner's settings-and-code key), so a run stored under the same versions and provenance
is the answer again. Embedding vectors are stored by the sha256 of the text they embed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clausewise.align.model import Alignment, DiffSpan, Link, Possible, Provenance

from .corpus import RunSummary
from .db import serialise_writes
from .documents import document_of
from .models import AlignmentLink, AlignmentRun, Embedding, Version


def _run(session: Session, left_id: int, right_id: int, made: Provenance) -> AlignmentRun | None:
    return session.scalars(
        select(AlignmentRun).where(
            AlignmentRun.left_version_id == left_id,
            AlignmentRun.right_version_id == right_id,
            AlignmentRun.profile == made.profile,
            AlignmentRun.semantic == made.semantic,
            AlignmentRun.threshold == float(made.threshold),
            AlignmentRun.algorithm == made.algorithm,
        )
    ).first()


def stored_alignment(session: Session, left_id: int, right_id: int, made: Provenance) -> Alignment | None:
    """The stored alignment of two versions made the way `made` says, or None if there is none."""
    run = _run(session, left_id, right_id, made)
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
    provenance = Provenance(run.profile, run.semantic, run.threshold, run.algorithm, run.backend)
    possible = tuple(
        Possible(str(left), str(right), float(score), str(why)) for left, right, score, why in run.possible
    )
    return Alignment(document_of(run.left_version), document_of(run.right_version), links, provenance, possible)


def save_alignment(
    session: Session, alignment: Alignment, left_id: int, right_id: int, summary: RunSummary | None = None
) -> bool:
    """Store an alignment of two stored versions as a run under its provenance, with the summary
    corpus reports read (None: made when first read); False if that run is already stored."""
    serialise_writes(session)
    made = alignment.provenance
    if _run(session, left_id, right_id, made) is not None:
        return False
    run = AlignmentRun(
        left_version=session.get_one(Version, left_id),
        right_version=session.get_one(Version, right_id),
        profile=made.profile,
        semantic=made.semantic,
        threshold=float(made.threshold),
        algorithm=made.algorithm,
        backend=made.backend,
        possible=[[p.left, p.right, p.score, p.evidence] for p in alignment.possible],
        cells=summary.cells if summary else None,
        modified_words_kept=summary.modified_words_kept if summary else None,
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


def load_embeddings(session: Session, keys: Iterable[str] | None = None, *, model: str) -> dict[str, np.ndarray]:
    """Stored vectors of `model` by text sha256 (all of them, or those of `keys`)."""
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


def save_embeddings(session: Session, vectors: Mapping[str, np.ndarray], *, model: str) -> int:
    """Store `model`'s vectors not stored yet; returns how many were new."""
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
