"""Adding policy files to the store: every file is read before anything is written, so bad
input stops the whole command with nothing stored. A council's version added without a given
`--based-on` gets the model version it follows detected and recorded (`lineage`); model
versions are added first, so councils added in the same run see them. Each file's bytes go
with its Document, and the store keeps them as the version's original."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, AlignSettings
from clausewise.corpus import FORMATS, load_manifest
from clausewise.errors import CannotOpen, FileChanged, os_problem
from clausewise.ingest import Document, read
from clausewise.store import MODEL_PUBLISHER, AddOptions, AddResult, Value, add_document
from clausewise.store.lineage import BASED_ON, record_base, stored_version
from clausewise.store.originals import content_hash

from .lineage import lineage
from .progress import SILENT, Progress


@dataclass(frozen=True)
class AddJob:
    path: Path
    options: AddOptions


def manifest_jobs(manifest: Path) -> list[AddJob]:
    """A job for each document of a manifest, read from its first listed rendition."""
    jobs = []
    for entry in load_manifest(manifest):
        path = next(entry.files[fmt] for fmt in FORMATS if fmt in entry.files)
        options = AddOptions(
            policy=entry.policy,
            council=entry.council,
            kind=MODEL_PUBLISHER if entry.model else entry.kind,
            label=entry.version or None,
            given_by="manifest",
        )
        jobs.append(AddJob(path, options))
    return jobs


class ReadFile(NamedTuple):
    """A file read for adding: its Document, what the caller says about it, and its bytes, which
    the store keeps as the version's original (None: a Document read elsewhere, kept as text)."""

    document: Document
    options: AddOptions
    original: bytes | None = None


def read_jobs(jobs: Sequence[AddJob], progress: Progress = SILENT) -> list[ReadFile]:
    progress.start("Reading", len(jobs))
    documents = []
    for job in jobs:
        progress.step(f"Reading {job.path.name}")
        documents.append(_read_file(job))
    return documents


def _read_file(job: AddJob) -> ReadFile:
    """The job's file read, with its bytes: the very bytes the Document was read from (its
    sha256), or an error when the file changed in between (a clerk still saving it)."""
    document = read(job.path)
    try:
        original = job.path.read_bytes()
    except OSError as exc:
        raise CannotOpen(job.path, os_problem(exc)) from None
    if content_hash(original) != document.sha256:
        raise FileChanged(job.path)
    return ReadFile(document, job.options, original)


def add_read(
    session: Session,
    documents: Sequence[ReadFile | tuple[Document, AddOptions]],
    *,
    today: date | None = None,
    force: bool = False,
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> list[AddResult]:
    """Add each read document, model versions first; dates are judged as of `today`, and
    `force` stores unlikely ones; `settings` align a council's version with the model versions
    to detect which it follows. The results are in the order the documents were given."""
    files = [item if isinstance(item, ReadFile) else ReadFile(*item) for item in documents]
    models_first = sorted(range(len(files)), key=lambda k: files[k].options.kind != MODEL_PUBLISHER)
    results: dict[int, AddResult] = {}
    for k in models_first:
        document, options, original = files[k]
        result = add_document(session, document, options, today=today, force=force, original=original)
        results[k] = result if options.based_on else with_detected_base(session, result, settings)
    return [results[k] for k in range(len(documents))]


def with_detected_base(session: Session, result: AddResult, settings: AlignSettings = DEFAULT_SETTINGS) -> AddResult:
    """A council's newly added version with the model version it follows detected, recorded and
    said; nothing to say when no model version of its policy is stored."""
    if result.outcome != "added" or result.version_id is None:
        return result
    found = lineage(session, stored_version(session, result.version_id), settings=settings)
    if found.base is None:
        said = Value(BASED_ON, None, found.reason) if found.evidence else None
    else:
        record_base(session, result.version_id, found.base.id)
        said = Value(BASED_ON, found.base.reference, found.reason)
    return replace(result, values=(*result.values, said)) if said else result
