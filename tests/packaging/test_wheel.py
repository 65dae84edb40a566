"""The built wheel: one `clausewise` namespace in site-packages, holding every stage.

The repository keeps the design card's top-level folders (ingest/ align/ store/ reports/);
setup.cfg maps them into the package. These tests build the real wheel from the checkout,
install it into a folder of its own and import it from outside the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

STAGES = ("ingest", "align", "store", "reports")


@cache
def _wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("clausewise-*.whl"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _wheel(tmp_path_factory.mktemp("dist"))


def _tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.split()


def test_the_wheel_puts_only_clausewise_at_the_top(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.startswith("clausewise-")} == {"clausewise"}


def test_every_stage_file_is_in_the_wheel_under_clausewise(wheel: Path) -> None:
    """Modules and their data (profiles, templates, migrations) alike."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for stage in STAGES:
        files = [f for f in _tracked(stage) if not f.endswith(".pyc")]
        assert files, stage
        missing = [f for f in files if f"clausewise/{f}" not in names]
        assert not missing, f"not in the wheel: {missing}"


def test_installed_wheel_imports_as_one_namespace_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import importlib.util, clausewise, clausewise.ingest, clausewise.align, clausewise.store, clausewise.reports\n"
        "print(clausewise.store.__file__)\n"
        "print(*(importlib.util.find_spec(name) is None for name in ('ingest', 'align', 'store', 'reports')))\n"
        "print(clausewise.read.__module__, clausewise.align.align.__module__)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    where, absent, modules = done.stdout.splitlines()
    assert Path(where).is_relative_to(site)
    assert absent == "True True True True"  # no generic top-level `store`, `ingest`, ... anywhere
    assert modules == "clausewise.ingest.read clausewise.align.align"
