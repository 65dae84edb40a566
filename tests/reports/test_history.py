"""History: a timeline of versions, with what the alignment says changed at each."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from clausewise.align import align
from clausewise.reports import HistoryRow, build_history, render
from tests.conftest import corpus_path
from tests.reports.corpus import AS_OF, against_model, local, model
from tests.store.conftest import POLICY, run


def _rows() -> list[HistoryRow]:
    """Oldest first, each with its alignment from the row before (none for the first)."""
    return [
        HistoryRow("3", date(2025, 5, 1), "Council", "12", "superseded", None, None),
        HistoryRow(
            "2026", date(2026, 4, 1), "Council", "311(a)", "adopted", "Adapted from the model", against_model("spilsby")
        ),
        HistoryRow(
            "draft", None, None, None, "draft", "<script>x</script> pending", align(local("spilsby"), local("spilsby"))
        ),
    ]


def test_timeline_keeps_the_given_order_and_counts_changes() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    assert [e.version_label for e in report.entries] == ["3", "2026", "draft"]
    first, spilsby, same = (e.changes for e in report.entries)
    assert first is None and report.entries[0].changed == ()
    assert same is not None and same.total == 0 and same.identical == len(local("spilsby").content)
    assert report.entries[2].changed == ()
    alignment = against_model("spilsby")
    assert spilsby is not None
    assert spilsby.added == len(alignment.added()) and spilsby.removed == len(alignment.removed())
    assert spilsby.modified == sum(len(link.left) for link in alignment.links if link.relation == "modified")


def test_changed_clauses_are_cited_as_a_clerk_would() -> None:
    """The new version's numbers for what changed or was added; the old one's for what went."""
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    changed = report.entries[1].changed
    assert len(changed) == 13 and changed[-1].startswith("and ") and changed[-1].endswith(" more")
    spilsby, model_ = local("spilsby"), model()
    citations = {spilsby.citation(c.id) for c in spilsby.content} | {
        f"{model_.citation(c.id)} (removed)" for c in model_.content
    }
    assert set(changed[:-1]) <= citations
    assert not any(cite.startswith("c") and cite[1:].isdigit() for cite in changed)  # never an internal id


def test_formats_escape_and_agree() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    page = render(report, "html")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.count("<li>") == len(report.entries)
    assert "<script" not in render(report, "md")
    data = json.loads(render(report, "json"))
    assert [e["version_label"] for e in data["entries"]] == ["3", "2026", "draft"]
    assert render(report, "csv").count("\n") == 1 + len(report.entries)


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A council with two stored versions (real corpus texts) and two recorded reviews."""
    db = str(tmp_path_factory.mktemp("history") / "reviews.db")
    for key, label, adopted, due in (
        ("sandon-burston", "1", "2024-01-10", "2025-01-31"),
        ("spilsby", "2", "2025-01-14", "2026-01-31"),
    ):
        run(db, "add", str(corpus_path(key, "txt")), "--council", "Demo Parish Council", "--policy", POLICY,
            "--version", label, "--adopted", adopted, "--review-due", due)  # fmt: skip
    run(db, "review", "Demo", "--on", "2025-12-01", "--next", "2026-12-01", "--minute", "88/25")
    run(db, "review", "Demo", "--on", "2026-11-02", "--next", "2027-11-30", "--minute", "12/26")
    return db


def test_history_report_shows_recorded_reviews_and_the_next_review(reviewed_db: str, tmp_path: Path) -> None:
    """What `clausewise history` prints about reviews, every format of the report shows."""
    text = run(reviewed_db, "history", "Demo", "--as-of", "2026-11-23").output
    reviews = [
        "reviewed 2025-12-01 (unchanged, minute 88/25); next review 2026-12-01",
        "reviewed 2026-11-02 (unchanged, minute 12/26); next review 2027-11-30",
    ]
    assert (
        all(f"    {line}\n" in text for line in reviews)
        and "2 (current): adopted 2025-01-14; review due 2027-11-30" in text
    )
    files = {fmt: tmp_path / f"history.{fmt}" for fmt in ("html", "md", "csv")}
    for path in files.values():
        run(reviewed_db, "report", "history", "Demo", "--as-of", "2026-11-23", "-o", str(path))
    page, markdown, table = (path.read_text(encoding="utf-8") for path in files.values())
    long_form = [
        "Reviewed 1 December 2025 (unchanged, minute 88/25); next review 1 December 2026.",
        "Reviewed 2 November 2026 (unchanged, minute 12/26); next review 30 November 2027.",
    ]
    assert all(f'<p class="review">{line}</p>' in page for line in long_form)
    assert "<b>30 November 2027</b><span>next review due (version 2)</span>" in page
    assert "<b>2 November 2026</b><span>last recorded review</span>" in page
    assert all(line in markdown for line in long_form)
    assert "**Next review due: 30 November 2027.** Last recorded review: 2 November 2026." in markdown
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [(r["version"], r["review_due"], r["reviews"]) for r in rows] == [
        ("1", "2025-01-31", ""),
        ("2", "2027-11-30", "; ".join(reviews)),
    ]
    assert run(reviewed_db, "report", "history", "Demo", "--as-of", "2026-11-23", "--format", "text").output == text


def test_a_cover_date_is_said_in_every_history_format(tmp_path: Path) -> None:
    """Spilsby's protocol states no adoption; the date on its cover stands in, and says so."""
    db = str(tmp_path / "history.db")
    run(db, "add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Spilsby Town Council")
    for fmt in ("md", "html"):
        page = run(db, "report", "history", "Spilsby", "--format", fmt).stdout
        assert "the date on the cover; no adoption date found" in page, fmt
    assert "(the date on the cover; no adoption date found)" in run(db, "history", "Spilsby").stdout
