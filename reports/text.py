"""Reports as plain text for the terminal: what `clausewise reviews` and `clausewise history` print.

The same report objects as every other format, so the terminal, the HTML page and the CSV file
give the same buckets, the same counts and the same wording.
"""

from __future__ import annotations

from .history import HistoryEntry, HistoryReport, based_on_line, review_line
from .lineage import REVISED
from .registry import renderer
from .reviews import BUCKET_TITLES, BUCKETS, ReviewItem, ReviewsReport
from .words import iso_date, plural


@renderer(ReviewsReport, "text")
def _reviews(report: ReviewsReport) -> str:
    window = f" (due within {plural(report.within, 'day')})" if report.within is not None else ""
    lines = [f"Reviews as of {iso_date(report.as_of)}{window}"]
    for bucket in BUCKETS:
        items = report.in_bucket(bucket)
        if items:
            lines.append(f"{BUCKET_TITLES[bucket]}:")
            lines.extend(f"  {_review(item)}" for item in items)
    if not report.items:
        lines.append("Nothing overdue or due, and every current version has a review date.")
    return "\n".join(lines) + "\n"


def _review(item: ReviewItem) -> str:
    row = item.row
    line = f"{row.council}: {row.policy} version {row.version_label}"
    revised = f" — {REVISED} (follows version {row.model_version}; now {row.model_now})" if row.model_revised else ""
    if row.review_due is None or item.days is None:
        return line + revised
    days = plural(abs(item.days), "day")
    when = f"{days} ago" if item.days < 0 else "today" if item.days == 0 else f"in {days}"
    return f"{line} due {iso_date(row.review_due, row.review_due_precision)} ({when}){revised}"


@renderer(HistoryReport, "text")
def _history(report: HistoryReport) -> str:
    lines = [f"{report.council} — {report.policy}"]
    for entry in report.entries:
        lines += _entry(entry)
    if not report.entries:
        lines.append("  no versions")
    if report.corrections:
        lines.append("  corrections:")
    for c in report.corrections:
        reason = f" (reason: {c.reason})" if c.reason else ""
        lines.append(f"    {iso_date(c.made_on)} version {c.version_label}: {c.what}{reason}")
    return "\n".join(lines) + "\n"


def _entry(e: HistoryEntry) -> list[str]:
    adopted = f"adopted {iso_date(e.adopted_on, e.adopted_precision)}" if e.adopted_on else "adoption date not known"
    adopted += f" ({e.adopted_note})" if e.adopted_note else ""
    adopted += f" by {e.adopted_by}" if e.adopted_by else ""
    adopted += f", minute {e.minute}" if e.minute else ""
    review = f"review due {iso_date(e.review_due, e.review_due_precision)}" if e.review_due else "no review date"
    source = f"; {e.source}" if e.source else ""
    source += f", {plural(e.clauses, 'clause')}" if e.clauses is not None else ""
    lines = [f"  {e.version_label} ({e.status}): {adopted}; {review}{source}"]
    if e.based_on:
        lines.append(f"    {based_on_line(e)}")
    if e.summary:
        lines.append(f"    note: {e.summary}")
    lines.append(f"    changes: {e.changes.describe()}" if e.changes else "    first version stored")
    if e.changed:
        lines.append(f"    changed: {'; '.join(e.changed)}")
    lines.extend(f"    {review_line(r)}" for r in e.reviews)
    return lines
