"""`clausewise.Store`, the Python API the command line also uses: one transaction a call, and
the database opened only when a call needs it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import clausewise
from clausewise import Store
from clausewise.errors import BadValue, NotFound
from clausewise.reports import render
from tests.conftest import corpus_path
from tests.store.conftest import POLICY, snapshot


def test_add_review_and_report_through_the_api(db: str) -> None:
    store = Store(db)
    [added] = store.add(
        corpus_path("chard", "txt"),
        policy=POLICY,
        label="2015",
        adopted_on=date(2015, 1, 19),
        review_due=date(2027, 1, 31),
    )
    assert (added.outcome, added.council, added.label) == ("added", "Chard Town Council", "2015")
    origins = {value.name: value.origin for value in added.values}
    assert origins["version"] == origins["adopted"] == "given" and origins["council"] == "document"
    assert store.add(corpus_path("chard", "txt"), policy=POLICY)[0].outcome == "unchanged"
    version = store.review(
        "chard", on=date(2026, 12, 1), next_due=date(2027, 12, 1), minute="12/26", today=date(2026, 12, 1)
    )
    assert store.version("chard").review_due == version.review_due == date(2027, 12, 1)
    reviews = store.reviews(as_of=date(2027, 11, 1), within=60)
    assert [(i.bucket, i.days) for i in reviews.items] == [("due-30", 30)]
    history = store.history("chard", as_of=date(2027, 1, 1))
    assert [e.version_label for e in history.entries] == ["2015"]
    assert history.entries[0].reviews[0].minute == "12/26"
    assert "12/26" in str(render(history, "md"))


def test_every_failure_is_a_clausewise_error_and_changes_nothing(db: str) -> None:
    store = Store(db)
    store.add(corpus_path("spilsby", "txt"), policy=POLICY, council="Spilsby Town Council")
    before = snapshot(db)
    with pytest.raises(NotFound) as missing:
        store.divergence("Nowhere")
    assert missing.value.needs == "stored council" and "--" not in missing.value.message
    with pytest.raises(BadValue, match="must come after"):
        store.review("spilsby", on=date(2027, 1, 1), next_due=date(2026, 1, 1))
    assert snapshot(db) == before


def test_files_are_compared_and_redlined_without_a_database(tmp_path: Path) -> None:
    store = Store(tmp_path / "never.db")
    old, new = corpus_path("sandon-burston", "docx"), corpus_path("spilsby", "docx")
    alignment = store.compare(old, new)
    assert alignment == clausewise.compare(old, new)
    report = store.redline(str(old), str(new), author="Town Clerk", as_of=date(2026, 11, 30))
    assert report.author == "Town Clerk" and report.count("changed") > 0
    written = clausewise.write_report(report, tmp_path / "paper.docx")
    assert written.stat().st_size > 0
    assert not (tmp_path / "never.db").exists()


def test_a_document_that_names_no_council_needs_one(db: str) -> None:
    """The library says what it needs; the command line says how to give it."""
    with pytest.raises(BadValue) as unnamed:
        Store(db).add(corpus_path("spilsby", "txt"), policy=POLICY)
    assert unnamed.value.needs == "council" and unnamed.value.message.endswith("does not name its council")
