"""Divergence reports of real councils' versions against the model, in every format.

Expected figures are derived from the alignment the report was built from, never typed in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import replace
from html import escape, unescape
from html.parser import HTMLParser

import docx
import pytest

from clausewise.align import align
from clausewise.align.diff import apply_new, apply_old
from clausewise.reports import build_divergence, render
from clausewise.reports.divergence import DivergenceReport
from clausewise.reports.markdown import md_escape
from clausewise.reports.model import section_of, word_count
from tests.reports.corpus import AS_OF, COUNCILS, against_model, council_name, local, model


def _divergence(key: str) -> DivergenceReport:
    return build_divergence(model(), local(key), against_model(key), council=council_name(key), as_of=AS_OF)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name == "class" and value:
                self.classes[value] += 1


def _parse(page: str) -> _Html:
    parser = _Html()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("key", COUNCILS)
def test_headline_figures_come_from_the_alignment(key: str) -> None:
    alignment = against_model(key)
    h = _divergence(key).headline
    by_relation: Counter[str] = Counter()
    for link in alignment.links:
        by_relation[link.relation] += len(link.left)
    assert h.model_clauses == len(model().content)
    assert (h.identical, h.cosmetic, h.modified) == (
        by_relation["identical"],
        by_relation["cosmetic"],
        by_relation["modified"],
    )
    assert h.missing == len(alignment.removed())
    assert h.added == len(alignment.added())
    assert h.identical + h.cosmetic + h.modified + h.missing == h.model_clauses
    assert h.moved == sum(len(link.left) for link in alignment.links if link.moved)
    assert 0.0 <= h.similarity <= 100.0


@pytest.mark.parametrize("key", COUNCILS)
def test_sections_follow_the_model_and_add_up(key: str) -> None:
    report = _divergence(key)
    expected = list(dict.fromkeys(section_of(c) for c in model().content))
    assert [s.title for s in report.sections] == expected
    h = report.headline
    for field in ("clauses", "identical", "cosmetic", "modified", "missing", "model_words", "kept_words"):
        total = sum(getattr(s, field) for s in report.sections)
        assert total == getattr(h, "model_clauses" if field == "clauses" else field), field
    assert all(0.0 <= s.similarity <= 100.0 for s in report.sections)


@pytest.mark.parametrize("key", COUNCILS)
def test_each_modified_link_is_one_redlined_clause(key: str) -> None:
    alignment = against_model(key)
    report = _divergence(key)
    modified_links = [link for link in alignment.links if link.relation == "modified"]
    assert len(report.modified) == len(modified_links)
    for clause in report.modified:
        assert apply_old(clause.diff) == " ".join(c.text for c in clause.model)
        assert apply_new(clause.diff) == " ".join(c.text for c in clause.local)
    assert [c.id for c in report.missing] == [c.id for c in alignment.removed()]
    assert [c.id for c in report.added] == [c.id for c in alignment.added()]


def test_similarity_definition_holds() -> None:
    """The model against itself is 100%; without one clause it loses exactly that clause's words."""
    m = model()
    same = build_divergence(m, m, align(m, m), council="Model", as_of=AS_OF)
    assert same.headline.similarity == 100.0
    assert same.headline.modified == same.headline.missing == same.headline.added == 0
    dropped = max(m.content, key=lambda c: word_count(c.text))
    shorter = replace(m, clauses=tuple(c for c in m.clauses if c.id != dropped.id), sha256="shorter")
    report = build_divergence(m, shorter, align(m, shorter), council="Model", as_of=AS_OF)
    total = sum(word_count(c.text) for c in m.content)
    assert report.headline.missing == 1
    assert report.headline.similarity == pytest.approx(100.0 * (total - word_count(dropped.text)) / total)
    assert "share of the model's words" in report.similarity_definition


def test_an_alignment_of_other_documents_is_refused() -> None:
    with pytest.raises(ValueError, match="not made from these two documents"):
        build_divergence(model(), local("chard"), against_model("spilsby"), council="Chard", as_of=AS_OF)


