"""The steps of `align.assign`, each on a small score matrix or real clause texts.

`test_align.py` checks what whole alignments come to; these pin down each step, and the
longest in-order chain that the moves and the redline both rely on.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from clausewise.align import DEFAULT_SETTINGS
from clausewise.align.assign import (
    _between_anchors,
    _components,
    _one_to_one,
    assign,
    longest_in_order,
    moved_pairs,
    with_context,
)
from clausewise.align.pieces import _contained, _has_room, _pieces, pieces_of_another

S = DEFAULT_SETTINGS
# Real clauses of the model protocol (canonical text: folded, punctuation gone).
SERVANTS = "both councillors and officers are servants of the public and they are indispensable to one another"
RESPECT = "but their responsibilities are distinct and mutual respect between them is essential"
WHOLE = f"{SERVANTS} {RESPECT} to good local government"
OTHER = "officers provide the professional advice and managerial expertise the council needs to function well"


def _lis_length(pairs: list[tuple[int, int]]) -> int:
    """The longest chain increasing on both sides, by the plain quadratic method."""
    ordered = sorted(pairs)
    best = [1] * len(ordered)
    for k, (i, j) in enumerate(ordered):
        for m in range(k):
            if ordered[m][0] < i and ordered[m][1] < j:
                best[k] = max(best[k], best[m] + 1)
    return max(best, default=0)


@given(st.permutations(range(12)), st.integers(0, 12))
def test_longest_in_order_is_a_longest_increasing_chain(order: list[int], drop: int) -> None:
    pairs = [(i, j) for i, j in enumerate(order) if i != drop]  # a matching, as links are
    chain = longest_in_order(pairs)
    assert set(chain) <= set(pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(chain))
    assert len(chain) == _lis_length(pairs)


def test_longest_in_order_small_cases() -> None:
    assert longest_in_order([]) == []
    assert longest_in_order([(0, 0), (1, 1), (2, 2)]) == [(0, 0), (1, 1), (2, 2)]
    assert len(longest_in_order([(0, 2), (1, 0), (2, 1)])) == 2  # one clause moved to the front


def test_context_adds_at_most_the_two_bonuses() -> None:
    scores = np.array([[100.0, 0.0], [0.0, 100.0]])
    headings = np.full((2, 2), 100.0)
    context = with_context(scores, headings, S)
    assert context[0, 0] == 100 + S.neighbour_bonus / 2 + S.heading_bonus  # one neighbour pair
    assert context[0, 1] == 0 + S.heading_bonus  # its neighbours (out of range, and [1, 2]) score nothing
    assert np.all(context - scores <= S.neighbour_bonus + S.heading_bonus)


def test_one_to_one_is_global_and_keeps_only_pairs_above_the_threshold() -> None:
    # Greedy would give row 0 its best column (0) and leave row 1 with 10; the global
    # assignment gives the larger total.
    scores = np.array([[90.0, 85.0], [88.0, 10.0]])
    assert _one_to_one(scores, scores, S.threshold) == {(0, 1), (1, 0)}
    assert _one_to_one(np.array([[S.threshold - 1]]), np.array([[S.threshold - 1]]), S.threshold) == set()


def test_a_weaker_pair_between_two_anchors_is_linked_by_its_position() -> None:
    weak = (S.between_anchors + S.threshold) / 2
    scores = np.array([[95.0, 0.0, 0.0], [0.0, weak, 0.0], [0.0, 0.0, 95.0]])
    anchors = {(0, 0), (2, 2)}
    assert _between_anchors(scores, scores, anchors, S) == {(1, 1)}
    alone = np.array([[weak]])  # no anchors: the documents' start and end bound it
    assert _between_anchors(alone, alone, set(), S) == {(0, 0)}
    assert _between_anchors(np.array([[S.between_anchors - 1]]), np.array([[0.0]]), set(), S) == set()


def test_a_pair_is_undone_when_one_side_is_word_for_word_a_piece_of_another_clause() -> None:
    """A split-off sentence belongs to the paragraph it was split from, not to a clause that
    merely resembles it."""
    lefts = [WHOLE, OTHER]
    rights = [SERVANTS, "officers are the servants of the council and advise it"]
    scores = np.array([[70.0, 20.0], [20.0, 40.0]])
    loose = {(1, 0)}  # OTHER linked to SERVANTS at a middling score
    scores[1, 0] = 60.0
    assert pieces_of_another(loose, scores, lefts, rights, S) == {(1, 0)}
    close = {(0, 0)}
    scores[0, 0] = S.verbatim  # as close as the word-for-word evidence: kept
    assert pieces_of_another(close, scores, lefts, rights, S) == set()


def test_a_leftover_joins_the_link_it_completes_and_a_near_duplicate_does_not() -> None:
    """Rows 1 and 2 are halves of the merged right clause; row 3 repeats row 1."""
    texts = [OTHER, SERVANTS, RESPECT, SERVANTS]
    other = [WHOLE]
    scores = np.array([[10.0], [60.0], [55.0], [60.0]])
    found = _pieces({(1, 0)}, scores, texts, other, S)
    assert found == {(2, 0)}  # RESPECT adds to SERVANTS; the second SERVANTS adds nothing


def test_a_leftover_is_attached_to_the_clause_that_contains_it_if_that_has_room() -> None:
    pieces = [SERVANTS, RESPECT, OTHER]
    containers = [WHOLE]
    assert _contained(set(), pieces, containers, S, np.ones((3, 1), dtype=bool)) == {(0, 0), (1, 0)}
    assert _has_room(WHOLE, SERVANTS, held=0, settings=S)
    assert not _has_room(WHOLE, SERVANTS, held=len(WHOLE), settings=S)  # already matched in full
    assert not _has_room(SERVANTS, SERVANTS, held=0, settings=S)  # no longer than the piece


def test_components_group_every_connected_set_of_clauses() -> None:
    groups = _components({(0, 0), (1, 0), (2, 1), (2, 2), (3, 3)})
    assert sorted(groups) == [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,))]


def test_moves_are_links_off_the_chain_or_with_pieces_apart() -> None:
    in_order = [((0,), (0,), 100.0), ((1,), (1,), 100.0), ((2,), (2,), 100.0)]
    assert moved_pairs(in_order) == set()
    swapped = [((0,), (0,), 100.0), ((1,), (2,), 100.0), ((2,), (1,), 100.0)]
    assert len(moved_pairs(swapped)) == 1
    apart = [((0,), (0, 2), 90.0), ((1,), (1,), 100.0)]  # a split whose halves sit around another link
    assert moved_pairs(apart) == {0}
    gap = [((0,), (0, 2), 90.0)]  # only a new clause between the halves: nothing moved
    assert moved_pairs(gap) == set()


def test_assign_end_to_end_on_a_split() -> None:
    lefts = [WHOLE, OTHER]
    rights = [SERVANTS, RESPECT, OTHER]
    scores = np.array([[70.0, 45.0, 10.0], [10.0, 10.0, 100.0]])
    groups = assign(scores, scores, lefts, rights, S).groups
    assert [(g[0], g[1]) for g in groups] == [((0,), (0, 1)), ((1,), (2,))]
