"""The demo: a fresh store from the shipped corpus, and every report written from it.

Which formats each report is written in comes from the report registry (`ReportKind.demo`).
The new database replaces the last demo's only once it is complete.
"""

from __future__ import annotations

import html
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from clausewise.corpus import corpus_dir
from clausewise.reports import REPORTS, kind_of
from clausewise.reports.registry import suffix
from clausewise.store import MODEL_PUBLISHER, current_versions, open_session, resolve_version

from .adding import add_read, manifest_jobs, read_jobs
from .history import policy_history
from .output import write_report
from .progress import SILENT, Progress
from .reports import divergence_report, matrix_report, redline_report
from .reviews import reviews_due

DEMO_DB = "demo.db"


@dataclass(frozen=True)
class Written:
    title: str  # "Divergence: Spilsby Town Council (html)"
    path: Path


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
    with open_session(str(fresh)) as session:
        written = _write_reports(session, folder, as_of, progress)
    _fold_wal(fresh)
    for leftover in _sidecars(database):  # the last demo's, which SQLite would replay into the new file
        leftover.unlink(missing_ok=True)
    os.replace(fresh, database)
    return Demo(database, tuple(written), _write_index(folder, written))


Step = tuple[str, str, Callable[[], object]]  # title, file stem, build


def _steps(session: Session, as_of: date) -> list[Step]:
    model = resolve_version(session, "model")
    councils = [v for v in current_versions(session, model.policy) if v.council_kind != MODEL_PUBLISHER]
    steps: list[Step] = []
    for version in councils:
        slug, ref = _slug(version.council), version.reference
        steps += [
            (f"Divergence: {version.council}", f"{slug}-divergence",
             partial(divergence_report, session, ref, as_of=as_of)),
            (f"Redline from the model: {version.council}", f"{slug}-redline",
             partial(redline_report, session, "model", ref, as_of=as_of)),
            (f"History: {version.council}", f"{slug}-history",
             partial(policy_history, session, version.council, version.policy, as_of=as_of)),
        ]  # fmt: skip
    steps += [
        ("Reviews due", "reviews", partial(reviews_due, session, as_of=as_of)),
        ("Corpus matrix", "matrix", partial(matrix_report, session, as_of=as_of)),
    ]
    return steps


def _write_reports(session: Session, folder: Path, as_of: date, progress: Progress) -> list[Written]:
    steps = _steps(session, as_of)
    progress.start("Writing reports", len(steps))
    written = []
    for title, stem, build in steps:
        progress.step(title)
        report = build()
        for fmt in kind_of(type(report)).demo:
            path = write_report(report, folder / f"{stem}{suffix(fmt)}", fmt)
            written.append(Written(f"{title} ({fmt})", path))
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


def _write_index(folder: Path, written: list[Written]) -> Path:
    items = "\n".join(f'<li><a href="{html.escape(w.path.name)}">{html.escape(w.title)}</a></li>' for w in written)
    kinds = "".join(f"<li><b>{html.escape(k.name)}</b>: {html.escape(k.title)}</li>" for k in REPORTS.values())
    index = folder / "index.html"
    index.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>clausewise demo</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}</style>"
        f"</head><body><h1>clausewise demo reports</h1><ul>\n{items}\n</ul>"
        f"<h2>The reports</h2><ul>{kinds}</ul></body></html>\n",
        encoding="utf-8",
    )
    return index
