"""What the reports say of lineage: the divergence headline, the matrix's model version column,
each history entry, in every format, escaped. Built from the real corpus alignments."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import docx
from markupsafe import escape

from clausewise.reports import HistoryRow, build_divergence, build_history, build_matrix, render
from clausewise.reports.lineage import ModelLineage
from tests.reports.corpus import AS_OF, COUNCILS, against_model, council_name, local, model

# Spilsby adapted the model's version 3; the model has since been revised (a lineage as
# `clausewise.app.lineage` reports it, with the dates of the two model versions).
REVISED = ModelLineage(
    based_on="3",
    current="4",
    how="detected: this version keeps 86% of that model version's clauses, 105 of 122",
    based_on_adopted=date(2026, 3, 10),
    current_adopted=date(2027, 4, 1),
    model="Sandon and Burston Parish Council",
)
SENTENCE = "Based on the model's version 3 (March 2026); the model is now at version 4 (April 2027)."
CURRENT = ModelLineage(
    based_on="3", current="3", how="given when this version was added", based_on_adopted=date(2026, 3, 10)
)
HOSTILE = ModelLineage(based_on="<b>3</b>", current="=4", how="given when this version was added")


def _divergence(lineage: ModelLineage | None) -> object:
    key = "spilsby"
    return build_divergence(
        model(), local(key), against_model(key), council=council_name(key), as_of=AS_OF, lineage=lineage
    )


def test_the_sentence_says_whether_the_model_moved_on() -> None:
    assert REVISED.sentence == SENTENCE and REVISED.revised and REVISED.column == "3 (now 4)"
    assert CURRENT.sentence == "Based on the model's version 3 (March 2026), its current version."
    assert not CURRENT.revised and CURRENT.column == "3"
    month = ModelLineage("2", "3", "given", based_on_adopted=date(2024, 1, 1), based_on_precision="year")
    assert month.sentence == "Based on the model's version 2 (2024); the model is now at version 3."


def test_the_divergence_headline_names_the_model_version_in_every_format() -> None:
    report = _divergence(REVISED)
    page = render(report, "html")
    assert f'<p class="lineage">{escape(SENTENCE)} <strong>Model revised since adoption.</strong>' in page
    assert f'<span class="note">({escape(REVISED.how)})</span>' in page
    markdown = render(report, "md")
    assert f"{SENTENCE} **Model revised since adoption.** *({REVISED.how})*" in markdown
    word = docx.Document(io.BytesIO(render(report, "docx")))  # type: ignore[arg-type]
    assert f"{SENTENCE} Model revised since adoption. ({REVISED.how})" in [p.text for p in word.paragraphs]
    data = json.loads(render(report, "json"))
    assert data["lineage"]["sentence"] == SENTENCE and data["lineage"]["revised"] is True
    unflagged = render(_divergence(CURRENT), "md")
    assert "its current version." in unflagged and "Model revised since adoption" not in unflagged
    plain = render(_divergence(None), "html")
    assert 'class="lineage"' not in plain and "Based on the model" not in plain


def test_lineage_text_is_escaped() -> None:
    page = render(_divergence(HOSTILE), "html")
    assert "version &lt;b&gt;3&lt;/b&gt;" in page and "version <b>" not in page
    assert "version &lt;b&gt;3&lt;/b&gt;" in render(_divergence(HOSTILE), "md")


def test_the_matrix_has_a_model_version_column() -> None:
    pairs = [(council_name(key), against_model(key)) for key in COUNCILS]
    lineages = {council_name("spilsby"): REVISED, council_name("chard"): None}
    report = build_matrix(model(), pairs, council="All councils", as_of=AS_OF, lineages=lineages)
    table = {row[0]: row[1] for row in csv.reader(io.StringIO(render(report, "csv")))}
    assert table["council"] == "model_version"
    assert table[council_name("spilsby")] == "3 (now 4)" and table[council_name("chard")] == ""
    page = render(report, "html")
    assert "<th>Model version</th>" in page and "<td>Spilsby Town Council</td><td>3 (now 4)</td>" in page
    assert "| Spilsby Town Council | 3 (now 4) |" in render(report, "md")
    rows = {row["council"]: row for row in json.loads(render(report, "json"))["rows"]}
    assert rows[council_name("chard")]["lineage"] is None  # none known
    assert rows[council_name("spilsby")]["lineage"]["sentence"] == SENTENCE


def test_each_history_entry_says_the_model_version_and_whether_it_moved_on() -> None:
    base = "Sandon and Burston Parish Council:Councillor-Officer Protocol@3"
    rows = [
        HistoryRow("2026", date(2026, 4, 14), status="current", based_on=base, lineage=REVISED),
    ]
    report = build_history(rows, council="Spilsby Town Council", policy="Councillor-Officer Protocol", as_of=AS_OF)
    line = f"    based on {base} ({REVISED.how}); model revised since adoption: the model is now at version 4"
    assert line in render(report, "text").splitlines()
    assert f"based on {base} ({REVISED.how}); model revised since adoption" in render(report, "md").replace("\\", "")
    assert "<strong>Model revised since adoption</strong>: the model is now at version 4" in render(report, "html")
    (entry,) = csv.DictReader(io.StringIO(render(report, "csv")))
    assert (entry["based_on"], entry["model_now"], entry["model_revised"]) == (base, "4", "yes")
