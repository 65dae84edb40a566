"""Export and import: a full, lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from clausewise.store import open_session, save_embeddings
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot


def _fill(db: str) -> None:
    """Every kind of row: councils, versions (one superseded, one based on the model, some with
    month-precise dates), clauses, reviews, alignment runs with links and diffs, embeddings,
    corrections (an amendment and a removal)."""
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    run(
        db,
        "add",
        str(corpus_path("spilsby", "pdf")),
        "--policy",
        POLICY,
        "--council",
        "Chard Town Council",
        "--version",
        "2026",
        "--adopted",
        "2026-04-01",
        "--based-on",
        "model@3",
    )
    run(db, "review", "spilsby", "--on", "2026-05-01", "--next", "2027-05-01", "--minute", "7")
    run(db, "amend", "spilsby", "--minute", "6/26", "--reason", "the adoption's minute")
    run(db, "add", str(corpus_path("district", "txt")), "--policy", POLICY, "--council", "Chard Town Council")
    run(db, "remove", "chard@3", "--reason", "not Chard's")
    run(db, "history", "chard")
    with open_session(db) as session:
        save_embeddings(session, {f"{k:064x}": np.arange(384, dtype=np.float32) / (k + 1) for k in range(3)}, model="m")


def test_export_import_export_is_identical(db: str, tmp_path: Path) -> None:
    _fill(db)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert "exported 7 versions of 5 councils" in run(db, "export", str(first)).output
    target = str(tmp_path / "restored.db")
    imported = run(target, "import", str(first))
    assert "7 versions" in imported.output
    run(target, "export", str(second))
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    # History's run, and one for each council version and model version: `add` detects lineage;
    # the three vectors stored by hand and those the alignments computed.
    assert f" {len(data['alignment_runs'])} alignment runs," in imported.output and len(data["alignment_runs"]) > 4
    assert f" {len(data['embeddings'])} embeddings," in imported.output and len(data["embeddings"]) > 3
    assert len(data["alignment_runs"][0]["links"]) > 10 and data["versions"][0]["clauses"][0]["text"]
    assert data["versions"][-1]["based_on"] == ["Sandon and Burston Parish Council", POLICY, "3"]
    spilsby = next(v for v in data["versions"] if v["council"] == "Spilsby Town Council")
    assert (spilsby["adopted_precision"], spilsby["review_due_precision"]) == ("month", "day")  # reviewed since
    corrections = [(c["action"], c["field"]) for c in data["corrections"]]
    assert corrections == [("amend", "minute"), ("remove", None), ("remove", "status")]  # Chard 2026 current again
    assert data["corrections"][0]["version"] == ["Spilsby Town Council", POLICY, "2026"]
    assert data["corrections"][1]["removed"]["source_name"] == "district-council_member-officer-protocol.txt"


def test_an_export_of_the_first_format_still_imports(db: str, tmp_path: Path) -> None:
    """Format 1 had no date precisions and no corrections: its dates import as exact days."""
    source = str(tmp_path / "source.db")
    run(source, "add", "--manifest", str(CORPUS / "manifest.toml"))
    data = snapshot(source)
    assert data["format_version"] == 3
    old = {**data, "format_version": 1}
    del old["corrections"]
    for version in old["versions"]:
        del version["adopted_precision"], version["review_due_precision"]
    dump = tmp_path / "format-1.json"
    dump.write_text(json.dumps(old), encoding="utf-8")
    assert "6 versions" in run(db, "import", str(dump)).output
    spilsby = next(v for v in snapshot(db)["versions"] if v["council"] == "Spilsby Town Council")
    assert (spilsby["adopted_on"], spilsby["adopted_precision"]) == ("2026-04-01", "day")
    newer = tmp_path / "format-4.json"
    newer.write_text(json.dumps({**data, "format_version": 4}), encoding="utf-8")
    refused = run(str(tmp_path / "empty.db"), "import", str(newer), ok=False)
    assert refused.exit_code == 2 and "format version 4; this clausewise reads 1, 2 and 3" in refused.stderr


def test_import_into_the_other_backend(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    _fill(source)
    dump = tmp_path / "dump.json"
    run(source, "export", str(dump))
    run(db, "import", str(dump))
    assert snapshot(db) == snapshot(source)
    assert run(db, "export", "-").output == dump.read_text(encoding="utf-8")


def test_import_refuses_a_database_with_data_and_bad_files(db: str, tmp_path: Path) -> None:
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY)
    dump = tmp_path / "dump.json"
    run(db, "export", str(dump))
    before = snapshot(db)
    busy = run(db, "import", str(dump), ok=False)
    assert busy.exit_code == 2 and "import needs an empty database" in busy.stderr
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    for name, message in (
        ("other.json", "not a clausewise export"),
        ("broken.json", "not a JSON export"),
        ("missing.json", "no such file"),
    ):
        result = run(db, "import", str(tmp_path / name), ok=False)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr
    assert snapshot(db) == before
