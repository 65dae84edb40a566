"""The store's commands: add, councils, history, review, reviews, amend, remove, export, import,
db upgrade.

Each command parses its options and makes one call of `clausewise.app.Store`, which is one
transaction: it prints once that has committed, and a failure anywhere leaves the database
exactly as it was.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from clausewise.app import Store
from clausewise.app.adding import AddJob, manifest_jobs
from clausewise.app.history import changed, removed_summary
from clausewise.app.output import check_writable, write_file
from clausewise.app.progress import SILENT
from clausewise.errors import BadValue, os_problem
from clausewise.reports import HistoryReport, ReviewsReport
from clausewise.reports.words import plural
from clausewise.store import COUNCIL_KINDS, COVER_DATE, MODEL_PUBLISHER, AddOptions, Change, Value, describe
from clausewise.store.lineage import DETECTED

from .options import DATE, as_of_option, db_option, jobs_option, policy_option, print_format_option, within_option
from .output import emit_report, emit_rows, note, progress_bars, warn

# The option that gives each value `add` stores, for saying where a value came from.
FLAGS = {
    "version": "--version",
    "adopted": "--adopted",
    "adopted by": "--adopted-by",
    "minute": "--minute",
    "review due": "--review-due",
    "based on": "--based-on",
    "council": "--council",
    "kind": "--kind",
}


def _origin(value: Value) -> str:
    """ "adopted 2026-04-14 (from --adopted)": a value the clerk gave is named by its option."""
    if value.value is None:  # a detection that found nothing says why
        return f"{value.name}: not known" + (f" ({value.origin})" if value.origin else "")
    if value.origin and value.origin.startswith(DETECTED):  # "detected: 64% of its clauses kept, ..."
        return f"{value.name} {value.value} ({value.origin})"
    origin = FLAGS.get(value.name, "the command line") if value.origin == "given" else value.origin
    if value.origin == COVER_DATE:  # not an adoption date, only the best there is: say so
        origin = f"{COVER_DATE}; no adoption date found — give {FLAGS[value.name]} to correct"
    return f"{value.name} {value.value} (from {origin})"


force_option = click.option(
    "--force", is_flag=True, help="Store a date that looks impossible (in the future, or a review before adoption)."
)


@click.command("add")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", type=click.Path(path_type=Path), help="Add every document of a manifest.")
@click.option("--council", help="The council (default: the name the document gives).")
@click.option("--policy", help='The policy, e.g. "Councillor-Officer Protocol".')
@click.option("--model", is_flag=True, help="The file is a model publisher's version, which councils follow.")
@click.option("--kind", type=click.Choice([k for k in COUNCIL_KINDS if k != MODEL_PUBLISHER]), help="Council kind.")
@click.option("--version", "label", metavar="LABEL", help="Version label (default: the document's version).")
@click.option("--adopted", type=DATE, metavar="DATE", help="Adoption date, YYYY-MM-DD.")
@click.option("--adopted-by", metavar="BODY", help='Who adopted it, e.g. "Full Council".')
@click.option("--minute", metavar="REF", help="Minute reference of the adoption.")
@click.option("--review-due", type=DATE, metavar="DATE", help="Next review date, YYYY-MM-DD.")
@click.option("--based-on", metavar="REF", help="The stored model version it follows, e.g. model@3.")
@jobs_option("Read the files in N processes at once (when there are many).")
@force_option
@db_option
def add_command(
    files: tuple[Path, ...],
    manifest: Path | None,
    council: str | None,
    policy: str | None,
    model: bool,
    kind: str | None,
    label: str | None,
    adopted: date | None,
    adopted_by: str | None,
    minute: str | None,
    review_due: date | None,
    based_on: str | None,
    jobs: int,
    force: bool,
    db: str | None,
) -> None:
    """Store policy files as versions of a council's policy.

    What the options give wins; the document's own metadata fills the rest, and the output
    says where each value came from. Adding the same file again does nothing (with other
    values it is refused: use `clausewise amend`). A new version supersedes the current one,
    which stays in the history. An adoption date in the future or a review due before the
    adoption is refused unless --force. Many files at once (a manifest) are read in --jobs
    processes; which model version each council follows is then found by `clausewise align-all`.

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
    work = manifest_jobs(manifest) if manifest is not None else []
    if files:
        if not policy:
            raise BadValue('which policy is this? give --policy NAME, e.g. --policy "Councillor-Officer Protocol"')
        options = AddOptions(
            policy=policy,
            council=council,
            kind=MODEL_PUBLISHER if model else kind,
            label=label,
            adopted_on=adopted,
            adopted_by=adopted_by,
            minute_ref=minute,
            review_due=review_due,
            based_on=based_on,
        )
        work += [AddJob(path, options) for path in files]
    with progress_bars() as bars:
        results = Store(db, notify=note).add_jobs(work, bars if len(work) > 1 else SILENT, force=force, workers=jobs)
    for result in results:
        warn(result.warnings)
        click.echo(result.describe())
        for value in result.values:
            click.echo(f"  {_origin(value)}")


