"""`clausewise update`: what a new model version means for a council's policy."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from clausewise.app import Store
from clausewise.reports import UpdateReport

from .options import as_of_option, db_option, profile_option, report_output_options, semantic_option, settings_for
from .output import emit_report, note


@click.command("update")
@click.argument("local")
@click.option("--base", help="The model version the policy was adapted from (default: the one it follows).")
@click.option("--new", "new", help="The new model version (default: the model's current version).")
@click.option("--author", help="Author of the tracked changes (default: the council's name).")
@report_output_options(UpdateReport)
@as_of_option
@profile_option
@semantic_option
@db_option
def update_command(
    local: str,
    base: str | None,
    new: str | None,
    author: str | None,
    fmt: str | None,
    output: Path | None,
    as_of: date | None,
    profile: str,
    semantic: str,
    db: str | None,
) -> None:
    """Propose the changes a new model version made for a council's adapted policy.

    LOCAL, --base and --new are files or stored versions (COUNCIL[:POLICY][@VERSION|@DATE],
    model@VERSION). For every change the model made between base and new, the paper says
    whether it applies (the proposed wording keeps the council's own edits), conflicts with the
    council's edits, is already there, is not needed or not applicable, or is a new clause.
    With -o FILE.docx: the council's policy with the proposed changes tracked and each conflict
    as a comment (accept all = the proposed policy, reject all = the current one).

    Exit status: 0 nothing to do, 1 changes proposed or to decide, 2 an error.

    \b
    Examples:
      clausewise update Spilsby -o spilsby-update.docx
      clausewise update Spilsby --base model@3 --new model@4 --format json
      clausewise update ours.docx --base model-2023.pdf --new model-2026.pdf -o update.html
    """
    report = Store(db, notify=note).update(
        local, base=base, new=new, author=author, as_of=as_of, profile=profile, settings=settings_for(semantic)
    )
    emit_report(report, fmt, output)
    sys.exit(1 if report.proposes or report.count("conflict") else 0)


COMMANDS = (update_command,)
