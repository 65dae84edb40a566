"""Adding policy files to the store: every file is read before anything is written, so bad
input stops the whole command with nothing stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from clausewise.corpus import FORMATS, load_manifest
from clausewise.ingest import Document, read
from clausewise.store import MODEL_PUBLISHER, AddOptions, AddResult, add_document

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


def read_jobs(jobs: Sequence[AddJob], progress: Progress = SILENT) -> list[tuple[Document, AddOptions]]:
    progress.start("Reading", len(jobs))
    documents = []
    for job in jobs:
        progress.step(f"Reading {job.path.name}")
        documents.append((read(job.path), job.options))
    return documents


def add_read(
    session: Session,
    documents: Sequence[tuple[Document, AddOptions]],
    *,
    today: date | None = None,
    force: bool = False,
) -> list[AddResult]:
    """Add each read document; dates are judged as of `today`, and `force` stores unlikely ones."""
    return [add_document(session, document, options, today=today, force=force) for document, options in documents]
