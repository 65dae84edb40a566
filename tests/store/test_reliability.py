"""Every command is one transaction; several processes writing at once lose nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import clausewise.app.adding as adding
import clausewise.app.history as history
import clausewise.app.store as app_store
from clausewise.app.comparing import compare_versions
from clausewise.store import add_document, import_data, record_review
from tests.conftest import CORPUS, ROOT, corpus_path
from tests.store.conftest import POLICY, run, snapshot


class Boom(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The injected failure reaches the test as itself, not as the command line's line for a bug."""
    monkeypatch.setenv("CLAUSEWISE_DEBUG", "1")


def _fail_after(real: Callable[..., Any], calls: int) -> Callable[..., Any]:
    """`real`, but the call after `calls` successful ones does its writes and then raises."""
    done = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal done
        result = real(*args, **kwargs)
        done += 1
        if done > calls:
            raise Boom("injected failure after the writes")
        return result

    return wrapper


def _base(db: str) -> dict[str, Any]:
    # As the manifest names it, so adding the manifest finds Chard's version unchanged.
    run(db, "add", str(corpus_path("chard", "txt")), "--policy", POLICY, "--version", "2015")
    run(db, "review", "chard", "--on", "2025-01-01", "--next", "2026-01-01")
    return snapshot(db)


def test_add_failing_half_way_leaves_the_database_as_it_was(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _base(db)
    monkeypatch.setattr(adding, "add_document", _fail_after(add_document, 2))
    result = run(db, "add", "--manifest", str(CORPUS / "manifest.toml"), ok=False)
    assert isinstance(result.exception, Boom)
    assert snapshot(db) == before


def test_review_failing_after_its_writes_leaves_the_database_as_it_was(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _base(db)
    monkeypatch.setattr(app_store, "record_review", _fail_after(record_review, 0))
    result = run(db, "review", "chard", "--on", "2026-01-01", "--next", "2027-01-01", ok=False)
    assert isinstance(result.exception, Boom)
    assert snapshot(db) == before


def test_import_failing_after_its_writes_leaves_the_database_empty(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = str(tmp_path / "source.db")
    _base(source)
    dump = tmp_path / "dump.json"
    run(source, "export", str(dump))
    empty = snapshot(db)
    monkeypatch.setattr(app_store, "import_data", _fail_after(import_data, 0))
    assert isinstance(run(db, "import", str(dump), ok=False).exception, Boom)
    assert snapshot(db) == empty


def test_history_failing_after_storing_alignments_leaves_the_database_as_it_was(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _base(db)
    run(db, "add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Chard Town Council")
    before = snapshot(db)
    monkeypatch.setattr(history, "compare_versions", _fail_after(compare_versions, 0))
    assert isinstance(run(db, "history", "chard", ok=False).exception, Boom)
    assert snapshot(db) == before
    monkeypatch.undo()
    run(db, "history", "chard")
    assert len(snapshot(db)["alignment_runs"]) == 1


def _add_at_once(db: str, jobs: list[list[str]]) -> list[str]:
    """Start one `clausewise add` process per job at the same moment; their outputs."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "clausewise", "add", *job, "--policy", POLICY, "--db", db],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in jobs
    ]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


KEYS = ("chard", "district", "east-northamptonshire", "spilsby")


def test_four_processes_adding_at_once_lose_nothing(db: str) -> None:
    """Four CLI processes add different files to one new database at the same moment
    (schema creation included): every version is stored exactly once."""
    outputs = _add_at_once(db, [[str(corpus_path(key, "txt")), "--council", f"Council {key}"] for key in KEYS])
    assert all(out.startswith("added Council ") for out in outputs)
    data = snapshot(db)
    assert sorted(v["council"] for v in data["versions"]) == sorted(f"Council {key}" for key in KEYS)
    assert all(v["status"] == "current" and v["clauses"] for v in data["versions"])


def test_four_processes_adding_versions_of_one_policy_keep_one_current(db: str) -> None:
    outputs = _add_at_once(
        db, [[str(corpus_path(key, "pdf")), "--council", "Shared Parish Council", "--version", key] for key in KEYS]
    )
    assert all(out.startswith("added Shared Parish Council") for out in outputs)
    versions = snapshot(db)["versions"]
    assert sorted(v["label"] for v in versions) == sorted(KEYS)
    assert [v["status"] for v in versions].count("current") == 1
