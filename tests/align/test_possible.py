"""Possible matches: what may cover a clause the strict aligner leaves unlinked."""

from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from clausewise.align import AlignSettings, align
from clausewise.align.sentences import sentences
from clausewise.cli import cli
from tests.conftest import corpus_document, corpus_path

SETTINGS = AlignSettings()


def test_possible_matches_are_for_unlinked_clauses_and_say_why() -> None:
    model, chard = corpus_document("sandon-burston", "txt"), corpus_document("chard", "txt")
    result = align(model, chard)
    removed = {c.id for c in result.removed()}
    texts = {c.id: c.text for c in chard.content}
    accounted = {cid for link in result.links if link.relation != "modified" for cid in link.right}
    explained = {cid for link in result.links for cid in link.right}
    assert result.possible
    per_clause: dict[str, list[float]] = {}
    for candidate in result.possible:
        assert candidate.left in removed and candidate.right not in accounted
        least = SETTINGS.possible_linked if candidate.right in explained else SETTINGS.possible
        assert least <= candidate.score <= 100
        assert candidate.evidence in sentences(texts[candidate.right]) or candidate.evidence == texts[candidate.right]
        per_clause.setdefault(candidate.left, []).append(candidate.score)
    for scores in per_clause.values():
        assert len(scores) <= SETTINGS.possible_max and scores == sorted(scores, reverse=True)
        assert scores[0] - scores[-1] <= SETTINGS.possible_spread


def test_a_reworded_provision_below_the_threshold_is_offered_not_linked() -> None:
    """The model says a councillor who is dissatisfied with an Officer/Clerk should report it to
    the chair; Chard says concerns about an Officer go to the Town Clerk. Too far apart to link,
    close enough to name."""
    model, chard = corpus_document("sandon-burston", "txt"), corpus_document("chard", "txt")
    procedure = next(c for c in model.content if c.text.startswith("If a councillor is dissatisfied"))
    result = align(model, chard)
    assert procedure.id in {c.id for c in result.removed()}
    offered = [chard.citation(p.right) for p in result.possible if p.left == procedure.id]
    assert "1.8" in offered


def test_a_clause_no_link_explains_is_offered_before_one_already_linked() -> None:
    """Of two equally close candidates the one left unexplained is the likelier home of a
    missing provision: raising the bar for linked clauses lists fewer of them and keeps every
    unlinked one."""
    model, chard = corpus_document("sandon-burston", "txt"), corpus_document("chard", "txt")
    explained = {cid for link in align(model, chard).links for cid in link.right}
    even = align(model, chard, settings=replace(SETTINGS, possible_linked=SETTINGS.possible))
    raised = align(model, chard)
    linked_even = [p for p in even.possible if p.right in explained]
    assert linked_even and len([p for p in raised.possible if p.right in explained]) < len(linked_even)
    assert {(p.left, p.right) for p in even.possible if p.right not in explained} <= {
        (p.left, p.right) for p in raised.possible
    }


def test_a_higher_bar_lists_fewer_and_an_identical_text_lists_none() -> None:
    model, chard = corpus_document("sandon-burston", "txt"), corpus_document("chard", "txt")
    strict = align(model, chard, settings=replace(SETTINGS, possible=60))
    assert len(strict.possible) < len(align(model, chard).possible)
    assert align(model, model).possible == ()


def test_compare_json_lists_possible_matches_in_the_contract_shape() -> None:
    args = ["compare", "--format", "json", str(corpus_path("sandon-burston", "txt")), str(corpus_path("chard", "txt"))]
    data = json.loads(CliRunner().invoke(cli, args).output)
    left = {c["id"] for c in data["left"]["clauses"]}
    right = {c["id"] for c in data["right"]["clauses"]}
    assert data["possible"] and all(set(p) == {"left", "right", "score", "evidence"} for p in data["possible"])
    assert all(p["left"] in set(data["removed"]) & left and p["right"] in right for p in data["possible"])