@pytest.mark.parametrize("key", COUNCILS)
def test_html_shows_every_part(key: str) -> None:
    report = _divergence(key)
    page = render(report, "html")
    parsed = _parse(page)
    assert parsed.classes["clause modified"] == len(report.modified)
    assert parsed.classes["clause missing"] == len(report.missing)
    assert parsed.classes["clause added"] == len(report.added)
    spans = Counter(s.op for m in report.modified for s in m.diff)
    assert parsed.tags["del"] == spans["delete"] + 1  # one more in the legend
    assert parsed.tags["ins"] == spans["insert"] + 1
    # Self-contained: no script, no stylesheet link, nothing fetched (URLs in policy text are only text).
    assert parsed.tags["script"] == 0 and parsed.tags["link"] == 0 and parsed.tags["img"] == 0
    assert "src=" not in page and "href=" not in page and "@import" not in page and "url(" not in page
    assert "@page { size: A4" in page
    assert page.count(report.council.replace("'", "&#39;")) >= 2
    assert f"{report.headline.similarity:.1f}%" in page
    assert report.similarity_definition.replace("'", "&#39;") in page


@pytest.mark.parametrize("key", COUNCILS)
def test_markdown_json_and_csv(key: str) -> None:
    report = _divergence(key)
    text = render(report, "md")
    assert f"Similarity to the model: {report.headline.similarity:.1f}%" in text
    assert text.count("\n> ") == len(report.missing) + len(report.added)
    data = json.loads(render(report, "json"))
    assert data["report"] == "divergence"
    assert data["headline"]["modified"] == report.headline.modified
    assert data["headline"]["similarity"] == round(report.headline.similarity, 2)
    assert len(data["modified"]) == len(report.modified)
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert [r["section"] for r in rows] == [s.title for s in report.sections]
    assert sum(int(r["missing"]) for r in rows) == report.headline.missing


def test_hostile_clause_text_is_escaped() -> None:
    m = model()
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [x](javascript:alert(3)) | # _"
    clauses = list(m.clauses)
    k = next(i for i, c in enumerate(clauses) if c.kind == "paragraph")
    clauses[k] = replace(clauses[k], text=clauses[k].text + " " + hostile)
    clauses.insert(k + 1, replace(clauses[k], id="hostile", text=hostile))
    version = replace(m, clauses=tuple(clauses), sha256="hostile", title="<i>Our</i> protocol")
    report = build_divergence(m, version, align(m, version), council="<Evil> & Co", as_of=AS_OF)
    assert any("<script>" in s.text for c in report.modified for s in c.diff)
    assert any("<script>" in c.text for c in report.added)
    page = render(report, "html")
    parsed = _parse(page)
    assert parsed.tags["script"] == 0 and parsed.tags["img"] == 0 and parsed.tags["i"] == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;Evil&gt; &amp; Co" in page
    text = render(report, "md")
    assert "<script" not in text and "<img" not in text and "<i>" not in text
    assert not re.search(r"(?<!\\)\]\(javascript", text) and "**bold**" not in text  # no live link or emphasis
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_missing_clauses_name_their_possible_matches_in_every_format() -> None:
    report = _divergence("chard")
    alignment = against_model("chard")
    offered = [m for m in report.missing if m.possible]
    assert report.headline.possibly_covered == len(offered) > 0
    assert report.headline.missing == len(report.missing)  # the headline stays strict
    assert sum(len(m.possible) for m in report.missing) == len(alignment.possible)
    first = offered[0]
    assert first.possible[0].citation in {local("chard").citation(c.id) for c in local("chard").content}
    page = render(report, "html")
    assert f"Possibly covered by {escape(first.possible[0].citation)} — check" in page
    note = report.headline.possible_note
    assert note.startswith(f"{len(offered)} of these {len(report.missing)} clauses have a possible match")
    assert escape(note) in page and note in str(render(report, "md"))
    word = docx.Document(io.BytesIO(bytes(render(report, "docx"))))
    assert note in [p.text for p in word.paragraphs]
    assert any(p.text.startswith(f"Possibly covered by {first.possible[0].citation}") for p in word.paragraphs)
    assert "Possibly covered by" in str(render(report, "md")) and "possibly_covered" in str(render(report, "json"))


