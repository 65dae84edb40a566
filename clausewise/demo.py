"""`clausewise demo`: a fresh store from the shipped corpus, and every report written from it."""

from __future__ import annotations

import html
import os
import sqlite3
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from clausewise.ingest import read
from clausewise.store import add_document, current_versions, open_session, resolve_version

from . import reporting
from .corpus import corpus_dir
from .report_cli import write_report
from .store_cli import manifest_jobs

DEMO_DB = "demo.db"
REPORT_FORMATS = {
    "divergence": ("html", "docx", "md"),
    "redline": ("docx", "html"),
    "history": ("html",),
    "reviews": ("html", "csv"),
    "matrix": ("html", "svg", "csv"),
}


@click.command("demo")
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("clausewise-demo"),
    show_default=True,
    help="Folder for the database and the reports (created if missing).",
)
def demo_command(folder: Path) -> None:
    """Add the shipped corpus to a fresh database and write every report from it.

    The folder gets demo.db (rebuilt on each run) and, for each council against the model, a
    divergence report, a redline with tracked changes and a history; plus the reviews list
    and the corpus matrix; and index.html linking them all.

    \b
    Example:
      clausewise demo -o demo && xdg-open demo/index.html
    """
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DEMO_DB
    fresh = folder / f".{DEMO_DB}.building"
    for leftover in (fresh, *_sidecars(fresh)):
        leftover.unlink(missing_ok=True)
    written: list[tuple[str, Path]] = []
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:38}"), BarColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        jobs = manifest_jobs(corpus_dir() / "manifest.toml")
        reading = progress.add_task("Reading the shipped corpus", total=len(jobs))
        documents = []
        for path, options in jobs:
            documents.append((read(path), options))
            progress.advance(reading)
        with open_session(str(fresh)) as session:
            for document, options in documents:
                add_document(session, document, options)
        with open_session(str(fresh)) as session:
            written = _write_reports(session, folder, date.today(), progress)
    _fold_wal(fresh)
    for leftover in _sidecars(database):  # the last demo's, which SQLite would replay into the new file
        leftover.unlink(missing_ok=True)
    os.replace(fresh, database)  # the new store replaces the last demo's only once it is complete
    index = _write_index(folder, written)
    click.echo(f"database: {database}")
    for title, path in written:
        click.echo(f"{title:58} {path}")
    click.echo(f"all reports: {index}")


def _fold_wal(database: Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone is the whole store."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _sidecars(database: Path) -> tuple[Path, ...]:
    return (database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm"))


def _write_reports(session: Session, folder: Path, today: date, progress: Progress) -> list[tuple[str, Path]]:
    model = resolve_version(session, "model")
    councils = [v for v in current_versions(session, model.policy) if v.council_kind != "model publisher"]
    steps: list[tuple[str, str, str, Callable[[], object]]] = []
    for version in councils:
        slug, ref = _slug(version.council), version.reference
        steps += [
            (f"Divergence: {version.council}", "divergence", f"{slug}-divergence",
             partial(reporting.divergence_report, session, ref, as_of=today)),
            (f"Redline from the model: {version.council}", "redline", f"{slug}-redline",
             partial(reporting.redline_report, session, "model", ref, as_of=today)),
            (f"History: {version.council}", "history", f"{slug}-history",
             partial(reporting.history_report, session, version.council, policy=version.policy, as_of=today)),
        ]  # fmt: skip
    steps += [
        ("Reviews due", "reviews", "reviews", partial(reporting.reviews_report, session, as_of=today)),
        ("Corpus matrix", "matrix", "matrix", partial(reporting.matrix_report, session, as_of=today)),
    ]
    task = progress.add_task("Writing reports", total=len(steps))
    written = []
    for title, kind, stem, build in steps:
        progress.update(task, description=title[:38])
        report = build()
        for fmt in REPORT_FORMATS[kind]:
            written.append((f"{title} ({fmt})", write_report(report, fmt, folder / f"{stem}.{fmt}")))
        progress.advance(task)
    return written


def _slug(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


def _write_index(folder: Path, written: list[tuple[str, Path]]) -> Path:
    items = "\n".join(
        f'<li><a href="{html.escape(path.name)}">{html.escape(title)}</a></li>' for title, path in written
    )
    index = folder / "index.html"
    index.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>clausewise demo</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}</style>"
        f"</head><body><h1>clausewise demo reports</h1><ul>\n{items}\n</ul></body></html>\n",
        encoding="utf-8",
    )
    return index
