"""A council's versions of a policy over time, and what changed at each: the one history that
`clausewise history`, `clausewise report history` and Python callers all get, with the
corrections made to it (`amend`, `remove`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings
from clausewise.reports import CorrectionEvent, HistoryReport, HistoryRow, ReviewEvent, build_history
from clausewise.reports.words import plural
from clausewise.store import COVER_DATE, CorrectionInfo, VersionInfo, corrections_of, reviews_of, versions_in_order

from .comparing import compare_versions
from .lineage import Lineage, lineage, model_lineage

# What a history says of an adoption date read from the cover, for the clerk to check.
COVER_NOTE = "the date on the cover; no adoption date found"
SHA_SHOWN = 12  # hex digits of a removed file's sha256 shown: enough to tell files apart


def policy_history(
    session: Session,
    council: str,
    policy: str | None = None,
    *,
    as_of: date,
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> HistoryReport:
    """Each version, oldest first, with its alignment from the one before (stored and reused)."""
    versions = versions_in_order(session, council, policy)
    events: defaultdict[int, list[ReviewEvent]] = defaultdict(list)
    for review in reviews_of(session, (v.id for v in versions)):
        events[review.version_id].append(
            ReviewEvent(review.reviewed_on, review.outcome, review.next_review_due, review.minute_ref)
        )
    changes: list[Alignment | None] = [None]
    changes += [compare_versions(session, a, b, settings=settings) for a, b in pairwise(versions)]
    rows = [
        _row(v, alignment, tuple(events[v.id]), lineage(session, v))
        for v, alignment in zip(versions, changes, strict=True)
    ]
    names = versions[0].council, versions[0].policy
    corrections = [correction_event(c) for c in corrections_of(session, *names)]
    return build_history(rows, council=names[0], policy=names[1], as_of=as_of, corrections=corrections)


def _row(
    version: VersionInfo, changes: Alignment | None, reviews: tuple[ReviewEvent, ...], found: Lineage
) -> HistoryRow:
    """A version's row: its facts, what changed from the one before, and the model version it
    follows (as `lineage` finds it now, so a model version stored since is taken into account)."""
    return HistoryRow(
        version_label=version.label,
        adopted_on=version.adopted_on,
        adopted_by=version.adopted_by,
        minute=version.minute_ref,
        status=version.status,
        changes=changes,
        review_due=version.review_due,
        source=version.source_name,
        clauses=version.clauses,
        based_on=found.base.reference if found.base else version.based_on,
        reviews=reviews,
        adopted_precision=version.adopted_precision,
        review_due_precision=version.review_due_precision,
        adopted_note=COVER_NOTE if version.adopted_origin == COVER_DATE else None,
        lineage=model_lineage(found),
    )


def correction_event(correction: CorrectionInfo) -> CorrectionEvent:
    """A recorded correction in one line: "adopted 2026-04 -> 2026-04-14", or what was removed."""
    if correction.removed is not None:
        what = f"removed ({removed_summary(correction.removed)})"
    else:
        what = changed(correction.field or "", correction.old_value, correction.new_value)
    return CorrectionEvent(correction.made_at.date(), correction.version_label, what, correction.reason)


def changed(field: str, old: str | None, new: str | None) -> str:
    """One corrected fact, as `amend` prints it and `history` lists it."""
    return f"{field} {old or 'not known'} -> {new or 'not known'}"


def removed_summary(removed: dict[str, object]) -> str:
    """A removed version as its record identifies it: file, sha256, dates, what went with it."""
    parts = [f"{removed.get('source_name')}", f"sha256 {str(removed.get('sha256'))[:SHA_SHOWN]}"]
    parts += [f"{name} {removed[name]}" for name in ("adopted", "minute", "review due") if removed.get(name)]
    parts.append(f"{removed.get('clauses')} clauses")
    reviews = removed.get("reviews")
    if isinstance(reviews, list) and reviews:
        parts.append(plural(len(reviews), "recorded review"))
    return ", ".join(parts)