@click.command("councils")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@db_option
def councils_command(fmt: str, db: str | None) -> None:
    """List the councils in the database, with how many policies and versions each has.

    \b
    Example:
      clausewise councils --format csv > councils.csv
    """
    found = Store(db, notify=note).councils()

    def text() -> str:
        if not found:
            return "No councils yet; add a policy with `clausewise add FILE --policy NAME`."
        width = max(len(c.name) for c in found)
        return "\n".join(
            f"{c.name:{width}}  {c.kind or '-':15}  {plural(c.policies, 'policy', 'policies')}, "
            f"{plural(c.versions, 'version')}"
            for c in found
        )

    emit_rows([asdict(c) for c in found], fmt, text)


@click.command("history")
@click.argument("council")
@policy_option
@print_format_option(HistoryReport, default="text")
@as_of_option
@db_option
def history_command(council: str, policy: str | None, fmt: str, as_of: date | None, db: str | None) -> None:
    """Show a council's versions of a policy over time and what changed at each.

    Changes are found by aligning each version with the one before; the alignments are
    stored and reused. `clausewise report history` writes the same history to a file.

    \b
    Example:
      clausewise history "Chard Town Council" --policy "Councillor-Officer Protocol"
    """
    emit_report(Store(db, notify=note).history(council, policy=policy, as_of=as_of), fmt, None)


@click.command("review")
@click.argument("council")
@policy_option
@click.option("--on", "on", required=True, type=DATE, metavar="DATE", help="The date of the review, YYYY-MM-DD.")
@click.option("--next", "next_due", required=True, type=DATE, metavar="DATE", help="The next review date, YYYY-MM-DD.")
@click.option("--minute", metavar="REF", help="Minute reference of the review.")
@force_option
@db_option
def review_command(
    council: str, policy: str | None, on: date, next_due: date, minute: str | None, force: bool, db: str | None
) -> None:
    """Record a review that kept the current text unchanged, and its next review date.

    A review dated in the future is refused unless --force.

    \b
    Example:
      clausewise review "Chard Town Council" --policy "Councillor-Officer Protocol" \\
          --on 2026-05-05 --next 2027-05-05 --minute 42/26
    """
    version = Store(db, notify=note).review(
        council, policy=policy, on=on, next_due=next_due, minute=minute, force=force
    )
    click.echo(
        f"reviewed {version.council}: {version.policy} version {version.label} on {on} (unchanged); "
        f"next review {next_due}"
    )


@click.command("reviews")
@policy_option
@within_option(90)
@print_format_option(ReviewsReport, default="text")
@as_of_option
@db_option
def reviews_command(policy: str | None, within: int, fmt: str, as_of: date | None, db: str | None) -> None:
    """List current versions overdue for review, due soon, or with no review date.

    `clausewise report reviews` writes the same list to a file.

    \b
    Examples:
      clausewise reviews
      clausewise reviews --as-of 2026-09-01 --within 60 --format csv > reviews.csv
    """
    emit_report(Store(db, notify=note).reviews(as_of=as_of, within=within, policy=policy), fmt, None)


reason_option = click.option("--reason", metavar="TEXT", help="Why, for the record `clausewise history` shows.")
# What goes with a removed version when nothing else refers to its entries (corrections.py).
ENTRIES_REMOVED = {
    "policy": "the policy's entry is removed too: no council has a version of it now",
    "council": "the council's entry is removed too: it has no versions left",
}


def _change(change: Change) -> str:
    return f"  version {change.version}: {changed(change.field, change.old, change.new)}"


