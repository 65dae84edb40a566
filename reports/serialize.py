"""Reports as JSON and CSV: the same finished report objects, as data."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from .divergence import DivergenceReport
from .history import HistoryReport, review_line
from .matrix import MatrixReport
from .redline import RedlineReport
from .registry import kind_of, renderer
from .reviews import BUCKET_TITLES, ReviewsReport
from .spreadsheet import csv_table
from .update import UpdateReport
from .words import iso_date

# Derived figures a reader of the JSON needs without redoing the sums.
_PROPERTIES: tuple[str, ...] = ("similarity", "title", "printed", "total", "old_text", "new_text")
_PROPERTIES += ("model_revised", "revised", "sentence")  # lineage: a policy's model version and the model's now
REPORT_TYPES = (DivergenceReport, RedlineReport, ReviewsReport, MatrixReport, HistoryReport)


def to_dict(report: object) -> dict[str, Any]:
    """A report as JSON-ready data, with a "report" key naming its kind."""
    if not dataclasses.is_dataclass(report) or isinstance(report, type):
        raise TypeError(f"not a report: {type(report).__name__}")
    kind = kind_of(type(report)).name
    data = _plain(report)
    if isinstance(report, RedlineReport):
        data.pop("own_docx", None)  # the Word file itself is not data
        data["counts"] = {s: report.count(s) for s in ("unchanged", "changed", "inserted", "deleted")}
        data["counts"]["moved"] = report.moved
    return {"report": kind, **data}


def render_json(report: object) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False)


for _report_type in REPORT_TYPES:
    renderer(_report_type, "json")(render_json)


@renderer(UpdateReport, "json")
def _update_json(report: UpdateReport) -> str:
    """The update as `clausewise update --format json` documents it: the three versions, the
    count of each action, and each model change with its texts (the redline is the Word file's)."""
    data = {
        "report": "update",
        "council": report.council,
        "as_of": report.as_of.isoformat(),
        "local": report.local_label,
        "base": report.base_label,
        "new": report.new_label,
        "summary": dict(report.summary),
        "changes": [
            {
                "action": item.action,
                "model_change": item.model_change,
                "base_text": item.base_text,
                "new_text": item.new_text,
                "local_text": item.local_text,
                "proposed_text": item.proposed_text,
                "local_number": item.local_number,
                "section": item.section,
                "citation": item.citation,
                "model_citation": item.model_citation,
                "why": item.why,
                "conflicts": [{"base": b, "local": lo, "new": n} for b, lo, n in item.conflicts],
            }
            for item in report.items
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


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


# Each report's CSV is its main table, with one header row, written by `csv_table` (which
# neutralises text a spreadsheet would run as a formula).


@renderer(DivergenceReport, "csv")
def _divergence(report: DivergenceReport) -> str:
    """One row per section of the model, each naming the council, so tables of several
    councils can be put together in one spreadsheet."""
    return csv_table(
        ("council", "section", "clauses", "identical", "cosmetic", "modified", "missing", "similarity_percent"),
        [
            (report.council, s.title, s.clauses, s.identical, s.cosmetic, s.modified, s.missing, f"{s.similarity:.1f}")
            for s in report.sections
        ],
    )


@renderer(ReviewsReport, "csv")
def _reviews(report: ReviewsReport) -> str:
    """The one reviews table, for `clausewise reviews --format csv` and `clausewise report
    reviews` alike: most urgent first; `days` to the review date, negative when overdue."""
    return csv_table(
        (
            *("status", "days", "council", "policy", "version", "adopted_on", "review_due"),
            *("model_version", "model_now", "model_revised"),
        ),
        [
            (
                BUCKET_TITLES[item.bucket],
                item.days,
                item.row.council,
                item.row.policy,
                item.row.version_label,
                iso_date(item.row.adopted_on, item.row.adopted_precision),
                iso_date(item.row.review_due, item.row.review_due_precision),
                item.row.model_version,
                item.row.model_now,
                _yes_no(item.row.model_revised) if item.row.model_version else None,
            )
            for item in report.items
        ],
    )


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


@renderer(MatrixReport, "csv")
def _matrix(report: MatrixReport) -> str:
    """Councils down, model clauses across: the heatmap as numbers a spreadsheet can chart."""
    head = ("council", "model_version", *(c.citation for c in report.clauses))
    return csv_table(head, [(row.council, row.model_version, *row.cells) for row in report.rows])


@renderer(HistoryReport, "csv")
def _history(report: HistoryReport) -> str:
    counts = ("modified", "added", "removed", "moved", "cosmetic")
    return csv_table(
        (
            *("version", "adopted_on", "adopted_by", "minute", "status", "review_due", "reviews"),
            *counts,
            *("changed", "summary", "source", "clauses", "based_on", "model_now", "model_revised"),
        ),
        [
            (
                e.version_label,
                iso_date(e.adopted_on, e.adopted_precision),
                *(e.adopted_by, e.minute, e.status),
                iso_date(e.review_due, e.review_due_precision),
                "; ".join(map(review_line, e.reviews)),
                *(getattr(e.changes, name) if e.changes else None for name in counts),
                *("; ".join(e.changed), e.summary, e.source, e.clauses, e.based_on),
                e.lineage.current if e.lineage else None,
                _yes_no(e.lineage.revised) if e.lineage else None,
            )
            for e in report.entries
        ],
    )
