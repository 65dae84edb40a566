"""Adding policy files to the store, in one transaction: a bad file stops the whole command and
the transaction is rolled back, so nothing is stored. Files are read a few ahead of the one being
stored (in a process pool when there are many), so memory stays flat however many are added.
Model versions are added first, so councils added in the same run see them. A council's version
added without a given `--based-on` gets the model version it follows detected and recorded
(`lineage`) when only a few are added; a bigger batch leaves that to the corpus's first
alignments, which `align-all` and the corpus reports make in parallel from the same evidence.
Each file's bytes go with its Document, and the store keeps them as the version's original."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, AlignSettings
from clausewise.corpus import FORMATS, load_manifest
from clausewise.errors import CannotOpen, FileChanged, ReaderStopped, os_problem
from clausewise.ingest import Document, read
from clausewise.store import MODEL_PUBLISHER, AddOptions, AddResult, Value, add_document
from clausewise.store.lineage import BASED_ON, record_base, stored_version
from clausewise.store.originals import content_hash

from .lineage import lineage
from .pool import WorkerPool, in_order
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


@dataclass(frozen=True)
class AddSettings:
    # Councils' versions whose base is detected as they are added: each is aligned with every
    # model version, a second or so each; past this many (a county's parishes, a national
    # corpus) detection waits for the corpus's alignments, made in parallel by `align-all`.
    detect_up_to: int = 25
    # Files read in a process pool from this many (below it, starting workers costs more than
    # it saves), and how many each worker reads ahead of the one being stored.
    pool_from: int = 16
    read_ahead: int = 4


DEFAULT_ADD = AddSettings()


def models_first(options: Sequence[AddOptions]) -> list[int]:
    """The order to add documents in: model versions first, the rest as given."""
    return sorted(range(len(options)), key=lambda k: options[k].kind != MODEL_PUBLISHER)


def detects_on_add(options: Sequence[AddOptions], settings: AddSettings = DEFAULT_ADD) -> bool:
    """Whether the councils' versions among these get their base detected as they are added."""
    councils = sum(1 for option in options if option.kind != MODEL_PUBLISHER and not option.based_on)
    return councils <= settings.detect_up_to


def read_files(
    jobs: Sequence[AddJob],
    progress: Progress = SILENT,
    *,
    workers: int = 1,
    stage: str = "Adding",
    settings: AddSettings = DEFAULT_ADD,
) -> Iterator[ReadFile]:
    """Each job's file read, in the order given, a few ahead of the caller; in `workers`
    processes when there are enough files. A file that cannot be read raises its error when
    its turn comes. `stage` names the work on the progress bar."""
    progress.start(stage, len(jobs))
    workers = workers if len(jobs) >= settings.pool_from else 1
    with WorkerPool(workers) as pool:
        read = in_order(pool, _read_file, jobs, workers * settings.read_ahead)
        try:
            for job, read_file in zip(jobs, read, strict=True):
                progress.step(f"{stage} {job.path.name}")
                yield read_file
        except BrokenProcessPool as exc:
            raise ReaderStopped(workers) from exc


def read_jobs(jobs: Sequence[AddJob], progress: Progress = SILENT) -> list[ReadFile]:
    """Every job's file read, here, before anything is stored (a few files: the demo's)."""
    return list(read_files(jobs, progress, stage="Reading"))


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

    def in_order(order: list[int]) -> Iterator[ReadFile]:
        return (files[k] for k in order)

    return _add_models_first(session, [f.options for f in files], in_order, today, force, settings)


def add_files(
    session: Session,
    jobs: Sequence[AddJob],
    progress: Progress = SILENT,
    *,
    workers: int = 1,
    today: date | None = None,
    force: bool = False,
) -> list[AddResult]:
    """`add_read` of the jobs' files, each stored as it is read (`read_files`)."""

    def read_in_order(order: list[int]) -> Iterator[ReadFile]:
        return read_files([jobs[k] for k in order], progress, workers=workers)

    return _add_models_first(session, [job.options for job in jobs], read_in_order, today, force, DEFAULT_SETTINGS)


def _add_models_first(
    session: Session,
    options: Sequence[AddOptions],
    files_in: Callable[[list[int]], Iterable[ReadFile]],
    today: date | None,
    force: bool,
    settings: AlignSettings,
) -> list[AddResult]:
    """Add the files `files_in` gives in an order (model versions first), detecting bases when
    there are few (`detects_on_add`); the results in the order the options were given."""
    order = models_first(options)
    added = add_in_turn(
        session, files_in(order), today=today, force=force, settings=settings, detect=detects_on_add(options)
    )
    placed = dict(zip(order, added, strict=True))
    return [placed[k] for k in range(len(order))]


def add_in_turn(
    session: Session,
    files: Iterable[ReadFile],
    *,
    today: date | None = None,
    force: bool = False,
    settings: AlignSettings = DEFAULT_SETTINGS,
    detect: bool = True,
) -> list[AddResult]:
    """Add each file as it comes (see `add_read`); `detect`: detect the base of each council's
    version without a given one."""
    results = []
    for document, options, original in files:
        result = add_document(session, document, options, today=today, force=force, original=original)
        results.append(with_detected_base(session, result, settings) if detect and not options.based_on else result)
    return results


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
