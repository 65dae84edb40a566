"""`clausewise amend` and `clausewise remove` on the real corpus: each correction is one
transaction, is recorded (what, old, new, when, why) and is shown by `history`; nothing is lost
without a trace."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

import clausewise.app.store as app_store
from clausewise import Store
from clausewise.store import amend_version, remove_version
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot
from tests.store.test_reliability import Boom, _fail_after


def _two_chard_versions(db: str) -> None:
    """Chard's own 2015 protocol, then (standing in for a revision) Spilsby's text as Chard 2026."""
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--version", "2015")
    run(
        db,
        *("add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Chard Town Council"),
        *("--version", "2026", "--adopted", "2026-04-14", "--minute", "88/26"),
    )


def _version(data: dict[str, Any], label: str) -> dict[str, Any]:
    return next(v for v in data["versions"] if v["label"] == label)


def test_amend_corrects_a_version_records_each_change_and_history_shows_it(db: str) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--version", "2015")
    result = run(
        db,
        *("amend", "chard@2015", "--adopted", "2015-01-20", "--minute", "311/15", "--adopted-by", "Full Council"),
        *("--reason", "misread from the minute book"),
    )
    assert result.output.splitlines() == [
        "amended Chard Town Council: Councillor-Officer Protocol version 2015",
        "  version 2015: adopted 2015-01-19 -> 2015-01-20",
        "  version 2015: adopted by Finance & Personnel Committee -> Full Council",
        "  version 2015: minute not known -> 311/15",
    ]
    data = snapshot(db)
    version = _version(data, "2015")
    assert (version["adopted_on"], version["adopted_by"], version["minute_ref"]) == (
        "2015-01-20",
        "Full Council",
        "311/15",
    )
    assert version["origins"]["adopted"] == "amended" and version["origins"]["council"] == "document"
    records = [(c["field"], c["old_value"], c["new_value"], c["reason"]) for c in data["corrections"]]
    assert records == [
        ("adopted", "2015-01-19", "2015-01-20", "misread from the minute book"),
        ("adopted by", "Finance & Personnel Committee", "Full Council", "misread from the minute book"),
        ("minute", None, "311/15", "misread from the minute book"),
    ]
    assert {c["version"][2] for c in data["corrections"]} == {"2015"}
    assert date.fromisoformat(data["corrections"][0]["made_at"][:10]) >= date.today() - timedelta(days=1)
    history = run(db, "history", "chard").output
    assert "  2015 (current): adopted 2015-01-20 by Full Council, minute 311/15;" in history
    assert "  corrections:\n" in history
    assert "version 2015: adopted 2015-01-19 -> 2015-01-20 (reason: misread from the minute book)" in history


def test_amending_to_the_same_values_does_nothing(db: str) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY)
    before = snapshot(db)
    same = run(db, "amend", "chard", "--adopted", "2015-01-19")
    assert "has those values already; nothing to do" in same.output
    assert snapshot(db) == before


def test_a_month_precise_cover_date_amended_to_the_day(db: str) -> None:
    run(db, "add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Spilsby Town Council")
    result = run(db, "amend", "spilsby", "--adopted", "2026-04-14", "--reason", "minute 12/26 of 14 April")
    assert "  version 1: adopted 2026-04 -> 2026-04-14" in result.output.splitlines()
    version = snapshot(db)["versions"][0]
    assert (version["adopted_on"], version["adopted_precision"], version["origins"]["adopted"]) == (
        "2026-04-14",
        "day",
        "amended",
    )
    history = run(db, "history", "spilsby").output
    assert "adopted 2026-04-14; review due 2028-04;" in history and "the date on the cover" not in history


def test_correcting_an_adoption_date_can_change_which_version_is_current(db: str) -> None:
    _two_chard_versions(db)
    assert _version(snapshot(db), "2026")["status"] == "current"
    result = run(db, "amend", "chard@2026", "--adopted", "2014-04-14", "--reason", "it was 2014")
    lines = result.output.splitlines()
    assert "  version 2026: adopted 2026-04-14 -> 2014-04-14" in lines
    assert lines[-2:] == [
        "  version 2026: status current -> superseded",
        "  version 2015: status superseded -> current",
    ]
    data = snapshot(db)
    assert {v["label"]: v["status"] for v in data["versions"]} == {"2015": "current", "2026": "superseded"}
    assert [c["field"] for c in data["corrections"]] == ["adopted", "status", "status"]
    history = run(db, "history", "chard").output  # oldest first: the 2026 label was adopted in 2014
    assert history.index("  2026 (superseded)") < history.index("  2015 (current)")


def test_amend_refuses_impossible_dates_taken_labels_and_nothing(db: str) -> None:
    _two_chard_versions(db)
    before = snapshot(db)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for args, message in (
        (["chard", "--adopted", tomorrow], f"the adoption date {tomorrow} is in the future"),
        (["chard", "--review-due", "2026-01-31"], "the review due date 2026-01-31 is before the adoption date"),
        (["chard@2026", "--version", "2015"], "version '2015' of Councillor-Officer Protocol is already stored"),
        (["chard"], "nothing to amend; give --version"),
        (["nowhere", "--minute", "1"], "nowhere: no such council"),
    ):
        result = run(db, "amend", *args, ok=False)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    forced = run(db, "amend", "chard", "--adopted", tomorrow, ok=False)
    assert "give --force to store it anyway" in forced.stderr
    assert snapshot(db) == before
    run(db, "amend", "chard", "--review-due", "2026-01-31", "--force")
    assert _version(snapshot(db), "2026")["review_due"] == "2026-01-31"


def test_remove_the_current_version_makes_the_previous_current_and_keeps_a_record(db: str) -> None:
    _two_chard_versions(db)
    run(db, "review", "chard", "--on", "2026-06-01", "--next", "2027-06-01", "--minute", "12/26")
    run(db, "history", "chard")  # stores an alignment run of the two versions
    stored = _version(snapshot(db), "2026")
    clauses = Store(db).version("chard@2026").clauses  # as `history` counts them
    result = run(db, "remove", "chard", "--reason", "Spilsby's text, added to Chard by mistake")
    lines = result.output.splitlines()
    assert lines[0] == (
        "removed Chard Town Council: Councillor-Officer Protocol version 2026 "
        f"(spilsby-town-council_councillor-officer-protocol_2026.txt, sha256 {stored['sha256'][:12]}, "
        f"adopted 2026-04-14, minute 88/26, review due 2027-06-01, {clauses} clauses, "
        "1 recorded review)"
    )
    assert lines[1:] == ["  version 2015: status superseded -> current"]
    data = snapshot(db)
    assert [(v["label"], v["status"]) for v in data["versions"]] == [("2015", "current")]
    assert data["alignment_runs"] == []
    [removal, status] = data["corrections"]
    assert removal["action"] == "remove" and removal["version"] is None and removal["field"] is None
    kept = removal["removed"]
    assert (kept["sha256"], kept["label"], kept["source_name"]) == (stored["sha256"], "2026", stored["source_name"])
    assert (kept["adopted"], kept["minute"], kept["status"]) == ("2026-04-14", "88/26", "current")
    assert kept["reviews"] == [
        {"reviewed_on": "2026-06-01", "outcome": "unchanged", "next_review_due": "2027-06-01", "minute": "12/26"}
    ]
    assert (status["field"], status["version"]) == ("status", ["Chard Town Council", POLICY, "2015"])
    history = run(db, "history", "chard").output
    assert "version 2026: removed (spilsby-town-council_councillor-officer-protocol_2026.txt, sha256 " in history
    assert "(reason: Spilsby's text, added to Chard by mistake)" in history
    again = run(db, "add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Chard Town Council")
    assert again.output.startswith("added Chard Town Council")  # the same file can be stored again


def test_removing_the_only_version_removes_the_entries_nothing_else_uses(db: str) -> None:
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    run(
        db,
        *("add", str(corpus_path("spilsby", "txt")), "--policy", "Code of Conduct"),
        *("--council", "Spilbsy Town Council"),  # misspelt, and the wrong policy
    )
    result = run(db, "remove", "spilbsy", "--reason", "typo")
    assert result.output.splitlines()[1:] == [
        "  the policy's entry is removed too: no council has a version of it now",
        "  the council's entry is removed too: it has no versions left",
    ]
    data = snapshot(db)
    assert "Spilbsy Town Council" not in {c["name"] for c in data["councils"]}
    assert data["policies"] == [POLICY]
    [record] = data["corrections"]
    assert (record["council"], record["policy"], record["reason"]) == (
        "Spilbsy Town Council",
        "Code of Conduct",
        "typo",
    )
    assert record["removed"]["entries removed"] == ["policy", "council"]
    assert record["removed"]["council kind"] == "town"
    assert len(data["versions"]) == 6  # the corpus is untouched
    gone = run(db, "history", "spilbsy", ok=False)
    assert gone.exit_code == 2 and "no such council" in gone.stderr


def test_removing_a_model_version_unlinks_the_versions_based_on_it(db: str) -> None:
    run(db, "add", str(corpus_path("sandon-burston", "txt")), "--policy", POLICY, "--model")
    run(
        db,
        *("add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Spilsby Town Council"),
        *("--based-on", "model"),
    )
    result = run(db, "remove", "model@3")
    model_reference = f"Sandon and Burston Parish Council:{POLICY}@3"
    assert f"  version 1: based on {model_reference} -> not known" in result.output.splitlines()
    data = snapshot(db)
    assert [v["based_on"] for v in data["versions"]] == [None]
    assert data["corrections"][0]["old_value"] == model_reference


def test_a_correction_failing_after_its_writes_changes_nothing(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSEWISE_DEBUG", "1")  # the injected failure reaches the test as itself
    _two_chard_versions(db)
    before = snapshot(db)
    monkeypatch.setattr(app_store, "remove_version", _fail_after(remove_version, 0))
    assert isinstance(run(db, "remove", "chard", ok=False).exception, Boom)
    assert snapshot(db) == before
    monkeypatch.setattr(app_store, "amend_version", _fail_after(amend_version, 0))
    assert isinstance(run(db, "amend", "chard", "--adopted", "2014-01-01", ok=False).exception, Boom)
    assert snapshot(db) == before
