"""The built wheel: one `clausewise` namespace in site-packages, holding every stage.

The repository keeps the design card's top-level folders (ingest/ align/ store/ reports/);
setup.cfg maps them into the package. These tests build the real wheel from the checkout,
install it into a folder of its own and import it from outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

STAGES = ("ingest", "align", "store", "reports")


def _tracked(*folders: str) -> list[str]:
    """The checkout's files as git sees them: committed or new, never ignored (no build/ leftovers)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listed.stdout.split() if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the checkout, so no earlier build's files slip in."""
    source, dist = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    for name in _tracked():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    return next(dist.glob("clausewise-*.whl"))


def test_the_wheel_puts_only_clausewise_at_the_top(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.startswith("clausewise-")} == {"clausewise"}


def test_every_package_file_is_in_the_wheel_under_clausewise(wheel: Path) -> None:
    """Modules and their data (profiles, templates, migrations) alike, of the stages and of the
    clausewise package itself (app, cli): a subpackage missing from setup.cfg fails here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for stage in STAGES:
        files = _tracked(stage)
        assert files, stage
        missing = [f for f in files if f"clausewise/{f}" not in names]
        assert not missing, f"not in the wheel: {missing}"
    missing = [f for f in _tracked("clausewise") if f not in names]
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
