"""Set-based reads for work over a whole corpus: which pairs of versions have a stored run,
many versions' Documents in two queries, and the stored links of many runs streamed, so a
report over thousands of councils never builds one ORM object graph per version.

Answers are values (Documents, tuples), detached from the session, as in `queries`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clausewise.align.model import DiffSpan, Provenance
from clausewise.ingest.model import Document

from .db import serialise_writes
from .documents import clause_of, document_from, unreadable
from .lineage import BASED_ON
from .models import AlignmentLink, AlignmentRun, ClauseRow, Council, Policy, Version
from .naming import format_reference

# Rows fetched from the database at a time when a query is streamed: enough to keep the round
# trips few, few enough that a corpus of any size is never held in memory at once.
STREAM_ROWS = 5_000
# Ids in one `IN (...)` list: under SQLite's default limit of bound parameters, with room.
IDS_AT_ONCE = 500


def _chunks(ids: Sequence[int], size: int = IDS_AT_ONCE) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _made(made: Provenance) -> tuple[Any, ...]:
    """The conditions that pick the runs made the way `made` says (as `alignments._run` does)."""
    return (
        AlignmentRun.profile == made.profile,
        AlignmentRun.semantic == made.semantic,
        AlignmentRun.threshold == float(made.threshold),
        AlignmentRun.algorithm == made.algorithm,
    )


def stored_pairs(session: Session, left_ids: Iterable[int], made: Provenance) -> set[tuple[int, int]]:
    """The (left, right) version pairs with a run made the way `made` says, of these left
    versions (a model's few versions): one query, however many councils."""
    lefts = list(dict.fromkeys(left_ids))
    if not lefts:
        return set()
    query = select(AlignmentRun.left_version_id, AlignmentRun.right_version_id).where(
        AlignmentRun.left_version_id.in_(lefts), *_made(made)
    )
    return {(left, right) for left, right in session.execute(query)}


def documents_of(session: Session, version_ids: Sequence[int]) -> tuple[dict[int, Document], dict[int, str]]:
    """The Documents of these versions, as `documents.load_document` gives each, in two queries
    a few hundred versions at a time; and, apart, the versions whose stored data cannot be read
    back, each with the message `load_document` would raise."""
    found: dict[int, Document] = {}
    damaged: dict[int, str] = {}
    for chunk in _chunks(list(dict.fromkeys(version_ids))):
        versions = session.scalars(select(Version).where(Version.id.in_(chunk))).all()
        rows: dict[int, list[ClauseRow]] = {version.id: [] for version in versions}
        clauses = select(ClauseRow).where(ClauseRow.version_id.in_(chunk))
        for row in session.scalars(clauses.order_by(ClauseRow.version_id, ClauseRow.position)):
            rows[row.version_id].append(row)
        for version in versions:
            try:
                found[version.id] = document_from(version, tuple(clause_of(row) for row in rows[version.id]))
            except (ValueError, LookupError, TypeError, AttributeError):
                damaged[version.id] = unreadable(version).message
        session.expunge_all()  # what was read is in the Documents; the session keeps none of it
    return found, damaged


def unreadable_versions(session: Session, version_ids: Sequence[int]) -> dict[int, str]:
    """Of these versions, those whose own stored data (metadata, warnings) cannot be read back,
    with the message `load_document` would raise for each: what a report that reads only runs
    checks instead of rebuilding every Document."""
    damaged: dict[int, str] = {}
    for chunk in _chunks(list(version_ids)):
        for version in session.scalars(select(Version).where(Version.id.in_(chunk))):
            try:
                document_from(version, ())
            except (ValueError, LookupError, TypeError, AttributeError):
                damaged[version.id] = unreadable(version).message
        session.expunge_all()
    return damaged


@dataclass(frozen=True)
class StoredLink:
    """What a corpus report reads of one stored link: the left clauses, how they relate to the
    right ones, and the word diff (modified links only)."""

    left: tuple[str, ...]
    relation: str
    diff: tuple[DiffSpan, ...]


@dataclass(frozen=True)
class RunSummary:
    """What corpus reports read of a stored run, kept with it: one letter per content clause
    of the left version, in order, for what the run did with it (`CELL_LETTERS`), and the words
    of the left text that the modified links kept. A matrix row and a lineage's evidence are
    these, so a report over thousands of councils reads one short row per run, not its links."""

    cells: str
    modified_words_kept: int


@dataclass(frozen=True)
class StoredRun:
    id: int
    left_id: int
    right_id: int
    summary: RunSummary | None  # None: a run stored before summaries were kept


def stored_runs(
    session: Session, left_ids: Iterable[int], right_ids: Sequence[int], made: Provenance
) -> Iterator[StoredRun]:
    """The runs made the way `made` says of these left versions (a model's few) against these
    right versions (any number), with their summaries: a few hundred right versions a query."""
    lefts = list(dict.fromkeys(left_ids))
    for chunk in _chunks(sorted(set(right_ids))):
        query = select(
            AlignmentRun.id,
            AlignmentRun.left_version_id,
            AlignmentRun.right_version_id,
            AlignmentRun.cells,
            AlignmentRun.modified_words_kept,
        ).where(AlignmentRun.left_version_id.in_(lefts), AlignmentRun.right_version_id.in_(chunk), *_made(made))
        for key, left, right, cells, kept in session.execute(query):
            summary = RunSummary(cells, kept) if cells is not None and kept is not None else None
            yield StoredRun(key, left, right, summary)


def run_links(session: Session, run_ids: Sequence[int]) -> Iterator[tuple[int, tuple[StoredLink, ...]]]:
    """The links of these runs, in order, a run at a time (to summarise runs stored without)."""
    for chunk in _chunks(sorted(set(run_ids))):
        query = (
            select(AlignmentLink.run_id, AlignmentLink.left_keys, AlignmentLink.relation, AlignmentLink.diff)
            .where(AlignmentLink.run_id.in_(chunk))
            .order_by(AlignmentLink.run_id, AlignmentLink.position)
            .execution_options(yield_per=STREAM_ROWS)
        )
        yield from _grouped(session.execute(query))


def _grouped(rows: Iterable[Any]) -> Iterator[tuple[int, tuple[StoredLink, ...]]]:
    current: int | None = None
    links: list[StoredLink] = []
    for run, keys, relation, diff in rows:
        if run != current:
            if current is not None:
                yield current, tuple(links)
            current, links = run, []
        spans = tuple(DiffSpan(op, text) for op, text in diff) if relation == "modified" else ()
        links.append(StoredLink(tuple(str(k) for k in keys), relation, spans))
    if current is not None:
        yield current, tuple(links)


def save_summaries(session: Session, summaries: dict[int, RunSummary]) -> None:
    """Keep the summaries of runs stored without one (by run id)."""
    if summaries:
        serialise_writes(session)
        session.execute(
            update(AlignmentRun),
            [{"id": k, "cells": s.cells, "modified_words_kept": s.modified_words_kept} for k, s in summaries.items()],
        )


def version_names(session: Session, version_ids: Sequence[int]) -> dict[int, str]:
    """Each version's reference ("Council:Policy@label"), by id, in one query."""
    names: dict[int, str] = {}
    for chunk in _chunks(list(dict.fromkeys(version_ids))):
        query = (
            select(Version.id, Council.name, Policy.name, Version.label)
            .join(Council, Version.council_id == Council.id)
            .join(Policy, Version.policy_id == Policy.id)
            .where(Version.id.in_(chunk))
        )
        names.update(
            (key, format_reference(council, policy, label)) for key, council, policy, label in session.execute(query)
        )
    return names


def recorded_bases(session: Session, version_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """For each of these versions that records the model version it follows: that version's id
    and how it was found (`lineage.DETECTED`, or where a given one came from), in one query a
    few hundred versions at a time (`lineage.recorded_base` for many)."""
    found: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(list(version_ids)):
        query = select(Version.id, Version.based_on_id, Version.origins).where(
            Version.id.in_(chunk), Version.based_on_id.is_not(None)
        )
        for key, base, origins in session.execute(query):
            found[key] = (base, str(origins.get(BASED_ON) or "given"))
    return found
