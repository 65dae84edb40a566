"""Corpus matrix over the four real councils' versions of the model."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from functools import cache
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

from clausewise.app import write_report
from clausewise.reports import build_matrix, render
from clausewise.reports.html import MATRIX_RANKED
from clausewise.reports.matrix import COLOURS, MatrixReport, bands
from tests.reports.corpus import AS_OF, COUNCILS, against_model, council_name, model
from tests.reports.tools import chromium, require

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
    assert len(rows) == 1 + len(report.rows) and len(rows[0]) == 2 + len(report.clauses)
    assert rows[0][:2] == ["council", "model_version"]
    assert len(set(rows[0])) == len(rows[0])  # every model clause cited differently in the header
    data = json.loads(render(report, "json"))
    assert len(data["rows"]) == len(report.rows)
    assert "Model clauses most often dropped or changed" in render(report, "md")


def test_the_page_reads_on_paper() -> None:
    """Nothing that needs a mouse, a title in sentence case, and clauses cited as the model numbers them."""
    report = _matrix()
    assert report.title == "Model councillor-officer/clerk protocol: how 4 councils adapted it"
    page = render(report, "html")
    assert "hover" not in page.lower()
    ranking = page[page.index("<h2>Model clauses most often dropped or changed</h2>") :]
    first_cells = [unescape(c) for c in re.findall(r'<tr><td class="cite">(.*?)</td>', ranking)]
    assert first_cells == [r.clause.citation for r in report.ranking[:MATRIX_RANKED]]
    assert first_cells[0] == model().citation(report.ranking[0].clause.id)
    assert f"{len(report.ranking) - MATRIX_RANKED} more clauses were dropped or changed" in ranking


def test_sections_are_lettered_bands_named_in_a_key() -> None:
    report = _matrix()
    root = ElementTree.fromstring(render(report, "svg"))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    sections = list(dict.fromkeys(c.section for c in report.clauses))
    assert [b.title for b in bands(report.clauses)] == sections
    for letter, title in zip("ABCDEFG", sections, strict=True):
        clauses = sum(1 for c in report.clauses if c.section == title)
        assert f"{letter} {title} ({clauses} clauses)" in texts  # the key
        assert letter in texts  # the band's own label
    assert sum(b.clauses for b in bands(report.clauses)) == len(report.clauses)


def test_printed_heatmap_labels_are_nearly_body_size(tmp_path: Path) -> None:
    """Printed on A4 by Chromium, a council's name in the heatmap is at least 85% of the height
    of the same name in the table under it (the chart is scaled to the page width)."""
    html = tmp_path / "matrix.html"
    write_report(_matrix(), html)
    pdf = tmp_path / "matrix.pdf"
    chromium(html, pdf=pdf)
    boxes = subprocess.run(
        [require("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = sorted(
        float(y_max) - float(y_min)
        for y_min, y_max in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Chard</word>', boxes)
    )
    assert len(heights) == 2  # the heatmap's row label and the table's row
    assert heights[0] >= 0.85 * heights[1]


def test_one_council_is_one_council() -> None:
    report = build_matrix(model(), [(council_name("chard"), against_model("chard"))], council="All", as_of=AS_OF)
    assert report.title.endswith("how 1 council adapted it")
