"""Export and import: a full, lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from clausewise.store import open_session, save_embeddings
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot


def _fill(db: str) -> None:
    """Every kind of row: councils, versions (one superseded, one based on the model), clauses,
    reviews, alignment runs with links and diffs, embeddings."""
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
    run(db, "history", "chard")
    with open_session(db) as session:
        save_embeddings(session, {f"{k:064x}": np.arange(384, dtype=np.float32) / (k + 1) for k in range(3)}, model="m")


def test_export_import_export_is_identical(db: str, tmp_path: Path) -> None:
    _fill(db)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert "exported 6 versions of 5 councils" in run(db, "export", str(first)).output
    target = str(tmp_path / "restored.db")
    imported = run(target, "import", str(first))
    assert (
        "6 versions" in imported.output and "1 alignment runs" in imported.output and "3 embeddings" in imported.output
    )
    run(target, "export", str(second))
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert len(data["alignment_runs"][0]["links"]) > 10 and data["versions"][0]["clauses"][0]["text"]
    assert data["versions"][-1]["based_on"] == ["Sandon and Burston Parish Council", POLICY, "3"]


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
