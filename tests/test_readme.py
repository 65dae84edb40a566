"""The README's commands and its Python example do what it says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_example() -> str:
    section = README.split("## From Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_the_python_example_runs_and_writes_its_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").symlink_to(CORPUS, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_python_example(), "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert re.fullmatch(r"\d+ modified, \d+ added, \d+ removed(, .*)?, \d+ unchanged", lines[0])
    assert lines[1].startswith("missing from Chard's: INTRODUCTION › paragraph ")
    assert re.fullmatch(r"Spilsby keeps \d+\.\d% of the model's words", lines[3])
    assert "Spilsby Town Council" in (tmp_path / "spilsby-divergence.html").read_text(encoding="utf-8")
    assert any(line.startswith("no-date Chard Town Council") for line in lines)
