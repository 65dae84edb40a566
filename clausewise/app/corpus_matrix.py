"""The corpus matrix read from the runs the store keeps, set-based: each council's cells and the
model version it follows come from the summaries of its runs (`store.corpus.RunSummary`, one
short row per run) — against the model for the cells, against each model version for lineage.
No council's Document is rebuilt and no link is read, except once for a run stored before
summaries were kept (its summary is made from its links then, and kept). A council whose runs
are not all stored is left for the caller to align (`matrix_report` does, one by one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import cast

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings, Provenance
from clausewise.ingest import Document
from clausewise.reports.lineage import ModelLineage
from clausewise.reports.matrix import Cell, CouncilRow
from clausewise.reports.model import kept_words
from clausewise.store import VersionInfo, cache_write
from clausewise.store.corpus import (
    RunSummary,
    documents_of,
    recorded_bases,
    run_links,
    save_summaries,
    stored_runs,
    unreadable_versions,
)
from clausewise.store.lineage import RecordedBase, current_of, model_versions, stored_version

from .comparing import run_provenance
from .lineage import KEPT, Evidence, LinkLike, content_words, lineage_from, model_lineage

# A summary's letter for what a run did with a left clause, and back.
LETTERS: dict[str, str] = {"identical": "i", "cosmetic": "c", "modified": "m", "missing": "-"}
CELLS: dict[str, Cell] = {letter: cast(Cell, cell) for cell, letter in LETTERS.items()}
KEPT_LETTERS = frozenset(LETTERS[relation] for relation in KEPT)

Summaries = dict[tuple[int, int], RunSummary]  # (left, right) version ids -> the run's summary


def run_summary(left: Document, links: Iterable[LinkLike]) -> RunSummary:
    """A run's summary from its links: for each content clause of the left version, the
    relation of the last link it is in (as the matrix and lineage read a run), and the left
    words the modified links kept (as divergence counts them)."""
    links = tuple(links)
    status = {cid: link.relation for link in links for cid in link.left}
    cells = "".join(LETTERS[status.get(clause.id, "missing")] for clause in left.content)
    return RunSummary(cells, sum(kept_words(link.diff) for link in links if link.relation == "modified"))


def summary_of(alignment: Alignment) -> RunSummary:
    return run_summary(alignment.left, alignment.links)


def evidence_from(model: VersionInfo, words: Sequence[int], summary: RunSummary) -> Evidence:
    """`lineage.evidence_of` from a run's summary; `words`: of each content clause, in order."""
    kept = sum(count for count, letter in zip(words, summary.cells, strict=True) if letter in KEPT_LETTERS)
    identical, cosmetic = summary.cells.count("i"), summary.cells.count("c")
    return Evidence(model, len(words), identical, cosmetic, kept + summary.modified_words_kept)


@dataclass(frozen=True)
class StoredMatrix:
    rows: dict[int, CouncilRow]  # by council version id: those whose runs are all stored
    damaged: dict[int, str]  # by council version id: why its stored data cannot be read back


def stored_matrix(
    session: Session,
    model_version: VersionInfo,
    councils: Sequence[VersionInfo],
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> StoredMatrix:
    """The rows of the councils whose runs are stored: against the model under `settings` (the
    cells) and against every model version under the default settings (lineage, as
    `lineage_of` detects it)."""
    damaged = unreadable_versions(session, [v.id for v in councils])
    readable = {v.id: v for v in councils if v.id not in damaged}
    lineages = _Lineages(session, readable)
    models = lineages.documents | _models(session, {model_version.id} - set(lineages.documents))
    read = partial(_summaries, session, models, list(readable))
    cells = read({model_version.id}, run_provenance("default", settings))
    followed = read(set(lineages.documents), run_provenance("default", DEFAULT_SETTINGS))
    rows: dict[int, CouncilRow] = {}
    for key, version in readable.items():
        summary, found = cells.get((model_version.id, key)), lineages.of(version, followed)
        if summary is not None and found is not None:
            rows[key] = CouncilRow(version.council, tuple(CELLS[letter] for letter in summary.cells), found[0])
    return StoredMatrix(rows, damaged)


def _models(session: Session, ids: set[int]) -> dict[int, Document]:
    return documents_of(session, sorted(ids))[0] if ids else {}


def _summaries(
    session: Session, models: dict[int, Document], rights: list[int], lefts: set[int], made: Provenance
) -> Summaries:
    """The summaries of the runs of these left versions against the right ones; runs stored
    without one get it now, from their links, and keep it where the database allows."""
    found: Summaries = {}
    unsummarised: dict[int, tuple[int, int]] = {}
    for run in stored_runs(session, lefts, rights, made):
        if run.summary is not None:
            found[run.left_id, run.right_id] = run.summary
        elif run.left_id in models:
            unsummarised[run.id] = (run.left_id, run.right_id)
    made_now = {}
    for run_id, links in run_links(session, list(unsummarised)):
        left, right = unsummarised[run_id]
        made_now[run_id] = found[left, right] = run_summary(models[left], links)
    cache_write(session, partial(save_summaries, session, made_now))
    return found


class _Lineages:
    """Lineage detection for many councils at once: each policy's model versions and their
    words read once, recorded bases in one query, current model versions looked up once each."""

    def __init__(self, session: Session, councils: dict[int, VersionInfo]) -> None:
        self.candidates = {policy: model_versions(session, policy) for policy in {v.policy for v in councils.values()}}
        self.documents = _models(session, {m.id for models in self.candidates.values() for m in models})
        self.words = {key: list(content_words(document).values()) for key, document in self.documents.items()}
        self._bases = recorded_bases(session, list(councils))
        self._current_of = cache(partial(current_of, session))
        self._version = cache(partial(stored_version, session))

    def of(self, version: VersionInfo, summaries: Summaries) -> tuple[ModelLineage | None] | None:
        """The version's lineage as the reports show it, in a 1-tuple (its value may be None);
        None when a run it needs is not stored (or a model version cannot be read back)."""
        candidates = [m for m in self.candidates[version.policy] if m.id != version.id]
        runs = [summaries.get((m.id, version.id)) for m in candidates]
        if any(run is None or m.id not in self.words for m, run in zip(candidates, runs, strict=True)):
            return None
        evidence = tuple(
            evidence_from(m, self.words[m.id], run) for m, run in zip(candidates, runs, strict=True) if run
        )
        return (model_lineage(lineage_from(version, evidence, self._given(version.id), self._current_of)),)

    def _given(self, version_id: int) -> RecordedBase | None:
        recorded = self._bases.get(version_id)
        return RecordedBase(self._version(recorded[0]), recorded[1]) if recorded else None
