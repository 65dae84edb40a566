"""`clausewise add` on the real corpus: provenance, no-ops, superseding, manifests, bad input."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import CORPUS, DATA, corpus_path
from tests.store.conftest import POLICY, run, snapshot


def test_add_fills_from_the_document_and_says_where_each_value_came_from(db: str) -> None:
    result = run(db, "add", str(corpus_path("chard", "docx")), "--policy", POLICY)
    lines = result.output.splitlines()
    assert lines[0].startswith("added Chard Town Council: Councillor-Officer Protocol version 1 (")
    assert "  adopted 2015-01-19 (from document)" in lines
    assert "  adopted by Finance & Personnel Committee (from document)" in lines
    assert "  council Chard Town Council (from document)" in lines
    assert "  review due: not known" in lines
    version = snapshot(db)["versions"][0]
    assert version["adopted_on"] == "2015-01-19" and version["status"] == "current"
    assert version["origins"]["adopted"] == "document" and version["origins"]["version"] == "numbered"


def test_options_win_over_the_document(db: str) -> None:
    result = run(
        db,
        "add",
        str(corpus_path("sandon-burston", "pdf")),
        "--policy",
        POLICY,
        "--model",
        "--adopted",
        "2026-05-06",
        "--adopted-by",
        "Full Council",
        "--minute",
        "12/26",
        "--review-due",
        "2027-06-01",
    )
    lines = result.output.splitlines()
    assert "  version 3 (from document)" in lines  # the version table says 3
    assert "  adopted 2026-05-06 (from --adopted)" in lines
    assert "  adopted by Full Council (from --adopted-by)" in lines
    assert "  minute 12/26 (from --minute)" in lines
    assert "  review due 2027-06-01 (from --review-due)" in lines
    data = snapshot(db)
    assert data["councils"] == [{"name": "Sandon and Burston Parish Council", "kind": "model publisher"}]
    assert data["versions"][0]["review_due"] == "2027-06-01"


def test_the_version_table_gives_adoption_and_review_dates(db: str) -> None:
    result = run(db, "add", str(corpus_path("sandon-burston", "docx")), "--policy", POLICY)
    assert "  adopted 2026-05-05 (from document)" in result.output.splitlines()
    assert '  review due 2027-05 (from document: "May 2027")' in result.output.splitlines()


def test_a_cover_date_stands_for_adoption_when_nothing_else_does_and_says_so(db: str) -> None:
    """Spilsby's protocol names no adoption, only "April 2026" on its cover: that month is
    stored as the adoption date, month-precise, and marked as the cover's date everywhere."""
    result = run(db, "add", str(corpus_path("spilsby", "docx")), "--policy", POLICY, "--council", "Spilsby")
    lines = result.output.splitlines()
    assert "  adopted 2026-04 (from the date on the cover; no adoption date found — give --adopted to correct)" in lines
    assert '  review due 2028-04 (from document: "April 2028")' in lines
    [version] = snapshot(db)["versions"]
    assert (version["adopted_on"], version["adopted_precision"]) == ("2026-04-01", "month")
    assert (version["review_due"], version["review_due_precision"]) == ("2028-04-01", "month")
    assert version["origins"]["adopted"] == "the date on the cover"
    history = run(db, "history", "spilsby").output
    assert "adopted 2026-04 (the date on the cover; no adoption date found); review due 2028-04;" in history, history


def test_the_same_file_again_is_a_no_op_that_says_so(db: str) -> None:
    path = str(corpus_path("spilsby", "txt"))
    run(db, "add", path, "--policy", POLICY, "--council", "Spilsby Town Council")
    before = snapshot(db)
    again = run(db, "add", path, "--policy", POLICY, "--council", "Spilsby Town Council")
    assert again.output.startswith("unchanged Spilsby Town Council: Councillor-Officer Protocol version 1")
    assert "already stored; nothing to do" in again.output
    assert snapshot(db) == before


def test_a_new_version_supersedes_the_current_one_and_history_keeps_it(db: str) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--version", "2015")
    newer = run(
        db,
        "add",
        str(corpus_path("spilsby", "txt")),
        "--policy",
        POLICY,
        "--council",
        "Chard Town Council",
        "--version",
        "2026",
        "--adopted",
        "2026-04-01",
    )
    assert "supersedes version 2015" in newer.output
    older = run(
        db,
        "add",
        str(corpus_path("district", "txt")),
        "--policy",
        POLICY,
        "--council",
        "Chard Town Council",
        "--version",
        "2010",
        "--adopted",
        "2010-03-01",
    )
    assert "adopted before the current version, so kept in history" in older.output
    statuses = {v["label"]: v["status"] for v in snapshot(db)["versions"]}
    assert statuses == {"2015": "superseded", "2026": "current", "2010": "superseded"}
    history = run(db, "history", "chard")
    labels = [match[1] for match in re.finditer(r"^  (\S+) \((?:current|superseded)\)", history.output, re.M)]
    assert labels == ["2010", "2015", "2026"]
    assert "changes:" in history.output and "first version stored" in history.output


