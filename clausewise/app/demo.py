"""The demo: a fresh store from the shipped corpus, and every report written from it.

Which formats each report is written in comes from the report registry (`ReportKind.demo`).
The new database replaces the last demo's only once it is complete.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from clausewise.corpus import corpus_dir
from clausewise.reports import FORMATS, REPORTS, kind_of
from clausewise.reports.html import IndexEntry, IndexGroup, IndexPage, Link, render_index
from clausewise.reports.registry import suffix
from clausewise.reports.words import capitalised
from clausewise.store import MODEL_PUBLISHER, VersionInfo, current_versions, database_url, open_session, resolve_version
from clausewise.store.lineage import model_versions

from .adding import add_read, manifest_jobs, read_jobs
from .batch import align_corpus
from .history import policy_history
from .lineage import lineage
from .output import write_report
from .progress import SILENT, Progress
from .reports import divergence_report, matrix_report, redline_report
from .reviews import ALL_COUNCILS, reviews_due
from .updating import update_report

DEMO_DB = "demo.db"


def report_title(report: str, group: str) -> str:
    """ "Divergence: Spilsby Town Council", or "Reviews due" for all councils."""
    return report if group == ALL_COUNCILS else f"{report}: {group}"


@dataclass(frozen=True)
class Written:
    path: Path
    group: str  # whose report it is: a council, or ALL_COUNCILS
    report: str  # which report: "Divergence"
    kind: str  # its name in the report registry: "divergence"
    fmt: str  # "html"

    @property
    def title(self) -> str:
        """ "Divergence: Spilsby Town Council (html)"."""
        return f"{report_title(self.report, self.group)} ({self.fmt})"


@dataclass(frozen=True)
class Demo:
    database: Path
    written: tuple[Written, ...]
    index: Path


def build_demo(folder: Path, *, as_of: date, progress: Progress = SILENT) -> Demo:
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DEMO_DB
    fresh = folder / f".{DEMO_DB}.building"
    for leftover in (fresh, *_sidecars(fresh)):
        leftover.unlink(missing_ok=True)
    documents = read_jobs(manifest_jobs(corpus_dir() / "manifest.toml"), progress)
    with open_session(str(fresh)) as session:
        add_read(session, documents)
    align_corpus(database_url(str(fresh)), progress=progress)  # what the reports need, in parallel
    with open_session(str(fresh)) as session:
        written = _write_reports(session, folder, as_of, progress)
    _fold_wal(fresh)
    for leftover in _sidecars(database):  # the last demo's, which SQLite would replay into the new file
        leftover.unlink(missing_ok=True)
    os.replace(fresh, database)
    return Demo(database, tuple(written), _write_index(folder, written, as_of))


@dataclass(frozen=True)
class Step:
    group: str  # whose report: a council, or ALL_COUNCILS
    report: str  # "Divergence"
    stem: str  # the file name without its suffix
    build: Callable[[], object]


def _steps(session: Session, as_of: date) -> list[Step]:
    model = resolve_version(session, "model")
    councils = [v for v in current_versions(session, model.policy) if v.council_kind != MODEL_PUBLISHER]
    steps: list[Step] = []
    for version in councils:
        slug, ref = _slug(version.council), version.reference
        name = version.council
        steps += [
            Step(name, "Divergence", f"{slug}-divergence", partial(divergence_report, session, ref, as_of=as_of)),
            Step(name, "Redline from the model", f"{slug}-redline",
                 partial(redline_report, session, "model", ref, as_of=as_of)),
            Step(name, "History", f"{slug}-history",
                 partial(policy_history, session, version.council, version.policy, as_of=as_of)),
            Step(name, "Update to the current model", f"{slug}-update",
                 partial(_update, session, version, as_of)),
        ]  # fmt: skip
    steps += [
        Step(ALL_COUNCILS, "Reviews due", "reviews", partial(reviews_due, session, as_of=as_of)),
        Step(ALL_COUNCILS, "Corpus matrix", "matrix", partial(matrix_report, session, as_of=as_of)),
    ]
    return steps


def _update(session: Session, version: VersionInfo, as_of: date) -> object:
    """The update paper from the model version the council follows to the current one. Where
    too little of the model is kept to tell which version it follows, the demo assumes the
    oldest stored one (the corpus's councils all predate the current model) and says so."""
    found = lineage(session, version)
    if found.base is not None:  # given as the base, so the update does not detect it again
        return update_report(session, version.reference, base=found.base.reference, as_of=as_of)
    oldest = model_versions(session, version.policy)[0]
    note = "assumed: too little of the model is kept to tell which version it follows"
    return update_report(session, version.reference, base=oldest.reference, as_of=as_of, base_note=note)


def _write_reports(session: Session, folder: Path, as_of: date, progress: Progress) -> list[Written]:
    steps = _steps(session, as_of)
    progress.start("Writing reports", len(steps))
    written = []
    for step in steps:
        progress.step(report_title(step.report, step.group))
        report = step.build()
        kind = kind_of(type(report))
        for fmt in kind.demo:
            path = write_report(report, folder / f"{step.stem}{suffix(fmt)}", fmt)
            written.append(Written(path, step.group, step.report, kind.name, fmt))
    return written


def _fold_wal(database: Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone is the whole store."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _sidecars(database: Path) -> tuple[Path, ...]:
    return (database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm"))


def _slug(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


INDEX_LEAD = (
    "Every report clausewise writes, made from the shipped corpus: each council's Councillor–Officer "
    "Protocol against the model it was adapted from, then the reports across all councils. HTML pages "
    "print on A4 with page numbers; Word files open in Word or LibreOffice."
)


def _write_index(folder: Path, written: list[Written], as_of: date) -> Path:
    """index.html: the reports grouped by council (all councils last), each with its files."""
    groups: dict[str, dict[str, list[Written]]] = {}
    for item in written:
        groups.setdefault(item.group, {}).setdefault(item.report, []).append(item)
    groups[ALL_COUNCILS] = groups.pop(ALL_COUNCILS, {})  # after the councils
    page = IndexPage(
        title="clausewise demo: reports",
        council="clausewise demo",
        as_of=as_of,
        lead=INDEX_LEAD,
        groups=tuple(
            IndexGroup(group, tuple(_entry(report, files) for report, files in reports.items()))
            for group, reports in groups.items()
            if reports
        ),
    )
    index = folder / "index.html"
    index.write_text(render_index(page), encoding="utf-8")
    return index


def _entry(report: str, files: list[Written]) -> IndexEntry:
    """One report's row: what it shows, and a link to each file, in the registry's order of formats."""
    order = list(FORMATS)
    links = tuple(Link(FORMATS[f.fmt].label, f.path.name) for f in sorted(files, key=lambda f: order.index(f.fmt)))
    return IndexEntry(report, capitalised(REPORTS[files[0].kind].title), links)
