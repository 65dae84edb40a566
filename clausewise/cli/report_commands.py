"""`clausewise report ...`: build a report through the application layer and print or write it.

The formats each report offers, its default, and the file suffixes `-o` understands all come
from the report registry (`clausewise.reports.registry`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from clausewise.app import Store
from clausewise.app.reports import MODEL
from clausewise.reports import REPORTS, DivergenceReport, HistoryReport, MatrixReport, RedlineReport, ReviewsReport
from clausewise.reports.redline import CHANGES, Changes

from .batch import align_jobs_option, eta_bars
from .options import (
    as_of_option,
    db_option,
    note_fallback,
    policy_option,
    report_output_options,
    semantic_option,
    settings_for,
    within_option,
)
from .output import emit_report, note, warn

model_option = click.option(
    "--model", "model", default=MODEL, show_default=True, help="The model version to compare with."
)


REPORT_HELP = "\n".join(
    [
        "Reports for committee papers, each in the formats its --help lists.",
        "",
        "\b",
        *(f"  {kind.name:11} {kind.title}" for kind in REPORTS.values()),
        "",
        "\b",
        "Example:",
        "  clausewise report divergence Spilsby -o spilsby-divergence.html",
    ]
)


@click.group("report", help=REPORT_HELP)
def report_group() -> None:
    pass


@report_group.command("divergence")
@click.argument("council")
@policy_option
@model_option
@report_output_options(DivergenceReport)
@as_of_option
@semantic_option
@db_option
def divergence_command(
    council: str,
    policy: str | None,
    model: str,
    fmt: str | None,
    output: Path | None,
    as_of: date | None,
    semantic: str,
    db: str | None,
) -> None:
    """How a council's policy differs from the model: figures, sections, redlines, gaps.

    COUNCIL is a stored council (part of its name will do), optionally COUNCIL@VERSION.

    \b
    Examples:
      clausewise report divergence Spilsby -o spilsby.html
      clausewise report divergence Chard --format docx -o chard-vs-model.docx
    """
    store = Store(db, notify=note)
    report = store.divergence(council, policy=policy, model=model, as_of=as_of, settings=settings_for(semantic))
    emit_report(report, fmt, output)


@report_group.command("redline")
@click.argument("old")
@click.argument("new")
@click.option("--author", help="Author of the tracked changes (default: the council's name).")
@click.option(
    "--changes",
    type=click.Choice(CHANGES),
    default=CHANGES[0],
    show_default=True,
    help="substantive: changes of terminology, spelling, capitals, punctuation or numbering are not "
    "tracked (the new text stands) and the report says how many were left out.",
)
@click.option(
    "--cover",
    is_flag=True,
    help="Add a cover note (Word: a comment on the first paragraph, outside the tracked text).",
)
@report_output_options(RedlineReport)
@as_of_option
@semantic_option
@db_option
def redline_command(
    old: str,
    new: str,
    author: str | None,
    changes: Changes,
    cover: bool,
    fmt: str | None,
    output: Path | None,
    as_of: date | None,
    semantic: str,
    db: str | None,
) -> None:
    """A redline from OLD to NEW with Word tracked changes, for committee papers.

    OLD and NEW are files or stored versions (COUNCIL[:POLICY][@VERSION|@DATE], model).
    The Word body is only the policy: accepting every change gives NEW, rejecting every
    change gives OLD (with --changes substantive, OLD except the cosmetic changes left out).

    \b
    Examples:
      clausewise report redline protocol-2023.docx protocol-2026.docx -o paper.docx
      clausewise report redline model Spilsby -o spilsby-redline.docx --author "Town Clerk"
      clausewise report redline model Spilsby --changes substantive --cover -o paper.docx
    """
    report = Store(db, notify=note).redline(
        old, new, author=author, as_of=as_of, settings=settings_for(semantic), changes=changes, cover=cover
    )
    emit_report(report, fmt, output)


@report_group.command("reviews")
@policy_option
@within_option(None)
@report_output_options(ReviewsReport)
@as_of_option
@db_option
def reviews_command(
    policy: str | None, within: int | None, fmt: str | None, output: Path | None, as_of: date | None, db: str | None
) -> None:
    """Policies overdue for review, due in 30/60/90 days, or with no review date.

    \b
    Examples:
      clausewise report reviews -o reviews.html
      clausewise report reviews --as-of 2027-04-01 --format csv > reviews.csv
    """
    emit_report(Store(db, notify=note).reviews(as_of=as_of, within=within, policy=policy), fmt, output)


@report_group.command("matrix")
@click.option("--policy", help="The policy (default: the model's).")
@model_option
@report_output_options(MatrixReport)
@as_of_option
@align_jobs_option
@semantic_option
@db_option
def matrix_command(
    policy: str | None,
    model: str,
    fmt: str | None,
    output: Path | None,
    as_of: date | None,
    jobs: int,
    semantic: str,
    db: str | None,
) -> None:
    """Councils x model clauses (kept, cosmetic, modified, missing) as a heatmap and table.

    Alignments not stored yet are made first, in N processes (as `clausewise align-all`).

    \b
    Examples:
      clausewise report matrix -o matrix.html
      clausewise report matrix --format csv -o matrix.csv --jobs 2
    """
    with eta_bars() as bars:
        report = Store(db, notify=note).matrix(
            policy=policy, model=model, as_of=as_of, settings=settings_for(semantic), jobs=jobs, progress=bars
        )
    warn([f"left out of the matrix: {reason}" for reason in report.skipped])
    emit_report(report, fmt, output)


@report_group.command("history")
@click.argument("council")
@policy_option
@report_output_options(HistoryReport)
@as_of_option
@db_option
def history_command(
    council: str, policy: str | None, fmt: str | None, output: Path | None, as_of: date | None, db: str | None
) -> None:
    """A council's versions of a policy over time, and what changed at each adoption.

    \b
    Examples:
      clausewise report history "East Northamptonshire" -o history.html
    """
    note_fallback()
    emit_report(Store(db, notify=note).history(council, policy=policy, as_of=as_of), fmt, output)


COMMANDS = (report_group,)
