"""`clausewise align-all`: every alignment the corpus reports need, made in parallel and stored,
with a progress bar that says how long is left. `report matrix` and `demo` make theirs the same
way (`clausewise.app.batch`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from clausewise.app import Store

from .options import db_option, jobs_option, semantic_option, settings_for
from .output import Bars, note, warn

align_jobs_option = jobs_option("Align in N processes at once.")


@contextmanager
def eta_bars() -> Iterator[Bars]:
    """Progress bars with the steps done and an estimate of the time left (on a terminal only)."""
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description:40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield Bars(progress)


@click.command("align-all")
@click.option("--policy", help="The policy (default: the model's).")
@click.option("--model", default="model", show_default=True, help="The model: a stored reference.")
@align_jobs_option
@semantic_option
@db_option
def align_all_command(policy: str | None, model: str, jobs: int, semantic: str, db: str | None) -> None:
    """Align each council's current version with every model version, where not stored yet.

    The reports then read the stored alignments: `report matrix` over thousands of councils
    takes seconds. Pairs are aligned in N processes and stored in batches, so an interrupted
    run keeps what it finished.

    \b
    Examples:
      clausewise align-all
      clausewise align-all --jobs 2 --db postgresql+psycopg://clerk@server/clausewise
    """
    with eta_bars() as bars:
        result = Store(db, notify=note).align_all(
            policy=policy, model=model, settings=settings_for(semantic), jobs=jobs, progress=bars
        )
    warn([f"not aligned: {reason}" for reason in result.failed])
    click.echo(f"aligned {result.aligned} pairs; {result.stored_before} were stored already")


COMMANDS = (align_all_command,)
