"""The options commands share, each defined once: the database, dates, formats, output files,
the scorer blend and the terminology profile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from clausewise.align import DEFAULT_SETTINGS, SEMANTIC_CHOICES, AlignSettings
from clausewise.align.embeddings import fallback_notice
from clausewise.app.output import check_writable
from clausewise.app.pool import DEFAULT_JOBS
from clausewise.errors import BadValue
from clausewise.ingest.dates import parse_iso
from clausewise.reports.registry import FORMATS, formats, kind_of

from .output import note

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic in click's types only
    """YYYY-MM-DD, and only that, so nobody wonders whether 03/04 is March or April. A bad
    date is a one-line error naming the option, like every other clausewise error."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        flag = param.opts[0] if param is not None else "date"
        try:
            return parse_iso(str(value))
        except ValueError as exc:
            raise BadValue(f"{flag}: {exc}") from None


DATE = IsoDate()

db_option = click.option(
    "--db",
    metavar="PATH|URL",
    help="Database file or SQLAlchemy URL (default: $CLAUSEWISE_DB, else ./clausewise.db).",
)
as_of_option = click.option(
    "--as-of", type=DATE, metavar="DATE", help="The date to report as of, YYYY-MM-DD (default: today)."
)


def within_option(default: int | None) -> Decorator:
    leaves_out = f"default: {default}" if default is not None else "default: none left out"
    return click.option(
        "--within",
        type=click.IntRange(min=0),
        default=default,
        metavar="DAYS",
        help=f"Leave out reviews due more than DAYS ahead ({leaves_out}).",
    )


policy_option = click.option("--policy", help="The policy, when the council has more than one.")
profile_option = click.option(
    "--profile", default="default", show_default=True, help="Terminology profile: a shipped name or a TOML file."
)
semantic_option = click.option(
    "--semantic",
    type=click.Choice(SEMANTIC_CHOICES),
    default=DEFAULT_SETTINGS.semantic,
    show_default=True,
    help="How reworded clauses are recognised: auto: embeddings where installed, else spacy; "
    + "; ".join(f"{b.name}: {b.description}" for b in DEFAULT_SETTINGS.blends)
    + ".",
)


def settings_for(semantic: str) -> AlignSettings:
    """The aligner's settings for `--semantic`, with a note when "auto" has no embeddings to use."""
    settings = replace(DEFAULT_SETTINGS, semantic=semantic)
    note_fallback(settings)
    return settings


def note_fallback(settings: AlignSettings = DEFAULT_SETTINGS) -> None:
    """Say so, once, when the settings would use sentence embeddings that are not installed."""
    notice = fallback_notice(settings)
    if notice:
        note(notice)


def _writable(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """-o checked before any work is done: a report that cannot be written should cost nothing,
    and a comparison it would have made must not be kept for a command that failed."""
    if value is not None and str(value) != "-":
        check_writable(value)
    return value


def report_output_options(report_type: type) -> Decorator:
    """`--format` and `-o` for a report, from the report registry: its formats, its default,
    and which file suffixes mean which format."""
    offered = formats(report_type)
    default = kind_of(report_type).default
    suffixes = ", ".join(s for f in offered for s in FORMATS[f].suffixes)

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function = click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path, allow_dash=True),
            callback=_writable,
            help=f"Write to this file; its suffix ({suffixes}) chooses the format. Default (or -o -): print.",
        )(function)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(offered),
            help=f"Output format (default: {default}, or as the -o suffix says).",
        )(function)

    return decorate


def print_format_option(report_type: type, default: str) -> Decorator:
    """`--format` for a command that prints a report: the registry's formats that print."""
    offered = tuple(f for f in formats(report_type) if not FORMATS[f].binary)
    return click.option("--format", "fmt", type=click.Choice(offered), default=default, show_default=True)


def jobs_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--jobs N: how many processes a command spreads its work over; `what` says what they do."""
    return click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=DEFAULT_JOBS,
        show_default="the machine's cores",
        metavar="N",
        help=what,
    )
