"""History: one council's versions of a policy over time, and what changed at each adoption."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clausewise.align.model import Alignment


@dataclass(frozen=True)
class HistoryRow:
    version_label: str
    adopted_on: date | None
    adopted_by: str | None = None  # "Council", "Finance & Personnel Committee"
    minute: str | None = None
    status: str = "adopted"  # adopted | draft | superseded | …
    summary: str | None = None  # a clerk's note of what changed
    changes: Alignment | None = None  # the alignment from the previous version to this one


@dataclass(frozen=True)
class ChangeCounts:
    """What the alignment from the previous version says changed."""

    modified: int
    cosmetic: int
    added: int
    removed: int
    moved: int
    changed_clauses: tuple[str, ...]  # how a reader cites them: numbers, else opening words

    @property
    def total(self) -> int:
        return self.modified + self.added + self.removed + self.moved


@dataclass(frozen=True)
class HistoryEntry:
    version_label: str
    adopted_on: date | None
    adopted_by: str | None
    minute: str | None
    status: str
    summary: str | None
    changes: ChangeCounts | None


@dataclass(frozen=True)
class HistoryReport:
    council: str
    policy: str
    as_of: date
    entries: tuple[HistoryEntry, ...]  # oldest first; undated versions last, in the order given

    @property
    def title(self) -> str:
        return f"{self.policy}: version history"


def build_history(rows: Iterable[HistoryRow], *, council: str, policy: str, as_of: date) -> HistoryReport:
    given = list(rows)
    ordered = sorted(range(len(given)), key=lambda k: (given[k].adopted_on is None, given[k].adopted_on or date.min, k))
    entries = tuple(
        HistoryEntry(
            version_label=row.version_label,
            adopted_on=row.adopted_on,
            adopted_by=row.adopted_by,
            minute=row.minute,
            status=row.status,
            summary=row.summary,
            changes=change_counts(row.changes) if row.changes is not None else None,
        )
        for row in (given[k] for k in ordered)
    )
    return HistoryReport(council=council, policy=policy, as_of=as_of, entries=entries)


def change_counts(alignment: Alignment, *, limit: int = 12) -> ChangeCounts:
    new_by_id = {c.id: c for c in alignment.right.content}
    changed = [
        _cite(new_by_id[link.right[0]].number, new_by_id[link.right[0]].text)
        for link in alignment.links
        if link.relation == "modified" or link.moved
    ]
    changed += [_cite(c.number, c.text) for c in alignment.added()]
    changed += [_cite(c.number, c.text) + " (removed)" for c in alignment.removed()]
    return ChangeCounts(
        modified=sum(len(link.left) for link in alignment.links if link.relation == "modified"),
        cosmetic=sum(len(link.left) for link in alignment.links if link.relation == "cosmetic"),
        added=len(alignment.added()),
        removed=len(alignment.removed()),
        moved=sum(1 for link in alignment.links if link.moved),
        changed_clauses=tuple(changed[:limit])
        + ((f"and {len(changed) - limit} more",) if len(changed) > limit else ()),
    )


def _cite(number: str | None, text: str) -> str:
    if number and number not in {"•", "-"}:
        return number
    words = text.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")
