"""Alignments for a whole corpus: every pair of stored versions a report needs and the store
does not have yet, computed in a process pool and streamed into the store in batches.

One pair (a model version on the left, a council's version on the right) is the unit of work:
`align_pair` takes the two Documents and gives the alignment and the sentence vectors it
computed, touching no database but to look vectors up. Here a process pool maps it over the
pairs (`--jobs N`, the machine's cores by default); past one machine a distributed engine
(Dask, Ray) can map the same function against a shared PostgreSQL store (see the README).

Memory stays bounded whatever the corpus: Documents are read a few dozen at a time, at most
`IN_FLIGHT_PER_JOB` pairs per worker are queued, and results are written every `SAVE_EVERY`
pairs, each batch in its own transaction (so an interrupted run keeps what it finished). A
run is stored under the same provenance as `compare_versions` stores it, so the reports find
these runs exactly as if they had aligned each pair themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings, EmbeddingCache, Provenance, align
from clausewise.align.scorers import use_one_thread
from clausewise.errors import ClausewiseError, WorkerStopped
from clausewise.ingest import Document
from clausewise.store import (
    MODEL_PUBLISHER,
    cache_write,
    current_versions,
    database_url,
    load_embeddings,
    open_session,
    resolve_version,
    save_alignment,
    save_embeddings,
)
from clausewise.store.corpus import documents_of, stored_pairs, version_names
from clausewise.store.db import create_store_engine
from clausewise.store.lineage import model_versions

from .comparing import run_provenance
from .corpus_matrix import summary_of
from .pool import DEFAULT_JOBS, WorkerPool, as_finished
from .progress import SILENT, Progress

# Pairs queued per worker: enough that none waits for the next while results are written, few
# enough that the Documents in flight stay a handful per worker.
IN_FLIGHT_PER_JOB = 4
# Pairs whose results are written in one transaction: a transaction a second or two long on
# SQLite (other writers wait no longer), and few enough results held before they are written.
SAVE_EVERY = 50
# Council versions whose Documents are read in one go (two queries).
READ_AT_ONCE = 32
# Sentence vectors a worker keeps between pairs (384 floats each: about 16 MB): the model's
# clauses and what councils share with it are looked up once, not once a pair.
MAX_CACHED_VECTORS = 10_000

Vectors = dict[str, dict[str, np.ndarray]]  # embedding model -> text sha256 -> vector
Pair = tuple[int, int]  # (left version id, right version id): the model's on the left


@dataclass(frozen=True)
class PairJob:
    """One pair to align: what a worker needs, and nothing it would have to look up."""

    left_id: int
    right_id: int
    left: Document
    right: Document
    name: str  # the right version as a person knows it: "Spilsby Town Council: Policy@2026"
    profile: str
    settings: AlignSettings
    vectors_from: str | None = None  # a database URL to look sentence vectors up in, if any


@dataclass(frozen=True)
class PairResult:
    left_id: int
    right_id: int
    name: str
    alignment: Alignment | None
    vectors: Vectors = field(default_factory=dict)  # computed for this pair, for the store to keep
    error: str | None = None  # why it could not be aligned (the pair is left unstored)


@dataclass(frozen=True)
class BatchResult:
    aligned: int  # pairs aligned and stored now
    stored_before: int  # pairs that needed nothing
    failed: tuple[str, ...]  # "reference: why" for pairs that could not be aligned


_CACHES: dict[str | None, EmbeddingCache] = {}  # a worker's sentence vectors, kept between its pairs


def _worker_cache(url: str | None) -> EmbeddingCache:
    """This process's cache of sentence vectors, looking up ones it lacks in the store; emptied
    when it holds `MAX_CACHED_VECTORS`, so a worker's memory does not grow with the corpus."""
    if url not in _CACHES:
        if url is None:
            _CACHES[url] = EmbeddingCache()
        else:
            engine = create_store_engine(url)

            def load(model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
                with Session(engine) as session:
                    return load_embeddings(session, keys, model=model)

            _CACHES[url] = EmbeddingCache(load=load)
    cache = _CACHES[url]
    if len(cache) >= MAX_CACHED_VECTORS:
        cache.clear()
    return cache


def align_pair(job: PairJob) -> PairResult:
    """Align one pair (in whatever process runs it); an error is returned, not raised, so one
    council's damaged text never stops the corpus."""
    cache = _worker_cache(job.vectors_from)
    try:
        alignment = align(job.left, job.right, profile=job.profile, settings=job.settings, embeddings=cache)
    except (ClausewiseError, ValueError, LookupError, TypeError, AttributeError) as exc:
        message = exc.message if isinstance(exc, ClausewiseError) else f"{type(exc).__name__}: {exc}"
        return PairResult(job.left_id, job.right_id, job.name, None, error=message)
    finally:
        new, cache.new = cache.new, {}
    return PairResult(job.left_id, job.right_id, job.name, alignment, new)


def corpus_pairs(session: Session, policy: str | None = None, model: str = "model") -> tuple[list[Pair], list[Pair]]:
    """The pairs the corpus reports need: the model's current version against every council's
    current version of its policy (the matrix's cells, a council's divergence), and every
    stored model version against each (which one it follows: lineage)."""
    current = resolve_version(session, model if policy is None else f"{model}:{policy}")
    councils = [
        v
        for v in current_versions(session, current.policy if policy is None else policy)
        if v.id != current.id and v.council_kind != MODEL_PUBLISHER
    ]
    models = {policy: model_versions(session, policy) for policy in {v.policy for v in councils}}
    lineage = [(m.id, v.id) for v in councils for m in models[v.policy] if m.id != v.id]
    return [(current.id, v.id) for v in councils], lineage


def align_corpus(
    db: URL,
    *,
    policy: str | None = None,
    model: str = "model",
    settings: AlignSettings = DEFAULT_SETTINGS,
    jobs: int = DEFAULT_JOBS,
    progress: Progress = SILENT,
) -> BatchResult:
    """Every pair the corpus reports need that the store lacks, aligned and stored: against the
    model under `settings`, against each model version under the default settings (lineage is
    always detected under them)."""
    with open_session(db, write="cache") as session:
        cells, lineage = corpus_pairs(session, policy, model)
    if run_provenance("default", settings) == run_provenance("default", DEFAULT_SETTINGS):  # one set of runs
        return align_missing(db, [*cells, *lineage], settings=settings, jobs=jobs, progress=progress)
    first = align_missing(db, cells, settings=settings, jobs=jobs, progress=progress)
    second = align_missing(db, lineage, settings=DEFAULT_SETTINGS, jobs=jobs, progress=progress)
    failed = tuple(dict.fromkeys((*first.failed, *second.failed)))
    return BatchResult(first.aligned + second.aligned, first.stored_before + second.stored_before, failed)


def align_missing(
    db: URL,
    pairs: Sequence[Pair],
    *,
    profile: str = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
    jobs: int = DEFAULT_JOBS,
    progress: Progress = SILENT,
) -> BatchResult:
    """Align the pairs not stored yet (jobs > 1: in that many worker processes) and store them."""
    key = run_provenance(profile, settings)
    pairs = list(dict.fromkeys(pairs))
    missing = missing_pairs(db, pairs, profile=profile, settings=settings)
    failed: list[str] = []
    progress.start("Aligning pairs", len(missing))
    if missing:
        url = db.render_as_string(hide_password=False)
        jobs_iter = _jobs(db, missing, profile, settings, url, failed)
        # Each worker scores on one thread: the pool already has a process per core.
        with WorkerPool(min(jobs, len(missing)), initializer=use_one_thread) as pool:
            try:
                results = as_finished(pool, align_pair, jobs_iter, max(jobs, 1) * IN_FLIGHT_PER_JOB)
                for batch in _batches(results, SAVE_EVERY):
                    failed += _save(db, batch, key, progress)
            except BrokenProcessPool as exc:
                raise WorkerStopped(jobs) from exc
    return BatchResult(len(missing) - len(failed), len(pairs) - len(missing), tuple(failed))


def missing_pairs(
    db: URL, pairs: Sequence[Pair], *, profile: str = "default", settings: AlignSettings = DEFAULT_SETTINGS
) -> list[Pair]:
    """Of these pairs, those with no run stored under this profile and these settings."""
    with open_session(db, write=False) as session:
        stored = stored_pairs(session, {left for left, _ in pairs}, run_provenance(profile, settings))
    return [pair for pair in dict.fromkeys(pairs) if pair not in stored]


def align_stored(
    db: str, pair: Pair, *, profile: str = "default", settings: AlignSettings = DEFAULT_SETTINGS
) -> PairResult:
    """One pair of stored versions aligned wherever this runs (a Dask or Ray worker): its
    Documents read from the shared store `db` (a URL), nothing written; `save_results` keeps it."""
    left, right = pair
    with open_session(database_url(db), write=False) as session:
        found, damaged = documents_of(session, [left, right])
        name = version_names(session, [right]).get(right, f"version {right}")
    if left not in found or right not in found:
        return PairResult(left, right, name, None, error="; ".join(damaged.values()) or "no such version")
    return align_pair(PairJob(left, right, found[left], found[right], name, profile, settings, db))


def save_results(
    db: URL, results: Sequence[PairResult], *, profile: str = "default", settings: AlignSettings = DEFAULT_SETTINGS
) -> list[str]:
    """Store these results in one transaction; the pairs that could not be aligned, said."""
    return _save(db, list(results), run_provenance(profile, settings), SILENT)


def _jobs(
    db: URL, pairs: list[Pair], profile: str, settings: AlignSettings, url: str, failed: list[str]
) -> Iterator[PairJob]:
    """A job per pair, its Documents read a few dozen at a time (the left ones, a model's few
    versions, once); a version that cannot be read back is said in `failed` and skipped."""
    lefts: dict[int, Document] = {}
    for start in range(0, len(pairs), READ_AT_ONCE):
        chunk = pairs[start : start + READ_AT_ONCE]
        with open_session(db, write=False) as session:
            wanted = [left for left, _ in chunk if left not in lefts]
            found, damaged = documents_of(session, [*wanted, *(right for _, right in chunk)])
            names = version_names(session, [right for _, right in chunk])
        lefts.update((left, found[left]) for left in wanted if left in found)
        failed.extend(message for message in damaged.values() if message not in failed)
        for left, right in chunk:
            if left in lefts and right in found:
                yield PairJob(left, right, lefts[left], found[right], names[right], profile, settings, url)


def _batches(results: Iterator[PairResult], size: int) -> Iterator[list[PairResult]]:
    batch: list[PairResult] = []
    for result in results:
        batch.append(result)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _save(db: URL, batch: list[PairResult], key: Provenance, progress: Progress) -> list[str]:
    """One transaction: the batch's alignments under their provenance, with their summaries,
    and the new sentence vectors; what could not be aligned, said."""
    failed = []
    with open_session(db, write="cache") as session:
        for result in batch:
            progress.step(result.name)
            if result.alignment is None:
                failed.append(f"{result.name}: {result.error}")
                continue
            aligned = replace(result.alignment, provenance=key)
            summary = summary_of(aligned)
            cache_write(session, partial(save_alignment, session, aligned, result.left_id, result.right_id, summary))
            for model, vectors in result.vectors.items():
                cache_write(session, partial(save_embeddings, session, vectors, model=model))
    return failed
