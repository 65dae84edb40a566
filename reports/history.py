"""History: one council's versions of a policy over time, and what changed at each adoption."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from clausewise.align.model import Alignment
from clausewise.align.summary import ChangeSummary, summarise
from clausewise.ingest.model import DatePrecision

from .lineage import REVISED, ModelLineage
from .registry import register_report
from .words import iso_date

CHANGED_LIMIT = 12  # clauses cited by name in one entry; the rest are counted


@dataclass(frozen=True)
class ReviewEvent:
    """A review that kept the text: when, its outcome, the next review date it set."""

    reviewed_on: date
    outcome: str
    next_review_due: date | None
    minute: str | None


@dataclass(frozen=True)
class HistoryRow:
    """One version as the caller knows it, with its alignment from the version before."""

    version_label: str
    adopted_on: date | None
    adopted_by: str | None = None  # "Council", "Finance & Personnel Committee"
    minute: str | None = None
    status: str = "adopted"  # adopted | draft | current | superseded | …
    summary: str | None = None  # a clerk's note of what changed
    changes: Alignment | None = None  # the alignment from the previous version to this one
    review_due: date | None = None
    source: str | None = None  # the file it was read from
    clauses: int | None = None
    based_on: str | None = None  # the model version it follows
    reviews: tuple[ReviewEvent, ...] = ()
    adopted_precision: DatePrecision = "day"  # "month": only the month is known ("April 2026")
    review_due_precision: DatePrecision = "day"
    adopted_note: str | None = None  # how the adoption date is known, when no adoption is stated
    lineage: ModelLineage | None = None  # how `based_on` is known, and the model's current version


@dataclass(frozen=True)
class CorrectionEvent:
    """A correction of the stored history (`clausewise amend`, `clausewise remove`): when, which
    version, what was done ("adopted 2026-04 -> 2026-04-14", "removed: …") and why."""

    made_on: date
    version_label: str
    what: str
    reason: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    version_label: str
    adopted_on: date | None
    adopted_by: str | None
    minute: str | None
    status: str
    summary: str | None
    changes: ChangeSummary | None  # against the previous version; None for the first
    changed: tuple[str, ...]  # the changed clauses as a clerk cites them ("and 4 more" last)
    review_due: date | None
    source: str | None
    clauses: int | None
    based_on: str | None
    reviews: tuple[ReviewEvent, ...]
    adopted_precision: DatePrecision = "day"
    review_due_precision: DatePrecision = "day"
    adopted_note: str | None = None
    lineage: ModelLineage | None = None


@dataclass(frozen=True)
class HistoryReport:
    council: str
    policy: str
    as_of: date
    entries: tuple[HistoryEntry, ...]  # in the order given: oldest first
    corrections: tuple[CorrectionEvent, ...] = ()  # oldest first

    @property
    def title(self) -> str:
        return f"{self.policy}: version history"

    @property
    def in_force(self) -> HistoryEntry | None:
        """The version in force: the current one, else the newest given."""
        current = [e for e in self.entries if e.status == "current"]
        return (current or list(self.entries))[-1] if self.entries else None

    @property
    def next_review(self) -> date | None:
        """When the version in force is next due for review (a recorded review moves it)."""
        return self.in_force.review_due if self.in_force else None

    @property
    def next_review_precision(self) -> DatePrecision:
        return self.in_force.review_due_precision if self.in_force else "day"

    @property
    def last_review(self) -> ReviewEvent | None:
        """The latest review recorded for any version."""
        reviews = [r for e in self.entries for r in e.reviews]
        return max(reviews, key=lambda r: r.reviewed_on) if reviews else None


def build_history(
    rows: Iterable[HistoryRow],
    *,
    council: str,
    policy: str,
    as_of: date,
    corrections: Iterable[CorrectionEvent] = (),
) -> HistoryReport:
    """`rows` oldest first, each with its alignment from the row before (the caller's order is
    the order the changes were measured in, so it is kept)."""
    entries = tuple(map(_entry, rows))
    return HistoryReport(council, policy, as_of, entries, corrections=tuple(corrections))


def _entry(row: HistoryRow) -> HistoryEntry:
    return HistoryEntry(
        version_label=row.version_label,
        adopted_on=row.adopted_on,
        adopted_by=row.adopted_by,
        minute=row.minute,
        status=row.status,
        summary=row.summary,
        changes=summarise(row.changes) if row.changes is not None else None,
        changed=changed_clauses(row.changes) if row.changes is not None else (),
        review_due=row.review_due,
        source=row.source,
        clauses=row.clauses,
        based_on=row.based_on,
        reviews=row.reviews,
        adopted_precision=row.adopted_precision,
        review_due_precision=row.review_due_precision,
        adopted_note=row.adopted_note,
        lineage=row.lineage,
    )


def based_on_line(entry: HistoryEntry) -> str:
    """ "based on Sandon…@3 (detected: …); model revised since adoption: the model is now at
    version 4": the one wording of a version's lineage ("" when it follows no known model)."""
    if not entry.based_on:
        return ""
    lineage = entry.lineage
    line = f"based on {entry.based_on}" + (f" ({lineage.how})" if lineage else "")
    if lineage is not None and lineage.revised:
        line += f"; {REVISED}: the model is now at version {lineage.current}"
    return line


def review_line(review: ReviewEvent, when: Callable[[date | None], str] = iso_date) -> str:
    """ "reviewed 2026-05-01 (unchanged, minute 12/26); next review 2027-05-01": the one wording
    of a recorded review, with its dates as `when` writes them."""
    minute = f", minute {review.minute}" if review.minute else ""
    next_due = when(review.next_review_due) if review.next_review_due else "not set"
    return f"reviewed {when(review.reviewed_on)} ({review.outcome}{minute}); next review {next_due}"


def changed_clauses(alignment: Alignment, *, limit: int = CHANGED_LIMIT) -> tuple[str, ...]:
    """The clauses that changed, cited as the new version numbers them (a removed clause as the
    old one did): reworded or moved, then added, then removed."""
    new, old = alignment.right, alignment.left
    changed = [new.citation(link.right[0]) for link in alignment.links if link.relation == "modified" or link.moved]
    changed += [new.citation(c.id) for c in alignment.added()]
    changed += [f"{old.citation(c.id)} (removed)" for c in alignment.removed()]
    more = len(changed) - limit
    return tuple(changed[:limit]) + ((f"and {more} more",) if more > 0 else ())


register_report(
    "history",
    HistoryReport,
    "a council's versions of a policy and what changed at each",
    default="html",
    demo=("html",),
)
