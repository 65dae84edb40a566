"""`clausewise read` on real corpus documents, through click's runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausewise.align.embeddings import available as embeddings_available
from clausewise.cli import HINTS, cli, error_line
from clausewise.errors import NEEDS, NotFound
from tests.conftest import ROOT, corpus_path


def test_read_prints_outline_and_metadata() -> None:
    result = CliRunner().invoke(cli, ["read", str(corpus_path("spilsby", "pdf"))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("Next review:  April 2028 (2028-04)") for line in lines)
    assert "1. Introduction" in lines
    assert any(line.strip().startswith("• To determine Council policy") for line in lines)


def test_read_json_contract() -> None:
    result = CliRunner().invoke(cli, ["read", "--json", str(corpus_path("chard", "docx"))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"title", "council", "metadata", "clauses"} <= data.keys()
    assert data["council"] == "Chard Town Council"
    first = next(c for c in data["clauses"] if c["number"] == "1.1")
    assert set(first) >= {"id", "number", "heading", "kind", "text", "source"}
    assert first["heading"] == ["1. General Principles"]
    assert first["source"]["paragraph"] >= 0
    assert data["metadata"]["adopted"]["on"]["value"] == "2015-01-19"
    assert len({c["id"] for c in data["clauses"]}) == len(data["clauses"])


def test_every_command_has_an_example_in_its_help() -> None:
    for args in ([], ["read"], ["compare"]):
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clausewise", "--version"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0 and "clausewise" in done.stdout


@pytest.mark.skipif(not embeddings_available(), reason="extra 'semantic' not installed")
def test_compare_with_embeddings_prints_no_model_loading_noise() -> None:
    """A fresh process loads the model: its loading bars must not reach the clerk's terminal."""
    left, right = corpus_path("sandon-burston", "txt"), corpus_path("chard", "txt")
    done = subprocess.run(
        [sys.executable, "-m", "clausewise", "compare", str(left), str(right), "--semantic", "embeddings"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1 and "modified" in done.stdout
    assert done.stderr == ""


def test_compare_exit_status_is_like_diff(tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(cli, ["compare", str(corpus_path("spilsby", "docx")), str(corpus_path("spilsby", "pdf"))])
    assert same.exit_code == 0, same.output
    assert "0 modified, 0 added, 0 removed" in same.output
    different = runner.invoke(
        cli, ["compare", str(corpus_path("sandon-burston", "txt")), str(corpus_path("spilsby", "txt"))]
    )
    assert different.exit_code == 1
    assert "cosmetic" in different.output and "{+" in different.output
    broken = runner.invoke(cli, ["compare", str(corpus_path("spilsby", "txt")), str(tmp_path / "missing.pdf")])
    assert broken.exit_code == 2 and "missing.pdf" in broken.stderr


def test_compare_json_contract() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            "--format",
            "json",
            "--semantic",
            "none",
            str(corpus_path("sandon-burston", "txt")),
            str(corpus_path("spilsby", "txt")),
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    left_ids = {c["id"] for c in data["left"]["clauses"]}
    right_ids = {c["id"] for c in data["right"]["clauses"]}
    assert all({"id", "number", "heading", "text"} <= c.keys() for c in data["left"]["clauses"])
    for link in data["links"]:
        assert set(link["left"]) <= left_ids and set(link["right"]) <= right_ids
        assert link["relation"] in {"identical", "cosmetic", "modified"}
        assert isinstance(link["moved"], bool) and 0 <= link["score"] <= 100
        assert all(op in {"equal", "delete", "insert"} for op, _ in link["diff"])
    assert data["settings"]["semantic"] == "none"


def test_compare_with_an_unknown_profile_is_a_clean_error() -> None:
    result = CliRunner().invoke(
        cli, ["compare", "--profile", "nonexistent", str(corpus_path("chard", "txt")), str(corpus_path("chard", "txt"))]
    )
    assert result.exit_code == 2 and "no such profile" in result.stderr


def test_every_value_an_error_can_need_has_a_command_line_hint() -> None:
    """A library error says what it needs; the command line must know how to ask for it."""
    assert set(HINTS) == set(NEEDS)
    error = NotFound("chard: no such council in the database", needs="stored council")
    assert error_line(error) == "chard: no such council in the database; `clausewise councils` lists them"


def test_an_unknown_council_is_one_line_with_the_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["history", "nowhere", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 2
    assert result.stderr == (
        "clausewise: error: nowhere: no such council in the database; `clausewise councils` lists them\n"
    )


def test_a_read_on_a_missing_database_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "clausewise.db"
    for command in (["reviews"], ["councils"], ["history", "Chard"], ["report", "matrix"], ["export", "-"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(missing)])
        assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert not missing.exists()