def test_a_label_stored_with_other_text_is_a_conflict(db: str) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--version", "2015")
    before = snapshot(db)
    clash = run(
        db,
        "add",
        str(corpus_path("spilsby", "txt")),
        "--policy",
        POLICY,
        "--council",
        "Chard Town Council",
        "--version",
        "2015",
        ok=False,
    )
    assert clash.exit_code == 2 and "already stored" in clash.stderr and "--version" in clash.stderr
    assert snapshot(db) == before


def test_the_manifest_adds_every_document_with_the_model_publisher(db: str) -> None:
    result = run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    assert result.output.count("\nadded ") + result.output.startswith("added ") == 6
    assert "  version 3 (from manifest)" in result.output
    assert "v4-2027.txt, 123 clauses); supersedes version 3\n" in result.output  # adopted after it
    kinds = {c["name"]: c["kind"] for c in snapshot(db)["councils"]}
    assert kinds["Sandon and Burston Parish Council"] == "model publisher"
    assert kinds["Chard Town Council"] == "town"
    assert kinds["East Northamptonshire Council"] == "district"
    councils = run(db, "councils", "--format", "json")
    assert len(json.loads(councils.output)) == 5


def test_based_on_names_a_stored_model_version(db: str) -> None:
    run(db, "add", str(corpus_path("sandon-burston", "txt")), "--policy", POLICY, "--model")
    result = run(
        db,
        "add",
        str(corpus_path("spilsby", "txt")),
        "--policy",
        POLICY,
        "--based-on",
        "model",
        "--council",
        "Spilsby Town Council",
    )
    assert "  based on Sandon and Burston Parish Council:Councillor-Officer Protocol@3 (from --based-on)" in (
        result.output.splitlines()
    )
    assert snapshot(db)["versions"][1]["based_on"] == ["Sandon and Burston Parish Council", POLICY, "3"]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("corrupt.pdf", "damaged"),
        ("encrypted.docx", "password-protected"),
        ("scanned.pdf", "ocrmypdf"),
        ("empty.txt", "empty"),
        ("legacy.doc", "soffice"),
    ],
)
def test_bad_input_stores_nothing_and_exits_2_with_one_line(db: str, name: str, hint: str) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY)
    before = snapshot(db)
    result = run(
        db,
        "add",
        str(corpus_path("spilsby", "txt")),
        str(DATA / name),
        "--policy",
        POLICY,
        "--council",
        "Spilsby Town Council",
        ok=False,
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("clausewise: error: ") and result.stderr.count("\n") == 1
    assert name in result.stderr and hint in result.stderr
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--adopted", "19/01/2015"], "--adopted: '19/01/2015' is not a date in the form YYYY-MM-DD"),
        (["--review-due", "2027-02-30"], "--review-due: '2027-02-30' is not a real date"),
        (["--based-on", "nobody"], "nobody: no such council"),
        (["--council", "  "], "give --council NAME"),
    ],
)
def test_bad_options_are_one_line_and_store_nothing(db: str, args: list[str], message: str) -> None:
    result = run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, *args, ok=False)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert snapshot(db)["versions"] == []


def test_a_document_that_names_no_council_needs_council(sqlite_db: str) -> None:
    result = run(sqlite_db, "add", str(corpus_path("district", "txt")), "--policy", POLICY, ok=False)
    assert result.exit_code == 2 and "does not name its council; give --council NAME" in result.stderr


def test_per_version_options_with_many_files_are_refused(sqlite_db: str) -> None:
    result = run(
        sqlite_db,
        "add",
        str(corpus_path("chard", "txt")),
        str(corpus_path("spilsby", "txt")),
        "--policy",
        POLICY,
        "--adopted",
        "2020-01-01",
        ok=False,
    )
    assert result.exit_code == 2 and "--adopted describe one version" in result.stderr
    missing = run(sqlite_db, "add", str(corpus_path("chard", "txt")), ok=False)
    assert missing.exit_code == 2 and "--policy NAME" in missing.stderr
