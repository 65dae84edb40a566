"""`clausewise read` on real corpus documents, through click's runner."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from clausewise.cli import cli
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
    for args in ([], ["read"]):
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clausewise", "--version"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0 and "clausewise" in done.stdout
