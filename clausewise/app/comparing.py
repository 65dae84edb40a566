"""Comparing two sides: files, Documents or stored versions; stored pairs keep their run.

An alignment of two stored versions is stored as a run, keyed by its provenance (the profile's
name and terms, the scorer blend, the threshold, and `AlignSettings.key`), and that run is the
answer next time. A profile given as a TOML file may change between runs, so alignments under it
are computed afresh and not stored. Sentence vectors computed on the way are kept in the store.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from clausewise import store
from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings, EmbeddingCache, Provenance, align
from clausewise.align.embeddings import backend, resolved
from clausewise.align.normalise import load_profile
from clausewise.ingest import Document

from .sides import Loaded, Side, load_side, read_side

if TYPE_CHECKING:  # the store is imported when a comparison needs it, not for one of two files
    from sqlalchemy.orm import Session

    from clausewise.store import VersionInfo


def compare(
    left: Side, right: Side, *, profile: str = "default", settings: AlignSettings = DEFAULT_SETTINGS
) -> Alignment:
    """Align two files or Documents; nothing is stored (see `compare_stored` for references)."""
    return align(read_side(left), read_side(right), profile=profile, settings=settings)


def compare_stored(
    session: Session,
    left: Side,
    right: Side,
    *,
    profile: str = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> Alignment:
    """Align two sides, any of them a stored reference; two stored versions reuse their run."""
    return compare_loaded(
        session, load_side(session, left), load_side(session, right), profile=profile, settings=settings
    )


def compare_loaded(
    session: Session | None,
    left: Loaded,
    right: Loaded,
    *,
    profile: str = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> Alignment:
    """`compare_stored` for sides already looked up; without a session, nothing is stored."""
    if session is None:
        return compare(left.document, right.document, profile=profile, settings=settings)
    if left.version is not None and right.version is not None:
        return compare_versions(session, left.version, right.version, profile=profile, settings=settings)
    return _aligned(session, left.document, right.document, profile, settings)


def compare_versions(
    session: Session,
    left: VersionInfo,
    right: VersionInfo,
    *,
    profile: str = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> Alignment:
    """The stored run of two versions made this way, else a new alignment, stored."""
    if _is_file(profile):
        return _aligned(
            session, store.load_document(session, left.id), store.load_document(session, right.id), profile, settings
        )
    key = run_provenance(profile, settings)
    found = store.stored_alignment(session, left.id, right.id, key)
    if found is not None:  # shown under the profile's name, as a fresh alignment is
        return replace(found, provenance=replace(found.provenance, profile=profile))
    alignment = _aligned(
        session, store.load_document(session, left.id), store.load_document(session, right.id), profile, settings
    )
    store.cache_write(
        session, lambda: store.save_alignment(session, replace(alignment, provenance=key), left.id, right.id)
    )
    return alignment


def run_provenance(profile: str, settings: AlignSettings) -> Provenance:
    """What a stored run is kept under: the profile named with a hash of its terms, so an
    upgrade that changes a shipped profile never reuses alignments made under the old terms."""
    named = f"{profile}#{load_profile(profile).digest[:16]}"
    settings = resolved(settings)  # a run made with embeddings is never served where they are missing
    return Provenance(named, settings.semantic, settings.threshold, settings.key, backend(settings))


def _aligned(session: Session, left: Document, right: Document, profile: str, settings: AlignSettings) -> Alignment:
    """`align`, with sentence vectors looked up in the store first and new ones kept there."""
    vectors = EmbeddingCache(load=lambda model, keys: store.load_embeddings(session, keys, model=model))
    alignment = align(left, right, profile=profile, settings=settings, embeddings=vectors)
    for model, new in vectors.new.items():
        store.cache_write(session, partial(store.save_embeddings, session, new, model=model))
    return alignment


def _is_file(profile: str) -> bool:
    return bool(Path(profile).suffix)
