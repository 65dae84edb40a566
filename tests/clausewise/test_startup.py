"""Start-up: each command loads only what it needs (issue 17).

Timing belongs in benchmarks/startup_bench.py; these tests check the cause instead — which
libraries a process has imported when it is done — so they hold on any machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from clausewise.cli import COMMANDS, cli
from tests.conftest import ROOT

CORPUS = ROOT / "corpus"
LEFT = CORPUS / "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026.txt"
RIGHT = CORPUS / "spilsby-town-council_councillor-officer-protocol_2026.txt"
HEAVY = ("sqlalchemy", "alembic", "scipy.optimize", "spacy", "jinja2", "rich", "fastapi", "uvicorn", "onnxruntime")
# The Word and PDF libraries: loaded to read a file of their kind, not for .txt files.
READERS = ("pdfplumber", "docx")


def _loaded_after(*args: str) -> set[str]:
    """The top-level modules of HEAVY + READERS that `clausewise ARGS` has imported when it ends."""
    watched = json.dumps([*HEAVY, *READERS])
    code = (
        "import json, sys\nfrom clausewise.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {watched} if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_help_loads_no_command_and_no_library() -> None:
    assert _loaded_after("--help") == set()


def test_comparing_two_files_loads_neither_the_database_nor_the_reports() -> None:
    loaded = _loaded_after("compare", str(LEFT), str(RIGHT), "--semantic", "spacy")
    assert loaded == set()


def test_reading_a_word_file_loads_python_docx_and_not_pdfplumber() -> None:
    word = CORPUS / "originals" / f"{RIGHT.stem}.docx"
    assert _loaded_after("read", str(word)) & {*READERS, "sqlalchemy"} == {"docx"}


def test_a_store_command_loads_the_database_but_not_alembic_when_it_is_current(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    assert "alembic" in _loaded_after("db", "upgrade", "--db", db)  # a new database is migrated
    loaded = _loaded_after("councils", "--db", db)
    assert "sqlalchemy" in loaded and "alembic" not in loaded


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_line_is_the_commands_own(name: str) -> None:
    """`clausewise --help` lists commands without importing them, from COMMANDS; each line
    must be the first paragraph of the command's own help."""
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.name == name
    assert COMMANDS[name][1] == " ".join((command.help or "").split("\n\n")[0].split())


def test_every_command_module_is_listed() -> None:
    found = {
        c.name
        for path in (ROOT / "clausewise" / "cli").glob("*.py")
        if "COMMANDS = " in path.read_text(encoding="utf-8") and path.stem != "__init__"
        for c in __import__(f"clausewise.cli.{path.stem}", fromlist=["COMMANDS"]).COMMANDS
    }
    assert found == set(COMMANDS)
