"""Reports as JSON and CSV: the same finished report objects, as data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from clausewise.ingest.dates import format_date

from .divergence import DivergenceReport
from .history import HistoryReport
from .matrix import MatrixReport
from .redline import RedlineReport
from .registry import kind_of, renderer
from .reviews import BUCKET_TITLES, ReviewsReport

# Derived figures a reader of the JSON needs without redoing the sums.
_PROPERTIES = ("similarity", "title", "printed", "total", "old_text", "new_text")
REPORT_TYPES = (DivergenceReport, RedlineReport, ReviewsReport, MatrixReport, HistoryReport)


def to_dict(report: object) -> dict[str, Any]:
    """A report as JSON-ready data, with a "report" key naming its kind."""
    if not dataclasses.is_dataclass(report) or isinstance(report, type):
        raise TypeError(f"not a report: {type(report).__name__}")
    kind = kind_of(type(report)).name
    data = _plain(report)
    if isinstance(report, RedlineReport):
        data["counts"] = {s: report.count(s) for s in ("unchanged", "changed", "inserted", "deleted")}
        data["counts"]["moved"] = report.moved
    return {"report": kind, **data}


def render_json(report: object) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False)


for _report_type in REPORT_TYPES:
    renderer(_report_type, "json")(render_json)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith("_")}
        for name in _PROPERTIES:
            if isinstance(getattr(type(value), name, None), property):
                out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 2)
    return value


# Each report's CSV is its main table, with one header row.


@renderer(DivergenceReport, "csv")
def _divergence(report: DivergenceReport) -> str:
    return _csv(
        ("section", "clauses", "identical", "cosmetic", "modified", "missing", "similarity_percent"),
        [
            (s.title, s.clauses, s.identical, s.cosmetic, s.modified, s.missing, f"{s.similarity:.1f}")
            for s in report.sections
        ],
    )


@renderer(ReviewsReport, "csv")
def _reviews(report: ReviewsReport) -> str:
    return _csv(
        ("status", "days", "council", "policy", "version", "adopted_on", "review_due"),
        [
            (
                BUCKET_TITLES[item.bucket],
                "" if item.days is None else item.days,
                item.row.council,
                item.row.policy,
                item.row.version_label,
                format_date(item.row.adopted_on, item.row.adopted_precision, missing=""),
                format_date(item.row.review_due, item.row.review_due_precision, missing=""),
            )
            for item in report.items
        ],
    )


@renderer(MatrixReport, "csv")
def _matrix(report: MatrixReport) -> str:
    """Councils down, model clauses across: the heatmap as numbers a spreadsheet can chart."""
    head = ("council", *(c.citation for c in report.clauses))
    return _csv(head, [(row.council, *row.cells) for row in report.rows])


@renderer(HistoryReport, "csv")
def _history(report: HistoryReport) -> str:
    counts = ("modified", "added", "removed", "moved", "cosmetic")
    return _csv(
        ("version", "adopted_on", "adopted_by", "minute", "status", *counts, "changed", "summary"),
        [
            (
                e.version_label,
                format_date(e.adopted_on, e.adopted_precision, missing=""),
                e.adopted_by or "",
                e.minute or "",
                e.status,
                *(getattr(e.changes, name) if e.changes else "" for name in counts),
                "; ".join(e.changed),
                e.summary or "",
            )
            for e in report.entries
        ],
    )


def _csv(head: Sequence[object], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_cell(v) for v in head])
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "@SUM") is quoted."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value
