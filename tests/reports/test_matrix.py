"""Corpus matrix over the four real councils' versions of the model."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from clausewise.app import write_report
from clausewise.reports import build_matrix, render
from clausewise.reports.matrix import COLOURS, MatrixReport
from tests.reports.corpus import AS_OF, COUNCILS, against_model, council_name, model

SVG = "{http://www.w3.org/2000/svg}"


@cache
def _matrix() -> MatrixReport:
    pairs = [(council_name(key), against_model(key)) for key in COUNCILS]
    return build_matrix(model(), pairs, council="Sandon and Burston Parish Council", as_of=AS_OF)


def test_cells_come_from_the_alignments() -> None:
    report = _matrix()
    assert [row.council for row in report.rows] == [council_name(k) for k in COUNCILS]
    assert [c.id for c in report.clauses] == [c.id for c in model().content]
    for key, row in zip(COUNCILS, report.rows, strict=True):
        alignment = against_model(key)
        assert row.count("missing") == len(alignment.removed())
        assert row.count("modified") == sum(len(link.left) for link in alignment.links if link.relation == "modified")
        removed = {c.id for c in alignment.removed()}
        assert {c.id for c, cell in zip(report.clauses, row.cells, strict=True) if cell == "missing"} == removed


def test_ranking_is_most_dropped_or_changed_first() -> None:
    report = _matrix()
    totals = [r.total for r in report.ranking]
    assert totals == sorted(totals, reverse=True)
    changed_anywhere = {
        c.id
        for k, c in enumerate(report.clauses)
        if any(row.cells[k] in {"missing", "modified"} for row in report.rows)
    }
    assert {r.clause.id for r in report.ranking} == changed_anywhere
    top = report.ranking[0]
    column = [c.id for c in report.clauses].index(top.clause.id)
    assert top.missing == sum(row.cells[column] == "missing" for row in report.rows)


def test_svg_is_well_formed_and_has_a_cell_per_council_and_clause(tmp_path: Path) -> None:
    report = _matrix()
    root = ElementTree.fromstring(render(report, "svg"))
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    cells = sum(fills.count(colour) for colour in COLOURS.values())
    legend = len(COLOURS)
    assert cells == len(report.rows) * len(report.clauses) + legend
    path = write_report(report, tmp_path / "matrix.svg")
    assert ElementTree.parse(path).getroot().tag == f"{SVG}svg"


def test_formats() -> None:
    report = _matrix()
    page = render(report, "html")
    assert page.count("<svg") == 1 and "<script" not in page
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert len(rows) == 1 + len(report.rows) and len(rows[0]) == 1 + len(report.clauses)
    assert len(set(rows[0])) == len(rows[0])  # every model clause cited differently in the header
    data = json.loads(render(report, "json"))
    assert len(data["rows"]) == len(report.rows)
    assert "Model clauses most often dropped or changed" in render(report, "md")
