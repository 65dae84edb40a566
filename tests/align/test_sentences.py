"""Sentence evidence, overviews and twins: the aligner between different councils' texts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from clausewise.align import AlignSettings, align
from clausewise.align.scorers import lexical_matrix
from clausewise.align.sentences import sentence_evidence, sentences
from clausewise.align.structure import is_overview, twins
from clausewise.ingest import Clause, Document
from tests.conftest import corpus_document

MODEL = corpus_document("sandon-burston", "txt")


def _document(*clauses: Clause, path: str = "local.txt") -> Document:
    return replace(
        MODEL, path=path, council=None, clauses=tuple(replace(c, id=f"x{k}") for k, c in enumerate(clauses, 1))
    )


def _clause(text: str, heading: tuple[str, ...] = ("Section",), kind: str = "paragraph") -> Clause:
    return Clause("x", None, heading, kind, text)  # type: ignore[arg-type]


def test_sentences_split_where_a_reader_would() -> None:
    assert sentences("Councillors make the policy of the Council. Officers carry it out. See below.") == (
        "Councillors make the policy of the Council.",
        "Officers carry it out. See below.",  # "See below." is too short to stand alone
    )
    assert sentences("Equipment e.g. stationery must be used for Council business. No exceptions are made here.") == (
        "Equipment e.g. stationery must be used for Council business.",
        "No exceptions are made here.",
    )
    assert sentences("They must: act fairly; and act openly") == ("They must: act fairly; and act openly",)


def test_a_clause_carried_whole_by_one_sentence_counts_in_full_and_a_shared_sentence_less() -> None:
    shared = "officers must not be asked to act against their professional judgement"
    long_a = (shared, "the chair will agree the agenda with the clerk before each meeting of the council")
    long_b = ("members receive training on the code of conduct every year", shared)
    found = sentence_evidence(
        [long_a, (shared,)], [long_b], lambda a, b: lexical_matrix(a, b), min_words=5, coverage_weight=0.5
    )
    whole, shared_by_two_paragraphs = found.scores[1, 0], found.scores[0, 0]
    assert whole == 100.0
    assert 60 < shared_by_two_paragraphs < 80  # half of the shorter paragraph: it counts for three quarters


def test_a_sentence_repeated_almost_word_for_word_finds_its_paragraph() -> None:
    """The issue's case: one clause repeating the first sentence of the model's opening paragraph
    is linked to that paragraph, not to an unrelated clause of a similar length."""
    local = _document(
        _clause(
            "The purpose of this Protocol is to guide councillors and the Mayor and Officer/Clerks of the council "
            "in their relations with one another."
        )
    )
    [link] = align(MODEL, local).links
    assert MODEL.citation(link.left[0]) == "INTRODUCTION › paragraph 1" and link.relation == "modified"


def test_a_reworded_sentence_of_a_merge_joins_however_far_apart() -> None:
    """A local paragraph that carries one model clause word for word and another in its own words
    (the model has them far apart) is linked to both."""
    carried = next(c for c in MODEL.content if c.text.startswith("In giving advice to councillors"))
    reworded = next(c for c in MODEL.content if c.text.startswith("The primary role of Officer/Clerks"))
    paragraph = (
        "The primary role of Officer/Clerks is to advise, inform and support all members and to carry out the "
        f"agreed policies of the council. {carried.text}"
    )
    local = _document(_clause(paragraph))
    [link] = [link for link in align(MODEL, local).links if link.right == ("x1",)]
    assert set(link.left) == {carried.id, reworded.id}


def test_overview_items_are_recognised_and_kept_to_their_kind() -> None:
    overview = [c for c in MODEL.content if is_overview(c)]
    assert [c.text for c in overview][:2] == [
        "This Protocol covers:",
        "The respective roles and responsibilities of the councillors and the Officer/Clerk;",
    ]
    assert len(overview) == 5 and not any(is_overview(c) for c in corpus_document("chard", "txt").content)
    # A substantive clause that merely resembles an overview item goes to a substantive clause.
    item = next(c for c in overview if c.text.startswith("Where/who"))
    local = _document(
        _clause("Councillors or Officer/Clerks with concerns should raise them with the chair of the council.")
    )
    [link] = align(MODEL, local).links
    assert MODEL.citation(link.left[0]) == "ROLES OF COUNCILLORS AND… › The Relationship: General › paragraph 5"
    [unweighed] = align(MODEL, local, settings=AlignSettings(overview_factor=1.0)).links
    assert unweighed.left == (item.id,)


def test_twins_are_found_and_never_matched_by_text_alone() -> None:
    texts = ["a working partnership", "a working partnership with officers", "leadership and direction"]
    assert twins(texts, 90.0).tolist() == [False, False, False]
    assert twins([*texts, "a working partnership"], 90.0).tolist() == [True, False, False, True]
    # The model has "A working partnership;" in two lists; a local version with one, in the
    # second list's place, links to the model's second list.
    first, second = (c for c in MODEL.content if c.text == "A working partnership;")
    lead_in = second.heading[-1]
    local = _document(
        _clause(lead_in, heading=second.heading[:-1]),
        _clause("A working partnership;", heading=second.heading, kind="item"),
        _clause("Leadership and direction;", heading=second.heading, kind="item"),
    )
    links = align(MODEL, local).links
    partner = next(link.left for link in links if link.right == ("x2",))
    assert partner == (second.id,) and first.id in {c.id for c in align(MODEL, local).removed()}


def test_settings_of_the_sentence_steps_change_the_key() -> None:
    assert AlignSettings().key != AlignSettings(sentence_clear=75).key != AlignSettings(overview_factor=1).key
    assert np.isclose(AlignSettings().sentence_clear, 70.0)
