"""The `clausewise` command line: it only wires library calls to options and output.

Library errors (`ClausewiseError`) become one line on stderr and exit code 2; click's own
usage errors also exit 2. Set CLAUSEWISE_DEBUG=1 to see a traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from clausewise.align import SEMANTIC_CHOICES, Semantic, align, embeddings
from clausewise.align.serialize import alignment_to_dict
from clausewise.errors import ClausewiseError, Needs
from clausewise.ingest import read
from clausewise.ingest.serialize import document_to_dict
from clausewise.store import compare_references, is_reference, open_session

from . import __version__
from .outline import render_comparison, render_outline

# What to tell a clerk for each value a library error says it needs (`ClausewiseError.needs`).
HINTS: dict[Needs, str] = {
    "council": "give --council NAME",
    "policy": "give --policy NAME (or COUNCIL:POLICY in a reference)",
    "version": "give --version LABEL",
    "stored council": "`clausewise councils` lists them",
    "model": "add the model with `clausewise add FILE --model`",
    "database": "check --db or CLAUSEWISE_DB",
    "empty database": "give --db NEW.db",
}


def error_line(error: ClausewiseError) -> str:
    """The library's message, and the command-line way to fix it."""
    return f"{error.message}; {HINTS[error.needs]}" if error.needs else error.message


class _Group(click.Group):
    """Turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClausewiseError as exc:
            if os.environ.get("CLAUSEWISE_DEBUG"):
                raise
            click.echo(f"clausewise: error: {error_line(exc)}", err=True)
            ctx.exit(exc.exit_code)


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"clausewise: warning: {warning}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausewise")
def cli() -> None:
    """Compare and version council policy documents.

    \b
    Examples:
      clausewise demo                                   # every report from the shipped corpus
      clausewise compare model-protocol.pdf our-protocol.docx
      clausewise add our-protocol.pdf --policy "Councillor-Officer Protocol"
      clausewise report divergence "Our Town Council" -o divergence.html
    """


@cli.command("read")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def read_command(file: Path, as_json: bool) -> None:
    """Read a policy (.pdf, .docx, .txt, .md) and print its outline and metadata.

    \b
    Examples:
      clausewise read corpus/originals/chard-town-council_member-officer-protocol_2015.docx
      clausewise read our-protocol.pdf --json > our-protocol.json
    """
    document = read(file)
    _warn(document.warnings)
    if as_json:
        click.echo(json.dumps(document_to_dict(document), indent=2, ensure_ascii=False))
    else:
        click.echo(render_outline(document))


@cli.command("compare")
@click.argument("left")
@click.argument("right")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--profile", default="default", show_default=True, help="Terminology profile: a shipped name or a TOML file."
)
@click.option(
    "--semantic",
    type=click.Choice(SEMANTIC_CHOICES),
    default="spacy",
    show_default=True,
    help="Semantic matching for reworded clauses.",
)
@click.option(
    "--db", metavar="PATH|URL", help="Database for stored references (default: $CLAUSEWISE_DB, else ./clausewise.db)."
)
def compare_command(left: str, right: str, fmt: str, profile: str, semantic: Semantic, db: str | None) -> None:
    """Align the clauses of two policies and list what changed.

    LEFT and RIGHT are files, or versions in the database: COUNCIL[:POLICY][@VERSION|@DATE],
    or model[:POLICY] for the model publisher's current version. A comparison of two stored
    versions is stored and reused while nothing has changed.

    Exit status is like diff's: 0 when nothing of substance differs, 1 when something does,
    2 on error.

    \b
    Examples:
      clausewise compare model-protocol.pdf our-protocol.docx
      clausewise compare old.docx new.docx --format json > changes.json
      clausewise compare model Spilsby                 # stored versions
      clausewise compare Chard@2015 Chard@2026-01-01   # a council's versions then and now
    """
    if is_reference(left) or is_reference(right):
        # Only a stored reference opens the database: comparing two files never creates one.
        with open_session(db) as session:
            vectors = embeddings.vector_cache() if semantic == "embeddings" else None  # persisted in the store
            alignment = compare_references(
                session, left, right, profile=profile, semantic=semantic, embedding_cache=vectors
            )
    else:
        left_document, right_document = read(Path(left)), read(Path(right))
        alignment = align(left_document, right_document, profile=profile, semantic=semantic)
    _warn(alignment.left.warnings + alignment.right.warnings)
    if fmt == "json":
        click.echo(json.dumps(alignment_to_dict(alignment), indent=2, ensure_ascii=False))
    else:
        click.echo(render_comparison(alignment))
    sys.exit(1 if alignment.differs else 0)


def main(argv: list[str] | None = None) -> None:
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="clausewise")


from .store_cli import register  # noqa: E402  (the store's commands: add, history, reviews, ...)

register(cli)

from .report_cli import register as register_reports  # noqa: E402  (report ... and demo)

register_reports(cli)
