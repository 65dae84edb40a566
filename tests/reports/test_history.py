"""History: a timeline of versions, with what the alignment says changed at each."""

from __future__ import annotations

import json
from datetime import date

from clausewise.align import align
from clausewise.reports import HistoryRow, build_history, render_csv, render_html, render_json, render_markdown

from tests.reports.corpus import AS_OF, against_model, local, model


def _rows() -> list[HistoryRow]:
    return [
        HistoryRow(
            "2026", date(2026, 4, 1), "Council", "311(a)", "adopted", "Adapted from the model", against_model("spilsby")
        ),
        HistoryRow("draft", None, None, None, "draft", "<script>x</script> pending"),
        HistoryRow("3", date(2025, 5, 1), "Council", "12", "superseded", None, align(model(), model())),
    ]


def test_timeline_order_and_change_counts() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    assert [e.version_label for e in report.entries] == ["3", "2026", "draft"]
    same, spilsby = report.entries[0].changes, report.entries[1].changes
    assert same is not None and same.total == 0 and same.changed_clauses == ()
    alignment = against_model("spilsby")
    assert spilsby is not None
    assert spilsby.added == len(alignment.added()) and spilsby.removed == len(alignment.removed())
    assert spilsby.modified == sum(len(link.left) for link in alignment.links if link.relation == "modified")
    assert report.entries[2].changes is None
    assert len(local("spilsby").content) > 0


def test_formats_escape_and_agree() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    page = render_html(report)
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.count("<li>") == len(report.entries)
    assert "<script" not in render_markdown(report)
    data = json.loads(render_json(report))
    assert [e["version_label"] for e in data["entries"]] == ["3", "2026", "draft"]
    assert render_csv(report).count("\n") == 1 + len(report.entries)