def test_a_hostile_possible_match_is_escaped() -> None:
    m, chard = model(), local("chard")
    hostile = "<script>alert(1)</script> [x](javascript:alert(2)) dealings between Members and Officers"
    clauses = [
        replace(c, text=f"{hostile} {c.text}") if c.text.startswith("All dealings") else c for c in chard.clauses
    ]
    version = replace(chard, clauses=tuple(clauses), sha256="hostile")
    report = build_divergence(m, version, align(m, version), council="Chard", as_of=AS_OF)
    assert any("<script>" in p.evidence for c in report.missing for p in c.possible)
    page = render(report, "html")
    assert "<script>" not in page and _parse(page).tags["script"] == 0
    text = str(render(report, "md"))
    assert "<script" not in text and not re.search(r"(?<!\\)\]\(javascript", text)


def test_every_format_names_the_backend_that_scored_the_alignment() -> None:
    report, backend = _divergence("chard"), against_model("chard").provenance.backend
    assert backend.startswith(against_model("chard").provenance.semantic) and backend in report.settings
    assert f"semantic {escape(backend)}" in render(report, "html")
    assert f"semantic {backend}" in str(render(report, "md"))
    word = docx.Document(io.BytesIO(bytes(render(report, "docx"))))
    assert any(f"semantic {backend}" in p.text for p in word.paragraphs)


def _visible_ids(text: str, ids: set[str]) -> set[str]:
    return set(re.findall(r"\b\w+\b", text)) & ids


@pytest.mark.parametrize("key", COUNCILS)
def test_modified_clauses_are_cited_as_a_clerk_would_in_every_format(key: str) -> None:
    """Each modified clause under its model section, cited on both sides by `Document.citation`,
    the same line in HTML, Markdown and Word; no internal clause id anywhere."""
    report, m_doc, l_doc = _divergence(key), model(), local(key)
    assert report.modified
    for m in report.modified:
        model_cited = "; ".join(m_doc.citation(c.id) for c in m.model)
        local_cited = "; ".join(l_doc.citation(c.id) for c in m.local)
        moved = " · moved" if m.moved else ""
        assert m.where == f"In the model: {model_cited} · in this version: {local_cited}{moved}"
    sections = [
        s for k, s in enumerate(m.section for m in report.modified) if k == 0 or report.modified[k - 1].section != s
    ]
    page = render(report, "html")
    modified_part = page[page.index("<h2>Modified clauses</h2>") : page.index("<h2>Model clauses missing")]
    assert [unescape(h) for h in re.findall(r"<h3>(.*?)</h3>", modified_part)] == sections
    assert [unescape(r) for r in re.findall(r'<div class="ref">(.*?)</div>', modified_part)] == [
        m.where for m in report.modified
    ]
    text = str(render(report, "md"))
    assert [line for line in text.splitlines() if line.startswith("*In the model: ")] == [
        f"*{md_escape(m.where, starts_line=False)}*" for m in report.modified
    ]
    word = docx.Document(io.BytesIO(bytes(render(report, "docx"))))
    word_text = "\n".join(p.text for p in word.paragraphs)
    assert [p.text for p in word.paragraphs if p.text.startswith("In the model: ")] == [
        m.where for m in report.modified
    ]
    ids = {c.id for c in m_doc.clauses} | {c.id for c in l_doc.clauses}
    assert not _visible_ids(re.sub(r"<[^>]+>", " ", page), ids)
    assert not _visible_ids(text, ids) and not _visible_ids(word_text, ids)