@click.command("amend")
@click.argument("reference", metavar="REF")
@click.option("--version", "label", metavar="LABEL", help="The correct version label.")
@click.option("--adopted", type=DATE, metavar="DATE", help="The correct adoption date, YYYY-MM-DD.")
@click.option("--adopted-by", metavar="BODY", help='Who adopted it ("" clears it).')
@click.option("--minute", metavar="REF", help='The minute reference of the adoption ("" clears it).')
@click.option("--review-due", type=DATE, metavar="DATE", help="The correct next review date, YYYY-MM-DD.")
@reason_option
@force_option
@db_option
def amend_command(
    reference: str,
    label: str | None,
    adopted: date | None,
    adopted_by: str | None,
    minute: str | None,
    review_due: date | None,
    reason: str | None,
    force: bool,
    db: str | None,
) -> None:
    """Correct a stored version's details: its label, adoption date, body or minute, or review date.

    REF is COUNCIL[:POLICY][@VERSION|@DATE], as `compare` takes it; without @ it is the current
    version. Each change is recorded with the old and new value, the date and --reason, and
    `clausewise history` lists it. Correcting an adoption date can make another version
    current; that is recorded and printed too.

    \b
    Examples:
      clausewise amend "Chard Town Council@2015" --adopted 2015-01-20 --minute 311/15 \\
          --reason "date misread from the minute book"
      clausewise amend spilsby --review-due 2028-04-30
    """
    if all(value is None for value in (label, adopted, adopted_by, minute, review_due)):
        raise BadValue("nothing to amend; give --version, --adopted, --adopted-by, --minute or --review-due")
    result = Store(db, notify=note).amend(
        reference,
        label=label,
        adopted_on=adopted,
        adopted_by=adopted_by,
        minute_ref=minute,
        review_due=review_due,
        reason=reason,
        force=force,
    )
    what = f"{result.council}: {result.policy} version {result.label}"
    if not result.changes:
        click.echo(f"unchanged {what} has those values already; nothing to do")
        return
    click.echo(f"amended {what}")
    for change in result.changes:
        click.echo(_change(change))


@click.command("remove")
@click.argument("reference", metavar="REF")
@reason_option
@db_option
def remove_command(reference: str, reason: str | None, db: str | None) -> None:
    """Remove a version stored by mistake, with its clauses, reviews and comparisons.

    REF is COUNCIL[:POLICY][@VERSION|@DATE]; without @ it is the current version. If it was
    current, the latest version left becomes current again. The removal is recorded with the
    file's name and sha256, its label and dates and --reason (`clausewise history` lists it),
    so `clausewise add` can store the file again. Removing a council's last version removes
    the council's entry too, and a policy no council has any more goes with it.

    \b
    Example:
      clausewise remove "Spilsby Town Council@2026" --reason "added under the wrong council"
    """
    result = Store(db, notify=note).remove(reference, reason=reason)
    assert result.removed is not None
    click.echo(f"removed {result.council}: {result.policy} version {result.label} ({removed_summary(result.removed)})")
    for change in result.changes:
        click.echo(_change(change))
    for entry in result.entries_removed:
        click.echo(f"  {ENTRIES_REMOVED[entry]}")


@click.command("export")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@db_option
def export_command(file: Path, db: str | None) -> None:
    """Write the whole database to a JSON file (read back with `clausewise import`).

    \b
    Example:
      clausewise export backup.json
    """
    if str(file) != "-":
        check_writable(file)  # before the work: a bad path is said at once
    data = Store(db, notify=note).export()
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if str(file) == "-":
        click.echo(text, nl=False)
    else:
        write_file(file, text)
        versions, councils = plural(len(data["versions"]), "version"), plural(len(data["councils"]), "council")
        click.echo(f"exported {versions} of {councils} to {file}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def import_command(file: Path, db: str | None) -> None:
    """Load a JSON export into an empty database.

    \b
    Example:
      clausewise import backup.json --db restored.db
    """
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadValue(f"{file}: {os_problem(exc)}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadValue(f"{file}: not a JSON export ({exc}); give a file written by `clausewise export`") from None
    if not isinstance(data, dict):
        raise BadValue(f"{file}: not a clausewise export; give a file written by `clausewise export`")
    try:
        counts = Store(db, notify=note).load(data)
    except BadValue as exc:  # a fault in the export: name the file it is in
        raise BadValue(f"{file}: {exc.message}", needs=exc.needs) from None
    click.echo(f"imported {file}: " + ", ".join(plural(n, _singular(what), what) for what, n in counts.items()))


def _singular(what: str) -> str:
    """ "policies" -> "policy", "alignment runs" -> "alignment run"."""
    return what[:-3] + "y" if what.endswith("ies") else what.removesuffix("s")


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
    store = Store(db, notify=note)
    result = store.upgrade()
    where = describe(store.url)
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
    amend_command,
    remove_command,
    export_command,
    import_command,
    db_group,
)
