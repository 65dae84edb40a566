"""`clausewise read` and `clausewise compare`: one document, or two side by side."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from clausewise.align.serialize import alignment_to_dict
from clausewise.app import compare
from clausewise.app.sides import is_reference
from clausewise.ingest import read
from clausewise.ingest.serialize import document_to_dict

from .options import db_option, profile_option, semantic_option, settings_for
from .output import note, warn
from .views import render_comparison, render_outline


@click.command("read")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def read_command(file: Path, as_json: bool) -> None:
    """Read a policy (.pdf, .docx, .odt, .txt, .md, .html) and print its outline and metadata.

    \b
    Examples:
      clausewise read corpus/originals/chard-town-council_member-officer-protocol_2015.docx
      clausewise read our-protocol.pdf --json > our-protocol.json
    """
    document = read(file)
    warn(document.warnings)
    if as_json:
        click.echo(json.dumps(document_to_dict(document), indent=2, ensure_ascii=False))
    else:
        click.echo(render_outline(document))


@click.command("compare")
@click.argument("left")
@click.argument("right")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@profile_option
@semantic_option
@db_option
def compare_command(left: str, right: str, fmt: str, profile: str, semantic: str, db: str | None) -> None:
    """Align the clauses of two policies and list what changed.

    LEFT and RIGHT are files, or versions in the database: COUNCIL[:POLICY][@VERSION|@DATE],
    or model[:POLICY] for the model publisher's current version. Only a stored version opens
    the database; a comparison of two stored versions is stored and reused.

    Exit status is like diff's: 0 when nothing of substance differs, 1 when something does,
    2 on error.

    \b
    Examples:
      clausewise compare model-protocol.pdf our-protocol.docx
      clausewise compare old.docx new.docx --format json > changes.json
      clausewise compare model Spilsby                 # stored versions
      clausewise compare Chard@2015 Chard@2026-01-01   # a council's versions then and now
    """
    settings = settings_for(semantic)
    if is_reference(left) or is_reference(right):
        from clausewise.app import Store  # the database's code, loaded only when a side is stored

        alignment = Store(db, notify=note).compare(left, right, profile=profile, settings=settings)
    else:  # two files: no database, and none of its code loaded
        alignment = compare(left, right, profile=profile, settings=settings)
    warn(alignment.left.warnings + alignment.right.warnings)
    if fmt == "json":
        click.echo(json.dumps(alignment_to_dict(alignment), indent=2, ensure_ascii=False))
    else:
        click.echo(render_comparison(alignment))
    sys.exit(1 if alignment.differs else 0)


COMMANDS = (read_command, compare_command)
