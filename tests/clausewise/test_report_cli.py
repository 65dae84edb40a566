"""`clausewise report ...` and `clausewise demo` on the shipped corpus, through the real CLI."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from clausewise.cli import cli
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import snapshot


def _run(*args: str, ok: bool = True) -> Result:
    result = CliRunner().invoke(cli, list(args))
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("store") / "corpus.db")
    _run("add", "--manifest", str(CORPUS / "manifest.toml"), "--db", db)
    return db


@pytest.mark.parametrize("command", ["divergence", "redline", "reviews", "matrix", "history"])
def test_every_report_has_an_example_in_its_help(command: str) -> None:
    assert "Example" in _run("report", command, "--help").output


def test_divergence_as_markdown_on_stdout_and_word_by_suffix(corpus_db: str, tmp_path: Path) -> None:
    markdown = _run("report", "divergence", "spilsby", "--db", corpus_db, "--format", "md").output
    assert markdown.startswith("# ") and "Spilsby Town Council" in markdown
    target = tmp_path / "spilsby.docx"
    _run("report", "divergence", "spilsby", "--db", corpus_db, "-o", str(target))
    with zipfile.ZipFile(target) as docx:
        assert "Spilsby Town Council" in docx.read("word/document.xml").decode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["spilsby.docx"]  # no partial file left behind


def test_redline_of_two_files_needs_no_database_and_names_the_author(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "paper.docx"
    old, new = corpus_path("sandon-burston", "docx"), corpus_path("spilsby", "docx")
    _run("report", "redline", str(old), str(new), "-o", str(target), "--author", "Town Clerk")
    xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    authors = set(re.findall(r'w:author="([^"]*)"', xml))
    assert authors == {"Town Clerk"} and "<w:ins " in xml and "<w:del " in xml
    assert not (tmp_path / "clausewise.db").exists()


def test_reviews_as_csv_lists_every_current_version(corpus_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_run("report", "reviews", "--db", corpus_db, "--format", "csv").output)))
    assert len(rows) == 5
    assert any("Spilsby" in value for row in rows for value in row.values())


def test_matrix_as_svg_has_a_row_per_council(corpus_db: str) -> None:
    svg = _run("report", "matrix", "--db", corpus_db, "--format", "svg").output
    assert svg.lstrip().startswith("<svg") and all(
        name in svg for name in ("Chard Town Council", "District Council", "Spilsby Town Council")
    )


def test_history_names_the_council_and_its_version(corpus_db: str) -> None:
    page = _run("report", "history", "East Northamptonshire", "--db", corpus_db).output
    assert page.lstrip().lower().startswith("<!doctype html") and "East Northamptonshire Council" in page


def test_bad_requests_are_one_line_and_change_nothing(corpus_db: str, tmp_path: Path) -> None:
    before = snapshot(corpus_db)
    for args, message in (
        (["report", "divergence", "spilsby", "--format", "docx"], "give -o FILE.docx"),
        (["report", "divergence", "nowhere"], "nowhere: no such council"),
        (["report", "reviews", "--as-of", "2026-02-30"], "--as-of"),
        (["report", "matrix", "-o", str(tmp_path / "matrix.xlsx")], "matrix.xlsx: this report comes as"),
        (["report", "matrix", "-o", str(tmp_path / "matrix.docx")], "matrix.docx: this report comes as"),
    ):
        result = _run(*args, "--db", corpus_db, ok=False)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert snapshot(corpus_db) == before and not list(tmp_path.iterdir())


def test_demo_writes_every_report_and_can_run_again(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    for _ in range(2):
        output = _run("demo", "-o", str(folder)).stdout
        lines = output.splitlines()
        assert lines[0] == f"database: {folder / 'demo.db'}" and lines[-1] == f"all reports: {folder / 'index.html'}"
        files = [Path(line.split()[-1]) for line in lines[1:-1]]
        # Per council: divergence (html, docx, md), redline (docx, html), history (html), update
        # (docx, html); for all councils: reviews (html, csv) and the matrix (html, svg, csv).
        assert len(files) == 4 * 8 + 5 and all(path.stat().st_size > 0 for path in files)
        assert sum(path.name.endswith("-update.docx") for path in files) == 4
        assert {path.suffix for path in files} == {".html", ".docx", ".md", ".csv", ".svg"}
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert all(f'href="{path.name}"' in index for path in files)
        data = snapshot(str(folder / "demo.db"))
        status = {(v["council"], v["label"]): v["status"] for v in data["versions"]}
        assert len(status) == 6 and status.pop(("Sandon and Burston Parish Council", "3")) == "superseded"
        assert set(status.values()) == {"current"}  # the model's version 4 and each council's one version
    assert not list(folder.glob(".*"))  # no temporary database or partial report left behind
