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

from align import SEMANTIC_CHOICES, Semantic, align
from align.serialize import alignment_to_dict
from ingest import ClausewiseError, read
from ingest.serialize import document_to_dict

from . import __version__
from .outline import render_comparison, render_outline


class _Group(click.Group):
    """Turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClausewiseError as exc:
            if os.environ.get("CLAUSEWISE_DEBUG"):
                raise
            click.echo(f"clausewise: error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"clausewise: warning: {warning}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausewise")
def cli() -> None:
    """Compare and version council policy documents.

    \b
    Example:
      clausewise read corpus/originals/spilsby-town-council_councillor-officer-protocol_2026.pdf
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
@click.argument("left", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("right", type=click.Path(path_type=Path, dir_okay=False))
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
def compare_command(left: Path, right: Path, fmt: str, profile: str, semantic: Semantic) -> None:
    """Align the clauses of two policies and list what changed.

    Exit status is like diff's: 0 when nothing of substance differs, 1 when something does,
    2 on error.

    \b
    Examples:
      clausewise compare model-protocol.pdf our-protocol.docx
      clausewise compare old.docx new.docx --format json > changes.json
    """
    left_document, right_document = read(left), read(right)
    _warn(left_document.warnings + right_document.warnings)
    alignment = align(left_document, right_document, profile=profile, semantic=semantic)
    if fmt == "json":
        click.echo(json.dumps(alignment_to_dict(alignment), indent=2, ensure_ascii=False))
    else:
        click.echo(render_comparison(alignment))
    sys.exit(1 if alignment.differs else 0)


def main(argv: list[str] | None = None) -> None:
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="clausewise")
