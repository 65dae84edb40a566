"""Lineage: which stored model version a council's version follows, on the real corpus and on
synthetic revision chains with known answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from clausewise import Store
from clausewise.align import AlignSettings
from clausewise.app.adding import add_read
from clausewise.app.lineage import DEFAULT_LINEAGE, Lineage, lineage
from clausewise.app.reviews import reviews_due
from clausewise.ingest import read
from clausewise.reports import render
from clausewise.store import MODEL_PUBLISHER, AddOptions, open_session, resolve_version
from tests.app.revision_chains import SyntheticCouncil, councils, model_chain, write
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot
from tests.store.conftest import sqlite_db as sqlite_db  # the fixture: a SQLite file, for tests of wording

MODEL = "Sandon and Burston Parish Council"
MODEL_V3 = f"{MODEL}:{POLICY}@3"
LEXICAL = AlignSettings(semantic="none")  # fast, and what is kept verbatim or cosmetically is lexical anyway
TODAY = date(2026, 11, 30)


def _lineage(db: str, reference: str) -> Lineage:
    with open_session(db, write=False) as session:
        return lineage(session, resolve_version(session, reference))


def _version(db: str, council: str) -> dict[str, object]:
    return next(v for v in snapshot(db)["versions"] if v["council"] == council)


def test_the_corpus_councils_and_the_model_version_they_follow(db: str) -> None:
    """Spilsby adapted the model's version 3 and kept most of it; the other councils rewrote
    theirs so far (under 30% of any model version kept) that no version is claimed."""
    Store(db).add_manifest(CORPUS / "manifest.toml")
    spilsby = _lineage(db, "spilsby")
    assert spilsby.base is not None and spilsby.base.label == "3" and spilsby.origin == "detected"
    assert spilsby.detected is not None and spilsby.detected.share > 0.8
    versions = [e.model.label for e in spilsby.evidence]
    with open_session(db, write=False) as session:
        current = resolve_version(session, "model")
    assert "3" in versions and current.label in versions  # every stored model version is a candidate
    assert spilsby.detected.kept == max(e.kept for e in spilsby.evidence)
    assert spilsby.current is not None and spilsby.current.label == current.label
    assert spilsby.model_revised == (current.label != "3")
    recorded = _version(db, "Spilsby Town Council")
    assert recorded["based_on"] == [MODEL, POLICY, "3"] and recorded["origins"]["based on"] == "detected"  # type: ignore[index]
    for council in ("chard", "district", "east"):
        found = _lineage(db, council)
        assert found.base is None and found.origin is None and found.evidence
        assert all(e.share < DEFAULT_LINEAGE.floor for e in found.evidence)
        assert found.reason.startswith("not detected: ") and found.reason.endswith("; 30% needed")
    assert _lineage(db, "model").base is None  # a model version follows no model


def test_add_says_which_model_version_it_detected_and_why(sqlite_db: str) -> None:
    run(sqlite_db, "add", str(corpus_path("sandon-burston", "txt")), "--policy", POLICY, "--model", "--version", "3")
    spilsby = ("add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Spilsby Town Council")
    lines = run(sqlite_db, *spilsby).output.splitlines()
    lines += run(sqlite_db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY).output.splitlines()
    assert any(
        re.fullmatch(rf"  based on {re.escape(MODEL_V3)} \(detected: \d+% of its clauses kept, \d+ of 122\)", line)
        for line in lines
    ), lines
    chard = next(line for line in lines if line.startswith("  based on: not known"))
    assert re.fullmatch(
        r"  based on: not known \(not detected: version 3, the closest model version, has \d+% of its clauses kept, "
        r"\d+ of 122; 30% needed\)",
        chard,
    )
    assert _version(sqlite_db, "Chard Town Council")["based_on"] is None


def test_a_given_model_version_wins_over_detection(db: str) -> None:
    """Chard keeps too little of the model for detection to name a version; a clerk who knows
    says which, and that is what is recorded and reported."""
    run(db, "add", str(corpus_path("sandon-burston", "txt")), "--policy", POLICY, "--model", "--version", "3")
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--based-on", "model@3")
    chard = _lineage(db, "chard")
    assert chard.base is not None and chard.base.reference == MODEL_V3
    assert (chard.origin, chard.reason, chard.detected) == ("given", "given", None)
    assert chard.evidence and chard.evidence[0].share < DEFAULT_LINEAGE.floor
    assert _version(db, "Chard Town Council")["origins"]["based on"] == "given"  # type: ignore[index]
    history = run(db, "history", "chard").output
    assert f"    based on {MODEL_V3} (given when this version was added)\n" in history


def test_councils_listed_before_the_model_in_one_manifest_see_it(sqlite_db: str, tmp_path: Path) -> None:
    """Model versions are stored first, so detection finds them; the output keeps the order."""
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        f'policy = "{POLICY}"\n\n'
        f'[[document]]\nkey = "spilsby"\ncouncil = "Spilsby Town Council"\nkind = "town"\n'
        f'text = "{corpus_path("spilsby", "txt")}"\n\n'
        f'[[document]]\nkey = "model"\ncouncil = "{MODEL}"\nmodel = true\nversion = "3"\n'
        f'text = "{corpus_path("sandon-burston", "txt")}"\n',
        encoding="utf-8",
    )
    output = run(sqlite_db, "add", "--manifest", str(manifest)).output
    assert output.index("added Spilsby Town Council") < output.index(f"added {MODEL}")
    assert f"  based on {MODEL_V3} (detected: " in output
    assert [v["council"] for v in snapshot(sqlite_db)["versions"]] == [MODEL, "Spilsby Town Council"]


def _add_chain(db: str, folder: Path, versions: int = 3) -> list[SyntheticCouncil]:
    """Model versions 1..`versions` and councils adapted from each, added as `add` adds them."""
    chain = model_chain(versions, seed=14)
    made = councils(chain, (0.1, 0.35, 0.6, 0.8), seeds=1, seed=15)
    documents = [
        (
            read(write(folder, f"model-v{n}", text)),
            AddOptions(POLICY, council="Model", kind=MODEL_PUBLISHER, label=str(n), adopted_on=date(2019 + n, 5, 1)),
        )
        for n, text in enumerate(chain, 1)
    ]
    documents += [
        (
            read(write(folder, c.name, c.text)),
            AddOptions(POLICY, council=c.name, label="1", adopted_on=date(2025, 6, 1)),
        )
        for c in made
    ]
    with open_session(db) as session:
        add_read(session, documents, today=TODAY, settings=LEXICAL)
    return made


def test_synthetic_revision_chains_detect_the_version_each_council_adapted(db: str, tmp_path: Path) -> None:
    """v1 -> v2 -> v3 of the model by seeded annual-review edits of the real model text, and
    councils adapted from each with their own edits: every council that kept >= 30% of the
    model version it follows is traced to that version (benchmarks/lineage_eval.py measures
    the same at volume), and one that kept less is traced to none."""
    made = _add_chain(db, tmp_path)
    counted = right = 0
    with open_session(db, write=False) as session:
        for council in made:
            found = lineage(session, resolve_version(session, f'"{council.name}"'), settings=LEXICAL)
            assert [e.model.label for e in found.evidence] == ["1", "2", "3"]
            followed = found.evidence[council.follows - 1]
            if followed.share >= DEFAULT_LINEAGE.floor:
                counted += 1
                right += found.base is not None and found.base.label == str(council.follows)
            if all(e.share < DEFAULT_LINEAGE.floor for e in found.evidence):
                assert found.base is None, council.name
    assert counted >= 9 and right == counted  # the heaviest editors (80% reworded) fall below the floor
    exported = {v["council"]: v for v in snapshot(db)["versions"]}
    for council in made:  # what `add` recorded is what lineage finds
        base = exported[council.name]["based_on"]
        assert base is None or base == ["Model", POLICY, str(council.follows)], council.name


def test_reviews_flag_a_policy_on_an_old_model_version(sqlite_db: str, tmp_path: Path) -> None:
    made = _add_chain(sqlite_db, tmp_path)
    with open_session(sqlite_db, write=False) as session:
        report = reviews_due(session, as_of=TODAY)
    rows = {item.row.council: item.row for item in report.items}
    assert "Model" in rows and not rows["Model"].model_revised and rows["Model"].model_version is None
    light = {c.follows: c.name for c in made if c.edits == 0.1}
    assert [rows[light[n]].model_revised for n in (1, 2, 3)] == [True, True, False]
    assert (rows[light[1]].model_version, rows[light[1]].model_now) == ("1", "3")
    text = render(report, "text")
    assert f"{light[1]}: {POLICY} version 1 due 2027-05 (" in text
    line = next(line for line in text.splitlines() if light[1] in line)
    assert line.endswith("— model revised since adoption (follows version 1; now 3)")
    assert "model revised since adoption" not in next(line for line in text.splitlines() if light[3] in line)
    table = render(report, "csv").splitlines()
    assert table[0].endswith(",model_version,model_now,model_revised")
    assert next(row for row in table if light[1] in row).endswith(",1,3,yes")
    assert next(row for row in table if light[3] in row).endswith(",3,3,no")
    data = json.loads(render(report, "json"))
    flags = {item["row"]["council"]: item["row"]["model_revised"] for item in data["items"]}
    assert flags[light[1]] is True and flags[light[3]] is False
    page = render(report, "html")
    assert page.count('<strong class="flag">model revised since adoption</strong>') == sum(
        row.model_revised for row in rows.values()
    )
