"""The store's commands: add, councils, history, review, reviews, export, import, db upgrade.

Each command parses its options, opens one session in one transaction (`store.open_session`),
calls store functions, and prints once the transaction has committed; a failure anywhere
leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from clausewise.corpus import FORMATS, load_manifest
from clausewise.errors import BadValue
from clausewise.ingest import read
from clausewise.ingest.dates import parse_iso
from clausewise.ingest.model import Document
from clausewise.store import (
    AddOptions,
    AddResult,
    councils,
    export_data,
    history,
    import_data,
    open_session,
    record_review,
    reviews,
    upgrade_database,
)
from clausewise.store.add import add_document
from clausewise.store.models import COUNCIL_KINDS, MODEL_PUBLISHER

FORMAT_CHOICE = click.Choice(["text", "json", "csv"])
db_option = click.option(
    "--db",
    metavar="PATH|URL",
    help="Database file or SQLAlchemy URL (default: $CLAUSEWISE_DB, else ./clausewise.db).",
)


def iso_date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise BadValue(f"{flag}: {exc}") from None


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        click.echo(f"clausewise: warning: {warning}", err=True)


def _emit(rows: list[dict[str, Any]], fmt: str, text: Callable[[], str]) -> None:
    """The one output helper: JSON (a list of objects), CSV (a header row), or the text view."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(text())


def _read_all(jobs: list[tuple[Path, AddOptions]]) -> list[tuple[Document, AddOptions]]:
    """Read every file before writing anything: bad input stops the command with nothing stored."""
    console = Console(stderr=True)
    documents = []
    with Progress(console=console, transient=True, disable=len(jobs) < 2 or not console.is_terminal) as progress:
        task = progress.add_task("Reading", total=len(jobs))
        for path, options in jobs:
            progress.update(task, description=f"Reading {path.name}")
            documents.append((read(path), options))
            progress.advance(task)
    return documents


def manifest_jobs(manifest: Path) -> list[tuple[Path, AddOptions]]:
    jobs = []
    for entry in load_manifest(manifest):
        path = next(entry.files[fmt] for fmt in FORMATS if fmt in entry.files)
        options = AddOptions(
            policy=entry.policy,
            council=entry.council,
            kind=MODEL_PUBLISHER if entry.model else entry.kind,
            label=entry.version or None,
            given_by="manifest",
        )
        jobs.append((path, options))
    return jobs


@click.command("add")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--manifest", type=click.Path(path_type=Path, dir_okay=False), help="Add every document of a manifest.")
@click.option("--council", help="The council (default: the name the document gives).")
@click.option("--policy", help='The policy, e.g. "Councillor-Officer Protocol".')
@click.option("--model", is_flag=True, help="The file is a model publisher's version, which councils follow.")
@click.option("--kind", type=click.Choice([k for k in COUNCIL_KINDS if k != MODEL_PUBLISHER]), help="Council kind.")
@click.option("--version", "label", metavar="LABEL", help="Version label (default: the document's version).")
@click.option("--adopted", metavar="DATE", help="Adoption date, YYYY-MM-DD.")
@click.option("--adopted-by", metavar="BODY", help='Who adopted it, e.g. "Full Council".')
@click.option("--minute", metavar="REF", help="Minute reference of the adoption.")
@click.option("--review-due", metavar="DATE", help="Next review date, YYYY-MM-DD.")
@click.option("--based-on", metavar="REF", help="The stored model version it follows, e.g. model@3.")
@db_option
def add_command(
    files: tuple[Path, ...],
    manifest: Path | None,
    council: str | None,
    policy: str | None,
    model: bool,
    kind: str | None,
    label: str | None,
    adopted: str | None,
    adopted_by: str | None,
    minute: str | None,
    review_due: str | None,
    based_on: str | None,
    db: str | None,
) -> None:
    """Store policy files as versions of a council's policy.

    What the options give wins; the document's own metadata fills the rest, and the output
    says where each value came from. Adding the same file again does nothing. A new version
    supersedes the current one, which stays in the history.

    \b
    Examples:
      clausewise add our-protocol.pdf --policy "Councillor-Officer Protocol" --adopted 2026-05-05
      clausewise add model.docx --model --policy "Councillor-Officer Protocol" --version 3
      clausewise add --manifest corpus/manifest.toml
    """
    if not files and manifest is None:
        raise BadValue("nothing to add; give FILE... or --manifest MANIFEST")
    per_version = {"--version": label, "--adopted": adopted, "--adopted-by": adopted_by, "--minute": minute}
    per_version |= {"--review-due": review_due}
    given = [flag for flag, value in per_version.items() if value is not None]
    if given and len(files) + (manifest is not None) > 1:
        raise BadValue(f"{', '.join(given)} describe one version; add the files one at a time")
    jobs = manifest_jobs(manifest) if manifest is not None else []
    if files:
        if not policy:
            raise BadValue('which policy is this? give --policy NAME, e.g. --policy "Councillor-Officer Protocol"')
        options = AddOptions(
            policy=policy,
            council=council,
            kind=MODEL_PUBLISHER if model else kind,
            label=label,
            adopted_on=iso_date(adopted, "--adopted"),
            adopted_by=adopted_by,
            minute_ref=minute,
            review_due=iso_date(review_due, "--review-due"),
            based_on=based_on,
        )
        jobs += [(path, options) for path in files]
    documents = _read_all(jobs)
    results: list[AddResult] = []
    with open_session(db) as session:
        for document, options in documents:
            results.append(add_document(session, document, options))
    for result in results:
        _warn(result.warnings)
        click.echo(result.describe())
        for value in result.values:
            click.echo(f"  {value.describe()}")


