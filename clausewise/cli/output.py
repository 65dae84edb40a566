"""The one way commands print: warnings, rows as text/JSON/CSV, reports in any registered
format (to the terminal or a file), and progress bars on long work."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clausewise.app.output import choose_format, write_report
from clausewise.errors import BadValue
from clausewise.reports.registry import FORMATS, render
from clausewise.reports.spreadsheet import csv_table


def warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        click.echo(f"clausewise: warning: {warning}", err=True)


def note(line: str) -> None:
    """Something a reader should know about how the work was done (not a problem with it)."""
    click.echo(f"clausewise: note: {line}", err=True)


def emit_rows(rows: list[dict[str, Any]], fmt: str, text: Callable[[], str]) -> None:
    """Rows that are not a report (a list of councils): JSON objects, CSV with a header row
    (through the one CSV writer, which neutralises formula-like text), or the text view."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        table = csv_table(list(rows[0]), [list(row.values()) for row in rows]) if rows else ""
        click.echo(table, nl=False)
    else:
        click.echo(text())


def emit_report(report: object, fmt: str | None, output: Path | None) -> None:
    """Print the report in `fmt`, or write it to `output` (in `fmt`, else as its suffix says);
    `-o -` prints too."""
    if output is not None and str(output) != "-":
        write_report(report, output, fmt)
        click.echo(f"wrote {output}", err=True)
        return
    chosen = choose_format(type(report), fmt, None)
    binary = FORMATS[chosen].binary
    if binary and (output is None or sys.stdout.isatty()):  # a Word file is for a file, or a pipe when asked
        suffix = FORMATS[chosen].suffixes[0]
        raise BadValue(f"a {chosen} file cannot be printed; give -o FILE{suffix} (or -o - into a pipe)")
    rendered = render(report, chosen)
    if isinstance(rendered, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
        return
    click.echo(rendered, nl=False)


if TYPE_CHECKING:  # rich is imported when bars are drawn, not for every command's start
    from rich.progress import Progress, TaskID


class Bars:
    """`clausewise.app.Progress` as rich progress bars on standard error, shown only where a
    person is watching (a terminal) and only for work of more than one step."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None
        self._started = False

    def start(self, description: str, total: int) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(description[:40], total=total)
        self._started = False  # no step has begun yet

    def step(self, description: str) -> None:
        if self._task is None:
            return
        if self._started:  # the step before this one is done
            self._progress.advance(self._task)
        self._started = True
        self._progress.update(self._task, description=description[:40])


@contextmanager
def progress_bars() -> Iterator[Bars]:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("{task.description:40}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield Bars(progress)
