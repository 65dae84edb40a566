"""Dates in the store: impossible ones refused unless forced, month-precise ones kept as months
in the database and in every output, and the same file added again with other values."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot

CHARD = str(corpus_path("chard", "txt"))  # "Adopted by the Finance & Personnel Committee 19th January 2015"
SPILSBY = str(corpus_path("spilsby", "txt"))  # "April 2026" on the cover; "Next review: April 2028"


def _one_line(result_stderr: str) -> bool:
    return result_stderr.startswith("clausewise: error: ") and result_stderr.count("\n") == 1


def test_an_adoption_date_in_the_future_is_refused_unless_forced(db: str) -> None:
    soon = (date.today() + timedelta(days=30)).isoformat()
    refused = run(db, "add", CHARD, "--policy", POLICY, "--adopted", soon, ok=False)
    assert refused.exit_code == 2 and _one_line(refused.stderr)
    assert f"chard-town-council_member-officer-protocol_2015.txt: the adoption date {soon} is in the future" in (
        refused.stderr
    )
    assert "give --force to store it anyway" in refused.stderr
    assert snapshot(db)["versions"] == [] and snapshot(db)["councils"] == []
    forced = run(db, "add", CHARD, "--policy", POLICY, "--adopted", soon, "--force")
    assert f"  adopted {soon} (from --adopted)" in forced.output.splitlines()
    assert snapshot(db)["versions"][0]["adopted_on"] == soon


def test_a_review_due_before_the_adoption_is_refused(db: str) -> None:
    """Chard's document says it was adopted on 19 January 2015; a review due before then is a
    slip, and so is one before the month on Spilsby's cover, but not one within that month."""
    chard = run(db, "add", CHARD, "--policy", POLICY, "--review-due", "2014-12-31", ok=False)
    assert chard.exit_code == 2 and _one_line(chard.stderr)
    assert "the review due date 2014-12-31 is before the adoption date 2015-01-19" in chard.stderr
    council = ("--council", "Spilsby Town Council")
    spilsby = run(db, "add", SPILSBY, "--policy", POLICY, *council, "--review-due", "2026-03-31", ok=False)
    assert "the review due date 2026-03-31 is before the adoption date 2026-04;" in spilsby.stderr
    assert snapshot(db)["versions"] == []
    run(db, "add", SPILSBY, "--policy", POLICY, *council, "--review-due", "2026-04-01")


def test_a_review_recorded_in_the_future_is_refused_unless_forced(db: str) -> None:
    run(db, "add", CHARD, "--policy", POLICY)
    before = snapshot(db)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    later = (date.today() + timedelta(days=400)).isoformat()
    refused = run(db, "review", "chard", "--on", tomorrow, "--next", later, ok=False)
    assert refused.exit_code == 2 and _one_line(refused.stderr)
    assert f"the review date {tomorrow} is in the future" in refused.stderr and "--force" in refused.stderr
    assert snapshot(db) == before
    run(db, "review", "chard", "--on", tomorrow, "--next", later, "--force")
    assert snapshot(db)["versions"][0]["reviews"][0]["reviewed_on"] == tomorrow


def test_the_same_file_with_other_values_is_refused_with_the_stored_ones(db: str) -> None:
    run(db, "add", CHARD, "--policy", POLICY, "--adopted", "2015-01-19", "--minute", "311")
    before = snapshot(db)
    same = run(db, "add", CHARD, "--policy", POLICY, "--adopted", "2015-01-19", "--minute", "311")
    assert "already stored; nothing to do" in same.output
    for args, stored in (
        (["--adopted", "2015-01-20"], "with adopted 2015-01-19 (not 2015-01-20)"),
        (
            ["--minute", "312", "--adopted-by", "Council"],
            "adopted by Finance & Personnel Committee (not Council) and minute 311",
        ),
        (["--version", "2015"], "already stored as version 1 (not 2015)"),
    ):
        result = run(db, "add", CHARD, "--policy", POLICY, *args, ok=False)
        assert result.exit_code == 2 and _one_line(result.stderr), result.stderr
        assert "chard-town-council_member-officer-protocol_2015.txt: already stored as version 1" in result.stderr
        assert stored in result.stderr and "; use `clausewise amend` to correct it" in result.stderr
    assert snapshot(db) == before
    # A month-precise date stored from the document is not the day someone now gives.
    spilsby = ("add", SPILSBY, "--policy", POLICY, "--council", "Spilsby Town Council")
    run(db, *spilsby)
    day = run(db, *spilsby, "--adopted", "2026-04-01", ok=False)
    assert day.exit_code == 2 and "with adopted 2026-04 (not 2026-04-01)" in day.stderr


def test_month_precise_dates_stay_months_in_every_output(db: str, tmp_path: Path) -> None:
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    history = run(db, "history", "spilsby").output
    assert "adopted 2026-04 (the date on the cover; no adoption date found); review due 2028-04;" in history
    entry = json.loads(run(db, "history", "spilsby", "--format", "json").output)["entries"][0]
    assert (entry["adopted_on"], entry["adopted_precision"], entry["review_due_precision"]) == (
        "2026-04-01",
        "month",
        "month",
    )
    as_of = ("--as-of", "2028-03-01")
    text = run(db, "reviews", *as_of).output
    assert "Spilsby Town Council: Councillor-Officer Protocol version 2026 due 2028-04 (in 60 days)" in text
    rows = list(csv.DictReader(io.StringIO(run(db, "reviews", *as_of, "--format", "csv").output)))
    spilsby = next(row for row in rows if row["council"] == "Spilsby Town Council")
    assert (spilsby["adopted_on"], spilsby["review_due"]) == ("2026-04", "2028-04")
    for report, fmt in (("history", "md"), ("history", "html"), ("reviews", "md"), ("reviews", "html")):
        out = tmp_path / f"{report}.{fmt}"
        run(db, "report", report, *(["spilsby"] if report == "history" else []), *as_of, "-o", str(out))
        page = out.read_text(encoding="utf-8")
        assert "April 2028" in page and "April 2026" in page, (report, fmt)
        assert "1 April 2028" not in page and "1 April 2026" not in page, (report, fmt)
    model = run(db, "history", "sandon").output  # "review May 2027" in its version table
    assert "adopted 2026-05-05; review due 2027-05;" in model
