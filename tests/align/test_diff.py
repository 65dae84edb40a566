"""Word-level diffs: they reproduce both texts exactly and change whole words, not letters."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from clausewise.align.diff import apply_new, apply_old, word_diff
from tests.conftest import corpus_document

_WORDS = st.sampled_from(["the", "Council", "should", "must", "Clerk", "Officer/Clerk", "(a)", ",", ".", "’s", "—"])
_TEXT = st.lists(_WORDS, max_size=30).map(" ".join)


@given(_TEXT, _TEXT)
def test_accepting_or_rejecting_every_span_gives_back_each_text(old: str, new: str) -> None:
    spans = word_diff(old, new)
    assert apply_old(spans) == old
    assert apply_new(spans) == new
    assert all(span.text for span in spans)
    assert all(a.op != b.op for a, b in pairwise(spans))


def test_one_changed_word_is_one_deleted_and_one_inserted_word() -> None:
    old = "Councillors should not give instructions to any member of staff."
    new = old.replace("should", "must")
    assert [(s.op, s.text.strip()) for s in word_diff(old, new) if s.op != "equal"] == [
        ("delete", "should"),
        ("insert", "must"),
    ]


def test_a_long_real_clause_diffs_to_both_texts() -> None:
    clause = max(corpus_document("sandon-burston", "txt").content, key=lambda c: len(c.text)).text
    edited = clause.replace("Council", "Town Council").replace(" the ", " a ", 3) + " Added at the end."
    spans = word_diff(clause, edited)
    assert apply_old(spans) == clause and apply_new(spans) == edited
    assert any(s.op == "insert" and "Added at the end." in s.text for s in spans)
