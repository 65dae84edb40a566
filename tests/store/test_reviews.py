"""Reviews due and recorded: buckets as of a date, the three formats, the review command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.conftest import CORPUS, ROOT, corpus_path
from tests.store.conftest import POLICY, run, snapshot


def _corpus(db: str) -> None:
    # Review dates in the documents: Sandon and Burston's current version (the model's version 4)
    # October 2027, Spilsby April 2028 (both known only to the month, so due by the month's last
    # day); no others.
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))


def _items(output: str) -> dict[str, dict[str, Any]]:
    """The reviews report's JSON, item by council."""
    data = json.loads(output)
    assert data["report"] == "reviews"
    return {item["row"]["council"]: item for item in data["items"]}


def test_reviews_as_of_a_date_sorts_overdue_due_and_undated(db: str) -> None:
    _corpus(db)
    items = _items(run(db, "reviews", "--as-of", "2027-11-01", "--format", "json").output)
    assert items["Sandon and Burston Parish Council"]["bucket"] == "overdue"
    assert items["Sandon and Burston Parish Council"]["days"] == -1  # due by 31 October 2027
    assert "Spilsby Town Council" not in items  # due by 2028-04-30, beyond 90 days
    undated = {name for name, item in items.items() if item["bucket"] == "no-date"}
    assert undated == {"Chard Town Council", "District Council", "East Northamptonshire Council"}
    soon = _items(run(db, "reviews", "--as-of", "2028-02-15", "--format", "json").output)
    assert soon["Spilsby Town Council"]["bucket"] == "due-90" and soon["Spilsby Town Council"]["days"] == 75
    assert soon["Spilsby Town Council"]["row"]["review_due_precision"] == "month"
    october = _items(run(db, "reviews", "--as-of", "2027-10-31", "--format", "json").output)
    assert october["Sandon and Burston Parish Council"]["bucket"] == "due-30"  # the month's last day: not yet overdue


def test_reviews_and_the_reviews_report_are_one_computation(db: str) -> None:
    """The command's list and the report's are the same items in the same buckets."""
    _corpus(db)
    for within in ("30", "400"):
        args = ("--as-of", "2027-04-15", "--within", within, "--format", "json")
        listed = json.loads(run(db, "reviews", *args).output)
        reported = json.loads(run(db, "report", "reviews", *args).output)
        assert listed == reported
    everything = _items(run(db, "report", "reviews", "--as-of", "2027-04-15", "--format", "json").output)
    assert everything["Spilsby Town Council"]["bucket"] == "later" and len(everything) == 5


def test_reviews_text_and_csv(db: str) -> None:
    _corpus(db)
    text = run(db, "reviews", "--as-of", "2027-09-15").output
    assert text.splitlines()[0] == "Reviews as of 2027-09-15 (due within 90 days)"
    assert (
        "Due in 31–60 days:\n  Sandon and Burston Parish Council: Councillor-Officer Protocol version 4 "
        "due 2027-10 (in 46 days)" in text
    )
    assert "No review date:\n  Chard Town Council" in text
    rows = list(csv.DictReader(io.StringIO(run(db, "reviews", "--as-of", "2027-09-15", "--format", "csv").output)))
    assert rows[0]["council"] == "Sandon and Burston Parish Council" and rows[0]["review_due"] == "2027-10"
    assert {row["status"] for row in rows} == {"Due in 31–60 days", "No review date"}
    narrow = _items(run(db, "reviews", "--as-of", "2027-09-15", "--within", "7", "--format", "json").output)
    assert all(item["bucket"] == "no-date" for item in narrow.values())


def test_review_keeps_the_text_and_moves_the_review_date(db: str) -> None:
    _corpus(db)
    result = run(
        db, "review", "sandon", "--policy", POLICY, "--on", "2026-11-02", "--next", "2028-05-10", "--minute", "41/26"
    )
    assert "version 4 on 2026-11-02 (unchanged); next review 2028-05-10" in result.output  # the current version
    version = next(v for v in snapshot(db)["versions"] if v["council"].startswith("Sandon") and v["label"] == "4")
    assert (version["review_due"], version["review_due_precision"]) == ("2028-05-10", "day")  # was "October 2027"
    assert version["reviews"][0]["minute_ref"] == "41/26" and version["reviews"][0]["outcome"] == "unchanged"
    items = _items(run(db, "reviews", "--as-of", "2027-11-01", "--format", "json").output)  # overdue by the old date
    assert "Sandon and Burston Parish Council" not in items
    history = run(db, "history", "sandon").output
    assert "reviewed 2026-11-02 (unchanged, minute 41/26); next review 2028-05-10" in history


def test_review_mistakes_are_one_line(db: str) -> None:
    _corpus(db)
    for args, message in (
        (["--on", "2026-05-10", "--next", "2026-05-01"], "the next review (2026-05-01) must come after this review"),
        (["--on", "10 May 2027", "--next", "2028-05-10"], "--on: '10 May 2027' is not a date"),
    ):
        result = run(db, "review", "sandon", *args, ok=False)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr
    bad = run(db, "reviews", "--as-of", "tomorrow", ok=False)
    assert bad.exit_code == 2 and "--as-of: 'tomorrow'" in bad.stderr


def test_history_summarises_what_changed(db: str) -> None:
    run(
        db,
        "add",
        str(corpus_path("sandon-burston", "txt")),
        "--policy",
        POLICY,
        "--council",
        "Demo Parish Council",
        "--version",
        "model-text",
        "--adopted",
        "2024-01-01",
    )
    run(
        db,
        "add",
        str(corpus_path("spilsby", "txt")),
        "--policy",
        POLICY,
        "--council",
        "Demo Parish Council",
        "--version",
        "own-text",
        "--adopted",
        "2025-01-01",
    )
    data = json.loads(run(db, "history", "demo", "--format", "json").output)
    entries = data["entries"]
    assert [entry["version_label"] for entry in entries] == ["model-text", "own-text"]
    assert entries[0]["changes"] is None
    changes = entries[1]["changes"]
    assert changes["modified"] > 0 and changes["added"] > 0 and changes["removed"] >= 0
    summary = f"{changes['modified']} modified, {changes['added']} added, {changes['removed']} removed"
    text = run(db, "history", "demo").output
    assert f"    changes: {summary}" in text and "    changed: " in text
    assert text == run(db, "report", "history", "demo", "--format", "text").output  # one history


def test_time_zones_never_shift_a_date(tmp_path: Path) -> None:
    db = str(tmp_path / "tz.db")
    for zone, args in (
        (
            "Pacific/Kiritimati",
            [
                "add",
                str(corpus_path("chard", "txt")),
                "--policy",
                POLICY,
                "--adopted",
                "2015-01-19",
                "--review-due",
                "2027-01-01",
            ],
        ),
        ("Pacific/Pago_Pago", ["review", "chard", "--on", "2025-12-31", "--next", "2027-12-31"]),
    ):
        env = {**os.environ, "TZ": zone}
        done = subprocess.run(
            [sys.executable, "-m", "clausewise", *args, "--db", db],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    version = snapshot(db)["versions"][0]
    assert version["adopted_on"] == "2015-01-19" and version["review_due"] == "2027-12-31"
    assert version["reviews"][0]["reviewed_on"] == "2025-12-31"
    assert version["ingested_at"].endswith("+00:00") and version["reviews"][0]["recorded_at"].endswith("+00:00")
    assert date.fromisoformat(version["ingested_at"][:10]) <= date.today() + timedelta(days=1)
