"""History: a timeline of versions, with what the alignment says changed at each."""

from __future__ import annotations

import json
from datetime import date

from clausewise.align import align
from clausewise.reports import HistoryRow, build_history, render
from tests.reports.corpus import AS_OF, against_model, local, model


def _rows() -> list[HistoryRow]:
    """Oldest first, each with its alignment from the row before (none for the first)."""
    return [
        HistoryRow("3", date(2025, 5, 1), "Council", "12", "superseded", None, None),
        HistoryRow(
            "2026", date(2026, 4, 1), "Council", "311(a)", "adopted", "Adapted from the model", against_model("spilsby")
        ),
        HistoryRow(
            "draft", None, None, None, "draft", "<script>x</script> pending", align(local("spilsby"), local("spilsby"))
        ),
    ]


def test_timeline_keeps_the_given_order_and_counts_changes() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    assert [e.version_label for e in report.entries] == ["3", "2026", "draft"]
    first, spilsby, same = (e.changes for e in report.entries)
    assert first is None and report.entries[0].changed == ()
    assert same is not None and same.total == 0 and same.identical == len(local("spilsby").content)
    assert report.entries[2].changed == ()
    alignment = against_model("spilsby")
    assert spilsby is not None
    assert spilsby.added == len(alignment.added()) and spilsby.removed == len(alignment.removed())
    assert spilsby.modified == sum(len(link.left) for link in alignment.links if link.relation == "modified")


def test_changed_clauses_are_cited_as_a_clerk_would() -> None:
    """The new version's numbers for what changed or was added; the old one's for what went."""
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    changed = report.entries[1].changed
    assert len(changed) == 13 and changed[-1].startswith("and ") and changed[-1].endswith(" more")
    spilsby, model_ = local("spilsby"), model()
    citations = {spilsby.citation(c.id) for c in spilsby.content} | {
        f"{model_.citation(c.id)} (removed)" for c in model_.content
    }
    assert set(changed[:-1]) <= citations
    assert not any(cite.startswith("c") and cite[1:].isdigit() for cite in changed)  # never an internal id


def test_formats_escape_and_agree() -> None:
    report = build_history(_rows(), council="Spilsby Town Council", policy="Protocol", as_of=AS_OF)
    page = render(report, "html")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.count("<li>") == len(report.entries)
    assert "<script" not in render(report, "md")
    data = json.loads(render(report, "json"))
    assert [e["version_label"] for e in data["entries"]] == ["3", "2026", "draft"]
    assert render(report, "csv").count("\n") == 1 + len(report.entries)
