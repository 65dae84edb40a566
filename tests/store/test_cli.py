"""The store's commands: help with examples, listing councils in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from clausewise.cli import cli
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import run

COMMANDS = [
    ["add"],
    ["councils"],
    ["history"],
    ["review"],
    ["reviews"],
    ["amend"],
    ["remove"],
    ["export"],
    ["import"],
    ["db"],
    ["db", "upgrade"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_store_command_has_an_example_in_its_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_councils_in_text_json_and_csv(db: str) -> None:
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    text = run(db, "councils").output.splitlines()
    assert text[0].split() == ["Chard", "Town", "Council", "town", "1", "policy,", "1", "version"]
    assert any(line.startswith("Sandon and Burston Parish Council  model publisher") for line in text)
    data = json.loads(run(db, "councils", "--format", "json").output)
    assert data[0] == {"name": "Chard Town Council", "kind": "town", "policies": 1, "versions": 1}
    rows = list(csv.DictReader(io.StringIO(run(db, "councils", "--format", "csv").output)))
    assert [row["name"] for row in rows] == [item["name"] for item in data]


def test_nothing_to_add_and_unknown_references_are_one_line(sqlite_db: str) -> None:
    for args, message in (
        (["add"], "nothing to add; give FILE... or --manifest"),
        (["history", "chard"], "chard: no such council"),
        (["review", "chard", "--on", "2026-01-01", "--next", "2027-01-01"], "chard: no such council"),
    ):
        result = run(sqlite_db, *args, ok=False)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr


def test_compare_takes_stored_references_and_files_alike(db: str) -> None:
    run(db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    model_file = str(corpus_path("sandon-burston-v4", "txt"))  # "model" is its current version, 4
    stored = run(db, "compare", "model", "spilsby", "--format", "json", ok=False)
    mixed = run(db, "compare", model_file, "Spilsby Town Council", "--format", "json", ok=False)
    assert stored.exit_code == mixed.exit_code == 1
    assert json.loads(stored.output)["links"] == json.loads(mixed.output)["links"]
    same = run(db, "compare", "chard", "chard", ok=False)
    assert same.exit_code == 0 and "0 modified, 0 added, 0 removed" in same.output
    missing = run(db, "compare", "model", "nowhere", ok=False)
    assert missing.exit_code == 2 and "nowhere: no such council" in missing.stderr
