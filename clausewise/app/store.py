"""`Store`: a clausewise database and everything one can ask of it, one transaction a call.

The command line, the web app and Python callers all go through this class. Each method opens
one transaction: when it returns, everything it did is committed; when it raises, nothing it
did is kept. Only a method that needs the database opens it, so comparing or redlining two
files never creates one.

    store = Store("policies.db")
    store.add_manifest("corpus/manifest.toml")
    report = store.divergence("Spilsby")
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings
from clausewise.reports import (
    DivergenceReport,
    HistoryReport,
    MatrixReport,
    RedlineReport,
    ReviewsReport,
    UpdateReport,
)
from clausewise.reports.redline import Changes
from clausewise.store import (
    AddOptions,
    AddResult,
    Amendment,
    CorrectionResult,
    CouncilSummary,
    UpgradeResult,
    VersionInfo,
    amend_version,
    councils,
    database_url,
    describe,
    export_data,
    import_data,
    may_cache,
    open_session,
    record_review,
    remove_version,
    resolve_version,
    upgrade_database,
)

from . import reports
from .adding import AddJob, add_files, detects_on_add, manifest_jobs
from .batch import BatchResult, align_corpus
from .comparing import compare, compare_stored
from .history import policy_history
from .pool import DEFAULT_JOBS
from .progress import SILENT, Progress
from .reviews import reviews_due
from .sides import Side, is_reference
from .updating import update_report


class Store:
    """A clausewise database: a file path, a SQLAlchemy URL, or None for $CLAUSEWISE_DB, else
    ./clausewise.db. Nothing is opened until a method needs it."""

    def __init__(self, db: str | Path | URL | None = None, *, notify: Callable[[str], None] | None = None) -> None:
        self.url = db if isinstance(db, URL) else database_url(str(db) if db is not None else None)
        # How the store says something worth knowing that is not an error (the command line
        # prints it on stderr); by default a message on the "clausewise" logger.
        self.notify = notify or logging.getLogger("clausewise").info
        self._said: set[str] = set()

    def __repr__(self) -> str:
        return f"Store({describe(self.url)!r})"

    @contextmanager
    def transaction(self, *, write: bool | Literal["cache"] = True) -> Iterator[Session]:
        """A session in one transaction, for callers that combine the store's own functions.
        `write="cache"`: a read that keeps the alignments it makes, where the database allows."""
        with open_session(self.url, write=write) as session:
            yield session
            if write == "cache" and not may_cache(session):
                reason = session.info.get("cache_refused") or f"{describe(self.url)} is read-only"
                self._say_once(f"{reason}; alignments made now are not kept for next time")

    def _say_once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.notify(message)

    # Adding and correcting
    def add(
        self,
        *paths: str | Path,
        policy: str,
        council: str | None = None,
        kind: str | None = None,
        label: str | None = None,
        adopted_on: date | None = None,
        adopted_by: str | None = None,
        minute_ref: str | None = None,
        review_due: date | None = None,
        based_on: str | None = None,
        progress: Progress = SILENT,
        force: bool = False,
        today: date | None = None,
    ) -> list[AddResult]:
        """Store policy files as versions of a council's policy. What is given here wins over
        what the document says; None means "as the document says" (see `AddOptions`). An
        adoption date after `today` (default: the clock's) or a review due before the adoption
        is refused (`ImpossibleDate`) unless `force`."""
        options = AddOptions(
            policy=policy,
            council=council,
            kind=kind,
            label=label,
            adopted_on=adopted_on,
            adopted_by=adopted_by,
            minute_ref=minute_ref,
            review_due=review_due,
            based_on=based_on,
        )
        return self.add_jobs([AddJob(Path(path), options) for path in paths], progress, force=force, today=today)

    def add_manifest(self, manifest: str | Path, progress: Progress = SILENT) -> list[AddResult]:
        """Store every document a manifest lists (see corpus/manifest.toml)."""
        return self.add_jobs(manifest_jobs(Path(manifest)), progress)

    def add_jobs(
        self,
        jobs: Sequence[AddJob],
        progress: Progress = SILENT,
        *,
        force: bool = False,
        today: date | None = None,
        workers: int = 1,
    ) -> list[AddResult]:
        """Add the jobs' files in one transaction (see `adding`): read in `workers` processes
        when there are many, stored as they are read, and all rolled back if one is bad. (A
        script that asks for workers needs the `if __name__ == "__main__":` guard every
        process pool needs.)"""
        with self.transaction() as session:
            added = add_files(session, jobs, progress, workers=workers, today=today, force=force)
        if not detects_on_add([job.options for job in jobs]):
            self.notify(
                f"which model version each of these {len(jobs):,} documents follows is found when they are first "
                "aligned with the model: `clausewise align-all` does that now, in parallel"
            )
        return added

    def review(
        self,
        council: str,
        *,
        policy: str | None = None,
        on: date,
        next_due: date,
        minute: str | None = None,
        force: bool = False,
        today: date | None = None,
    ) -> VersionInfo:
        """Record a review that kept the current text, and move its next review date. A review
        dated after `today` (default: the clock's) is refused unless `force`."""
        with self.transaction() as session:
            return record_review(
                session, council, policy, on=on, next_due=next_due, minute_ref=minute, today=today, force=force
            )

    def amend(
        self,
        reference: str,
        *,
        label: str | None = None,
        adopted_on: date | None = None,
        adopted_by: str | None = None,
        minute_ref: str | None = None,
        review_due: date | None = None,
        reason: str | None = None,
        force: bool = False,
        today: date | None = None,
    ) -> CorrectionResult:
        """Correct a stored version's facts (None leaves one as it is, "" clears adopted_by or
        minute_ref). Every change is recorded with `reason` and shown by `history`; the dates
        are checked as `add` checks them."""
        amendment = Amendment(label, adopted_on, adopted_by, minute_ref, review_due)
        with self.transaction() as session:
            return amend_version(session, reference, amendment, reason=reason, today=today, force=force)

    def remove(self, reference: str, *, reason: str | None = None) -> CorrectionResult:
        """Remove a version stored by mistake; its file name, sha256, label and dates are kept in
        the record of corrections, and the previous version becomes current again if it was
        current (see `clausewise.store.corrections`)."""
        with self.transaction() as session:
            return remove_version(session, reference, reason=reason)

    # Asking
    def councils(self) -> list[CouncilSummary]:
        with self.transaction(write=False) as session:
            return councils(session)

    def version(self, reference: str) -> VersionInfo:
        """The stored version a reference names: COUNCIL[:POLICY][@VERSION|@DATE], or model."""
        with self.transaction(write=False) as session:
            return resolve_version(session, reference)

    def compare(
        self, left: Side, right: Side, *, profile: str = "default", settings: AlignSettings = DEFAULT_SETTINGS
    ) -> Alignment:
        """Align two sides (files, Documents or stored references); stored pairs keep their run."""
        if not (is_reference(left) or is_reference(right)):
            return compare(left, right, profile=profile, settings=settings)
        with self.transaction(write="cache") as session:
            return compare_stored(session, left, right, profile=profile, settings=settings)

    # Reports
    def history(
        self,
        council: str,
        *,
        policy: str | None = None,
        as_of: date | None = None,
        settings: AlignSettings = DEFAULT_SETTINGS,
    ) -> HistoryReport:
        with self.transaction(write="cache") as session:  # alignments it makes are stored
            return policy_history(session, council, policy, as_of=as_of or date.today(), settings=settings)

    def reviews(
        self, *, as_of: date | None = None, within: int | None = None, policy: str | None = None
    ) -> ReviewsReport:
        """Current versions by review date: overdue, due within 30/60/90 days, later (unless
        `within` leaves them out), and with no review date."""
        with self.transaction(write=False) as session:
            return reviews_due(session, as_of=as_of or date.today(), within=within, policy=policy)

    def divergence(
        self,
        council: str,
        *,
        policy: str | None = None,
        model: str = reports.MODEL,
        as_of: date | None = None,
        settings: AlignSettings = DEFAULT_SETTINGS,
    ) -> DivergenceReport:
        with self.transaction(write="cache") as session:
            return reports.divergence_report(
                session, council, policy=policy, model=model, as_of=as_of or date.today(), settings=settings
            )

    def redline(
        self,
        old: Side,
        new: Side,
        *,
        author: str | None = None,
        as_of: date | None = None,
        settings: AlignSettings = DEFAULT_SETTINGS,
        changes: Changes = "all",
        cover: bool = False,
    ) -> RedlineReport:
        """The redline from OLD to NEW; `changes="substantive"` leaves the changes the aligner
        classes as cosmetic untracked (the new text stands), `cover=True` adds a cover note
        outside the tracked body."""
        build = partial(
            reports.redline_report,
            as_of=as_of or date.today(),
            author=author,
            settings=settings,
            changes=changes,
            cover=cover,
        )
        if not (is_reference(old) or is_reference(new)):  # two files: no database needed, none created
            return build(None, old, new)
        with self.transaction(write="cache") as session:
            return build(session, old, new)

    def update(
        self,
        local: Side,
        *,
        base: Side | None = None,
        new: Side | None = None,
        author: str | None = None,
        as_of: date | None = None,
        profile: str = "default",
        settings: AlignSettings = DEFAULT_SETTINGS,
    ) -> UpdateReport:
        """What the model's changes from `base` to `new` mean for `local`, with the proposed wording.
        With a stored `local`, `base` defaults to the model version it follows and `new` to the
        model's current version; with files, give both."""
        day = as_of or date.today()
        sides = [side for side in (local, base, new) if side is not None]
        if not any(is_reference(side) for side in sides) and base is not None and new is not None:
            return update_report(
                None, local, base=base, new=new, as_of=day, author=author, profile=profile, settings=settings
            )
        with self.transaction(write="cache") as session:
            return update_report(
                session, local, base=base, new=new, as_of=day, author=author, profile=profile, settings=settings
            )

    def matrix(
        self,
        *,
        policy: str | None = None,
        model: str = reports.MODEL,
        as_of: date | None = None,
        settings: AlignSettings = DEFAULT_SETTINGS,
        jobs: int = DEFAULT_JOBS,
        progress: Progress = SILENT,
    ) -> MatrixReport:
        """Councils x model clauses. The alignments it needs and the store lacks are made first,
        in `jobs` processes, and stored (on a database that cannot be written, one by one here)."""
        if not self._read_only():
            self.align_all(policy=policy, model=model, settings=settings, jobs=jobs, progress=progress)
        with self.transaction(write="cache") as session:
            return reports.matrix_report(
                session, policy=policy, model=model, as_of=as_of or date.today(), settings=settings
            )

    def align_all(
        self,
        *,
        policy: str | None = None,
        model: str = reports.MODEL,
        settings: AlignSettings = DEFAULT_SETTINGS,
        jobs: int = DEFAULT_JOBS,
        progress: Progress = SILENT,
    ) -> BatchResult:
        """Align every pair the corpus reports need that is not stored yet (each council's current
        version against each model version) in `jobs` processes, storing them in batches."""
        return align_corpus(self.url, policy=policy, model=model, settings=settings, jobs=jobs, progress=progress)

    def _read_only(self) -> bool:
        with self.transaction(write="cache") as session:
            return not may_cache(session)

    # The database itself
    def export(self) -> dict[str, Any]:
        """Everything stored, as JSON-ready data (`load` reads it back)."""
        with self.transaction(write=False) as session:
            return export_data(session)

    def load(self, data: dict[str, Any]) -> dict[str, int]:
        """Load an export into this database, which must be empty; how many rows of each kind."""
        with self.transaction() as session:
            return import_data(session, data)

    def upgrade(self) -> UpgradeResult:
        """Create the database, or bring its schema up to this clausewise's."""
        return upgrade_database(self.url)[1]
