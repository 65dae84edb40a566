"""The README's commands and its Python example do what it says."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
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


# --- The README from a fresh clone, as a new user follows it -----------------------------------

SETUP_CI = "bash .ci/run"  # the README's second set-up command: what CI itself runs, never nested


def readme_commands(readme: str = README) -> list[str]:
    """Every shell command the README shows, in order: lines of its ```sh blocks, with
    backslash continuations joined."""
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.DOTALL):
        pending = ""
        for line in block.splitlines():
            pending += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
            if not line.endswith("\\"):
                if pending.strip():
                    commands.append(pending.strip())
                pending = ""
    return commands


# Commands whose exit status 1 means "there are differences", as diff's does.
DIFF_LIKE = re.compile(r"^(\.venv/bin/)?clausewise (compare|update)\b")


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout to clone")
def test_the_readme_works_as_written_from_a_fresh_clone(tmp_path: Path) -> None:
    """Clone, run the first set-up command (install and demo), skip the second (it is this
    test suite), then every other command the README shows, in one shell, as written."""
    clone = tmp_path / "clausewise"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    commands = readme_commands((clone / "README.md").read_text(encoding="utf-8"))
    assert commands[0].startswith("python3 -m venv .venv") and commands[1] == SETUP_CI
    script = [f"cd {shlex.quote(str(clone))}"]
    for number, command in enumerate(commands):
        if command == SETUP_CI:
            continue
        script += [f"echo '::command {number}' >&2", command, f'echo "::status {number} $?" >&2']
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CLAUSEWISE_", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    result = subprocess.run(["bash", "-c", "\n".join(script)], capture_output=True, text=True, env=env, timeout=1800)
    statuses = dict(re.findall(r"::status (\d+) (\d+)", result.stderr))
    for number, command in enumerate(commands):
        if command == SETUP_CI:
            continue
        allowed = {"0", "1"} if DIFF_LIKE.search(command) else {"0"}
        said = result.stderr.split(f"::command {number}\n", 1)[-1].split("::status", 1)[0]
        assert statuses.get(str(number)) in allowed, f"{command!r} exited {statuses.get(str(number))}:\n{said}"
        assert "Traceback" not in said, f"{command!r}:\n{said}"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    untracked = {line[3:].rstrip("/") for line in status.stdout.splitlines()}
    assert not untracked & {"clausewise.db", "clausewise-demo", ".venv"}, "the databases and the demo are ignored"
    assert not any(line[:2].strip() and line[:2] != "??" for line in status.stdout.splitlines()), status.stdout