@click.command("councils")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
@db_option
def councils_command(fmt: str, db: str | None) -> None:
    """List the councils in the database, with how many policies and versions each has.

    \b
    Example:
      clausewise councils --format csv > councils.csv
    """
    with open_session(db, write=False) as session:
        found = councils(session)
    rows = [asdict(c) for c in found]

    def text() -> str:
        if not found:
            return "No councils yet; add a policy with `clausewise add FILE --policy NAME`."
        width = max(len(c.name) for c in found)
        return "\n".join(
            f"{c.name:{width}}  {c.kind or '-':15}  {c.policies} policies, {c.versions} versions" for c in found
        )

    _emit(rows, fmt, text)


@click.command("history")
@click.argument("council")
@click.option("--policy", help="The policy (needed when the council has more than one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def history_command(council: str, policy: str | None, fmt: str, db: str | None) -> None:
    """Show a council's versions of a policy over time and what changed at each.

    Changes are found by aligning each version with the one before; the alignments are
    stored and reused.

    \b
    Example:
      clausewise history "Chard Town Council" --policy "Councillor-Officer Protocol"
    """
    with open_session(db) as session:
        entries = history(session, council, policy)
    rows = [{**asdict(e.version), "changes": e.changes, "reviews": [asdict(r) for r in e.reviews]} for e in entries]

    def text() -> str:
        first = entries[0].version
        lines = [f"{first.council} — {first.policy}"]
        for entry in entries:
            v = entry.version
            adopted = f"adopted {v.adopted_on}" if v.adopted_on else "adoption date not known"
            adopted += f" by {v.adopted_by}" if v.adopted_by else ""
            adopted += f", minute {v.minute_ref}" if v.minute_ref else ""
            review = f"review due {v.review_due}" if v.review_due else "no review date"
            lines.append(f"  {v.label} ({v.status}): {adopted}; {review}; {v.source_name}, {v.clauses} clauses")
            if v.based_on:
                lines.append(f"    based on {v.based_on}")
            lines.append(f"    changes: {entry.changes}" if entry.changes else "    first version stored")
            for r in entry.reviews:
                minute = f", minute {r.minute_ref}" if r.minute_ref else ""
                lines.append(f"    reviewed {r.reviewed_on} ({r.outcome}{minute}); next review {r.next_review_due}")
        return "\n".join(lines)

    _emit(rows, fmt, text)


@click.command("review")
@click.argument("council")
@click.option("--policy", help="The policy (needed when the council has more than one).")
@click.option("--on", "on", required=True, metavar="DATE", help="The date of the review, YYYY-MM-DD.")
@click.option("--next", "next_due", required=True, metavar="DATE", help="The next review date, YYYY-MM-DD.")
@click.option("--minute", metavar="REF", help="Minute reference of the review.")
@db_option
def review_command(
    council: str, policy: str | None, on: str, next_due: str, minute: str | None, db: str | None
) -> None:
    """Record a review that kept the current text unchanged, and its next review date.

    \b
    Example:
      clausewise review "Chard Town Council" --policy "Councillor-Officer Protocol" \\
          --on 2026-05-05 --next 2027-05-05 --minute 42/26
    """
    on_date, next_date = iso_date(on, "--on"), iso_date(next_due, "--next")
    assert on_date is not None and next_date is not None
    with open_session(db) as session:
        version = record_review(session, council, policy, on=on_date, next_due=next_date, minute_ref=minute)
    click.echo(
        f"reviewed {version.council}: {version.policy} version {version.label} on {on_date} (unchanged); "
        f"next review {next_date}"
    )


@click.command("reviews")
@click.option("--as-of", metavar="DATE", help="The date to count from, YYYY-MM-DD (default: today).")
@click.option("--within", type=int, default=90, show_default=True, help="Days ahead to list reviews due.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
@db_option
def reviews_command(as_of: str | None, within: int, fmt: str, db: str | None) -> None:
    """List current versions overdue for review, due soon, or with no review date.

    \b
    Examples:
      clausewise reviews
      clausewise reviews --as-of 2026-09-01 --within 60 --format csv > reviews.csv
    """
    day = iso_date(as_of, "--as-of") or date.today()
    with open_session(db, write=False) as session:
        items = reviews(session, day, within)
    rows = [asdict(item) for item in items]

    def text() -> str:
        lines = [f"Reviews as of {day} (due within {within} days)"]
        sections = [
            ("Overdue", [i for i in items if i.state == "overdue"]),
            *[(f"Due within {w} days", [i for i in items if i.state == "due" and i.window == w]) for w in (30, 60, 90)],
            (f"Due within {within} days", [i for i in items if i.state == "due" and i.window is None]),
            ("No review date", [i for i in items if i.state == "no review date"]),
        ]
        for title, group in sections:
            if not group:
                continue
            lines.append(f"{title}:")
            for i in group:
                when = ""
                if i.review_due is not None and i.days is not None:
                    when = f"due {i.review_due} ({-i.days} days ago)" if i.days < 0 else f"due {i.review_due}"
                lines.append(f"  {i.council}: {i.policy} version {i.label} {when}".rstrip())
        if len(lines) == 1:
            lines.append("Nothing overdue or due, and every current version has a review date.")
        return "\n".join(lines)

    _emit(rows, fmt, text)


@click.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@db_option
def export_command(file: Path, db: str | None) -> None:
    """Write the whole database to a JSON file (read back with `clausewise import`).

    \b
    Example:
      clausewise export backup.json
    """
    with open_session(db, write=False) as session:
        data = export_data(session)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if str(file) == "-":
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        click.echo(f"exported {len(data['versions'])} versions of {len(data['councils'])} councils to {file}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@db_option
def import_command(file: Path, db: str | None) -> None:
    """Load a JSON export into an empty database.

    \b
    Example:
      clausewise import backup.json --db restored.db
    """
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadValue(f"{file}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadValue(f"{file}: not a JSON export ({exc}); give a file written by `clausewise export`") from None
    if not isinstance(data, dict):
        raise BadValue(f"{file}: not a clausewise export; give a file written by `clausewise export`")
    with open_session(db) as session:
        counts = import_data(session, data)
    click.echo(f"imported {file}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


@click.group("db")
def db_group() -> None:
    """Manage the database itself.

    \b
    Example:
      clausewise db upgrade --db office.db
    """


@db_group.command("upgrade")
@db_option
def db_upgrade_command(db: str | None) -> None:
    """Create the database, or bring its schema up to this clausewise's.

    Other commands do this on first use; a database written by a newer clausewise is refused.

    \b
    Example:
      clausewise db upgrade --db postgresql+psycopg://clerk@office-server/policies
    """
    where, result = upgrade_database(db)
    if result.before == result.after:
        click.echo(f"{where}: already at schema revision {result.after}")
    else:
        click.echo(f"{where}: upgraded from {result.before or 'an empty database'} to schema revision {result.after}")


COMMANDS = (
    add_command,
    councils_command,
    history_command,
    review_command,
    reviews_command,
    export_command,
    import_command,
    db_group,
)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
