"""Counts agree with their nouns in every report and every format: "1 version", never "1 versions".

The reports are built from the real model with one clause reworded, one dropped and one added,
so each count that can be 1 is 1, and every format is searched for a plural after a 1.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

import docx
import pytest

from clausewise.align import align
from clausewise.ingest import Document
from clausewise.reports import (
    HistoryRow,
    ReviewRow,
    build_divergence,
    build_history,
    build_matrix,
    build_redline,
    build_reviews,
    formats,
    render,
)
from tests.reports.corpus import AS_OF, model

# A 1 followed by a plural noun: "1 versions", "1 clauses were", "1 more clauses".
ONE_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (?:more |model |local )?"
    r"(?:versions|clauses|councils|paragraphs|days|policies|additions|sections|changes|were)\b"
)


@cache
def _one_of_each() -> Document:
    """The model with one clause reworded, one dropped and one local clause added."""
    m = model()
    content = [c for c in m.clauses if c.kind != "heading"]
    reworded, dropped = content[5], content[9]
    clauses = []
    for clause in m.clauses:
        if clause.id == dropped.id:
            continue
        if clause.id == reworded.id:
            clause = replace(clause, text=clause.text.replace("councillors", "elected members", 1) + " As agreed.")
        clauses.append(clause)
        if clause.id == content[20].id:
            clauses.append(replace(clause, id="local-1", text="The Clerk keeps a register of gifts and hospitality."))
    return replace(m, clauses=tuple(clauses), sha256="one-of-each", title="Our protocol")


def _reports() -> dict[str, object]:
    m, ours = model(), _one_of_each()
    alignment = align(m, ours)
    one_row = [ReviewRow("Council", "Policy", "1", date(2025, 1, 1), AS_OF + timedelta(days=1))]
    overdue = [ReviewRow("Council", "Policy", "1", date(2025, 1, 1), AS_OF - timedelta(days=1))]
    history = [HistoryRow("1", date(2025, 1, 1), "Council", "1/25", "current", clauses=1)]
    return {
        "divergence": build_divergence(m, ours, alignment, council="Our Council", as_of=AS_OF),
        "redline": build_redline(m, ours, alignment, council="Our Council", as_of=AS_OF),
        "matrix": build_matrix(m, [("Our Council", alignment)], council="All", as_of=AS_OF),
        "reviews due": build_reviews(one_row, council="All", as_of=AS_OF, within=1),
        "reviews overdue": build_reviews(overdue, council="All", as_of=AS_OF),
        "history": build_history(history, council="Our Council", policy="Protocol", as_of=AS_OF),
    }


def _text(rendered: str | bytes) -> str:
    if isinstance(rendered, bytes):
        return "\n".join(p.text for p in docx.Document(io.BytesIO(rendered)).paragraphs)
    return rendered


def test_the_counts_are_one() -> None:
    reports = _reports()
    h = reports["divergence"].headline  # type: ignore[attr-defined]
    assert (h.modified, h.missing, h.added) == (1, 1, 1)
    redline = reports["redline"]
    assert [redline.count(s) for s in ("changed", "inserted", "deleted")] == [1, 1, 1]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["divergence", "redline", "matrix", "reviews due", "reviews overdue", "history"])
def test_no_plural_after_one(name: str) -> None:
    report = _reports()[name]
    for fmt in formats(type(report)):
        if fmt in ("json", "csv"):
            continue  # data, not sentences
        text = " ".join(_text(render(report, fmt)).split())
        assert not ONE_PLURAL.findall(text), (fmt, ONE_PLURAL.findall(text))


def test_singular_wording() -> None:
    reports = _reports()
    assert "1 paragraph changed" in render(reports["redline"], "md")
    assert "<b>1</b><span>local addition</span>" in render(reports["divergence"], "html")
    assert "how 1 council adapted it" in render(reports["matrix"], "html")
    assert "(in 1 day)" in render(reports["reviews due"], "text")
    assert "Reviews as of 2026-11-23 (due within 1 day)" in render(reports["reviews due"], "text")
    assert "(1 day ago)" in render(reports["reviews overdue"], "text")
    assert "Our Council: 1 version, oldest first." in render(reports["history"], "html")
