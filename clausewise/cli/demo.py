"""`clausewise demo`: a fresh store from the shipped corpus, and every report written from it."""

from __future__ import annotations

import importlib.util
import shlex
from datetime import date
from pathlib import Path

import click

from clausewise.app.demo import build_demo

from .options import note_fallback
from .output import note, progress_bars


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
    note_fallback()
    with progress_bars() as bars:
        demo = build_demo(folder, as_of=date.today(), progress=bars)
    click.echo(f"database: {demo.database}")
    for written in demo.written:
        click.echo(f"{written.title:58} {written.path}")
    click.echo(f"all reports: {demo.index}")
    note(f"to try other commands on the demo's database: export CLAUSEWISE_DB={shlex.quote(str(demo.database))}")
    note(f"to open the same data in the browser: clausewise serve --db {shlex.quote(str(demo.database))}{_web_extra()}")


def _web_extra() -> str:
    """How to get the web app when it is not installed (`clausewise serve` needs the web extra)."""
    return "" if importlib.util.find_spec("fastapi") else " (after pip install 'clausewise[web]')"


COMMANDS = (demo_command,)
