"""`clausewise report ...` and `clausewise demo`: build a report, render it, write it.

Each command opens one session (alignments it computes are stored and reused), builds the
report object with `clausewise.reporting`, and hands it to one output helper that picks the
renderer from `--format` or the `-o` file's suffix.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from clausewise.align import SEMANTIC_CHOICES, Semantic
from clausewise.errors import BadValue
from clausewise.reports import render_csv, render_html, render_json, render_markdown, render_svg, write_docx
from clausewise.store import is_reference, open_session

from . import reporting
from .store_cli import db_option, iso_date

SUFFIXES = {".htm": "html"} | {f".{fmt}": fmt for fmt in ("html", "md", "json", "csv", "docx", "svg")}
TEXT_RENDERERS: dict[str, Callable[[Any], str]] = {
    "html": render_html,
    "md": render_markdown,
    "json": render_json,
    "csv": render_csv,
    "svg": render_svg,
}


def as_of_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--as-of", metavar="DATE", help="The report date, YYYY-MM-DD (default: today).")(function)


def output_options(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function = click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Write to this file (the format follows its suffix); default: print.",
        )(function)
        help_text = f"Output format (default: {formats[0]}, or as the -o suffix says)."
        return click.option("--format", "fmt", type=click.Choice(formats), help=help_text)(function)

    return decorate


def _as_of(value: str | None) -> date:
    return iso_date(value, "--as-of") or date.today()


def emit(report: object, fmt: str | None, output: Path | None, formats: tuple[str, ...]) -> None:
    """Render `report` as `fmt` (else from the output suffix, else the first of `formats`)."""
    if fmt is None and output is not None and output.suffix.lower() not in SUFFIXES:
        raise BadValue(f"{output}: this report comes as {', '.join(formats)}; give --format or one of those suffixes")
    chosen = fmt or (SUFFIXES[output.suffix.lower()] if output else formats[0])
    if chosen not in formats:
        raise BadValue(f"{output}: this report comes as {', '.join(formats)}; give --format or another suffix")
    if output is None:
        if chosen == "docx":
            raise BadValue("a Word document cannot be printed; give -o FILE.docx")
        click.echo(TEXT_RENDERERS[chosen](report), nl=False)
        return
    write_report(report, chosen, output)
    click.echo(f"wrote {output}", err=True)


def write_report(report: object, fmt: str, output: Path) -> Path:
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    if not output.parent.is_dir():
        raise BadValue(f"{output}: the folder {output.parent} does not exist")
    temporary = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        if fmt == "docx":
            write_docx(report, temporary)
        else:
            Path(temporary).write_text(TEXT_RENDERERS[fmt](report), encoding="utf-8")
        os.replace(temporary, output)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return output


DIVERGENCE_FORMATS = ("html", "docx", "md", "json", "csv")
REDLINE_FORMATS = ("docx", "html", "md", "json")
REVIEWS_FORMATS = ("html", "csv", "md", "json")
MATRIX_FORMATS = ("html", "svg", "csv", "md", "json")
HISTORY_FORMATS = ("html", "md", "json", "csv")

semantic_option = click.option(
    "--semantic", type=click.Choice(SEMANTIC_CHOICES), default="spacy", show_default=True, help="Semantic matching."
)


@click.group("report")
def report_group() -> None:
    """Reports for committee papers: divergence, redline, reviews, matrix, history.

    \b
    Example:
      clausewise report divergence Spilsby -o spilsby-divergence.html
    """


@report_group.command("divergence")
@click.argument("council")
@click.option("--policy", help="The policy, when the council has several.")
@click.option("--model", "model", default="model", show_default=True, help="The model version to compare with.")
@output_options(DIVERGENCE_FORMATS)
@as_of_option
@semantic_option
@db_option
def divergence_command(
    council: str,
    policy: str | None,
    model: str,
    fmt: str | None,
    output: Path | None,
    as_of: str | None,
    semantic: Semantic,
    db: str | None,
) -> None:
    """How a council's policy differs from the model: figures, sections, redlines, gaps.

    COUNCIL is a stored council (part of its name will do), optionally COUNCIL@VERSION.

    \b
    Examples:
      clausewise report divergence Spilsby -o spilsby.html
      clausewise report divergence Chard --format docx -o chard-vs-model.docx
    """
    with open_session(db) as session:
        report = reporting.divergence_report(
            session, council, policy=policy, model=model, as_of=_as_of(as_of), semantic=semantic
        )
    emit(report, fmt, output, DIVERGENCE_FORMATS)


@report_group.command("redline")
@click.argument("old")
@click.argument("new")
@click.option("--author", help="Author of the tracked changes (default: the council's name).")
@output_options(REDLINE_FORMATS)
@as_of_option
@semantic_option
@db_option
def redline_command(
    old: str,
    new: str,
    author: str | None,
    fmt: str | None,
    output: Path | None,
    as_of: str | None,
    semantic: Semantic,
    db: str | None,
) -> None:
    """A redline from OLD to NEW with Word tracked changes, for committee papers.

    OLD and NEW are files or stored versions (COUNCIL[:POLICY][@VERSION|@DATE], model).
    Accepting every change in Word gives NEW; rejecting every change gives OLD.

    \b
    Examples:
      clausewise report redline protocol-2023.docx protocol-2026.docx -o paper.docx
      clausewise report redline model Spilsby -o spilsby-redline.docx --author "Town Clerk"
    """
    if is_reference(old) or is_reference(new):
        with open_session(db) as session:
            report = reporting.redline_report(session, old, new, as_of=_as_of(as_of), author=author, semantic=semantic)
    else:  # two files: no database needed, none created
        report = reporting.redline_report(None, old, new, as_of=_as_of(as_of), author=author, semantic=semantic)
    emit(report, fmt, output, REDLINE_FORMATS)


@report_group.command("reviews")
@click.option("--policy", help="Only policies whose name contains this.")
@output_options(REVIEWS_FORMATS)
@as_of_option
@db_option
def reviews_command(
    policy: str | None, fmt: str | None, output: Path | None, as_of: str | None, db: str | None
) -> None:
    """Policies overdue for review, due in 30/60/90 days, or with no review date.

    \b
    Examples:
      clausewise report reviews -o reviews.html
      clausewise report reviews --as-of 2027-04-01 --format csv > reviews.csv
    """
    with open_session(db, write=False) as session:
        report = reporting.reviews_report(session, as_of=_as_of(as_of), policy=policy)
    emit(report, fmt, output, REVIEWS_FORMATS)


@report_group.command("matrix")
@click.option("--policy", help="The policy (default: the model's).")
@click.option("--model", "model", default="model", show_default=True, help="The model version.")
@output_options(MATRIX_FORMATS)
@as_of_option
@semantic_option
@db_option
def matrix_command(
    policy: str | None,
    model: str,
    fmt: str | None,
    output: Path | None,
    as_of: str | None,
    semantic: Semantic,
    db: str | None,
) -> None:
    """Councils x model clauses (kept, cosmetic, modified, missing) as a heatmap and table.

    \b
    Examples:
      clausewise report matrix -o matrix.html
      clausewise report matrix --format csv -o matrix.csv
    """
    with open_session(db) as session:
        report = reporting.matrix_report(session, policy=policy, model=model, as_of=_as_of(as_of), semantic=semantic)
    emit(report, fmt, output, MATRIX_FORMATS)


@report_group.command("history")
@click.argument("council")
@click.option("--policy", help="The policy, when the council has several.")
@output_options(HISTORY_FORMATS)
@as_of_option
@db_option
def history_command(
    council: str, policy: str | None, fmt: str | None, output: Path | None, as_of: str | None, db: str | None
) -> None:
    """A council's versions of a policy over time, and what changed at each adoption.

    \b
    Examples:
      clausewise report history "East Northamptonshire" -o history.html
    """
    with open_session(db) as session:
        report = reporting.history_report(session, council, policy=policy, as_of=_as_of(as_of))
    emit(report, fmt, output, HISTORY_FORMATS)


def register(cli: click.Group) -> None:
    from .demo import demo_command

    cli.add_command(report_group)
    cli.add_command(demo_command)
