"""Reviews: buckets at their boundaries, urgency order, rows from real documents, formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from clausewise.errors import BadValue
from clausewise.reports import ReviewRow, build_reviews, render, review_row
from clausewise.reports.reviews import BUCKETS, bucket_of
from tests.conftest import corpus_document
from tests.reports.corpus import AS_OF, COUNCILS, MODEL


@pytest.mark.parametrize(
    ("offset", "bucket"),
    [
        *((-400, "overdue"), (-1, "overdue"), (0, "due-30"), (30, "due-30"), (31, "due-60")),
        *((60, "due-60"), (61, "due-90"), (90, "due-90"), (91, "later")),
    ],
)
def test_bucket_boundaries(offset: int, bucket: str) -> None:
    assert bucket_of(AS_OF + timedelta(days=offset), AS_OF) == (bucket, offset)


def test_no_date_is_its_own_bucket() -> None:
    assert bucket_of(None, AS_OF) == ("no-date", None)


def _rows() -> list[ReviewRow]:
    offsets = [45, None, -3, 100, -200, 10, None, 75, 0]
    return [
        ReviewRow(f"Council {k}", f"Policy {k}", "1", date(2020, 1, 1), None if o is None else AS_OF + timedelta(o))
        for k, o in enumerate(offsets)
    ]


def test_most_urgent_first() -> None:
    report = build_reviews(_rows(), council="All", as_of=AS_OF)
    order = [BUCKETS.index(item.bucket) for item in report.items]
    assert order == sorted(order)
    dated = [item.days for item in report.items if item.days is not None]
    assert dated == sorted(dated)  # the longest overdue first, then the soonest due
    assert [item.days for item in report.in_bucket("overdue")] == [-200, -3]
    assert len(report.in_bucket("no-date")) == 2 and report.items[-1].bucket == "no-date"
    assert len(report.items) == len(_rows())


def test_rows_from_real_documents() -> None:
    """Dates come from what ingest read from each document, not typed in here."""
    for key in (MODEL, *COUNCILS):
        document = corpus_document(key, "txt")
        row = review_row(document, council=key)
        expected = document.metadata.next_review.value if document.metadata.next_review else None
        assert row.review_due == expected
    assert any(review_row(corpus_document(k, "txt")).review_due for k in (MODEL, *COUNCILS))


def test_formats() -> None:
    rows = [*_rows(), ReviewRow("<b>Bad</b> & Co", '=HYPERLINK("x")', "2", None, AS_OF)]
    report = build_reviews(rows, council="All", as_of=AS_OF)
    page = render(report, "html")
    assert "&lt;b&gt;Bad&lt;/b&gt; &amp; Co" in page and "<b>Bad" not in page
    for bucket in ("Overdue", "Due within 30 days", "Due in 31–60 days", "Due in 61–90 days", "No review date"):
        assert f"<h2>{bucket}</h2>" in page
    text = render(report, "md")
    assert "<b>" not in text and "## Overdue (2)" in text
    data = json.loads(render(report, "json"))
    assert [i["bucket"] for i in data["items"]] == [i.bucket for i in report.items]
    table = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(table) == len(rows)
    assert table[0]["days"] == "-200"
    assert any(r["policy"].startswith("'=") for r in table), "formula-like text is neutralised for spreadsheets"


def test_empty() -> None:
    report = build_reviews([], council="All", as_of=AS_OF)
    assert "No policies were given" in render(report, "html")


def test_a_window_leaves_out_later_reviews_only() -> None:
    everything = build_reviews(_rows(), council="All", as_of=AS_OF)
    for days in (0, 30, 90, 400):
        report = build_reviews(_rows(), council="All", as_of=AS_OF, within=days)
        kept = [i for i in everything.items if i.days is None or i.days <= days]
        assert report.items == tuple(kept) and report.within == days
    with pytest.raises(BadValue, match="negative"):
        build_reviews(_rows(), council="All", as_of=AS_OF, within=-1)
