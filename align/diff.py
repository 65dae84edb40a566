"""Word-level diffs with diff-match-patch, so "should" -> "must" is one replaced word.

diff-match-patch diffs characters; to diff words, each distinct word (with its following
space) is mapped to one private character, the strings of those characters are diffed and
semantically cleaned up, and the characters are mapped back. The minimal diff itself comes
from rapidfuzz's LCS in C (diff-match-patch's own bisection is pure Python and was most of the
time of aligning two long documents); diff-match-patch then does the semantic cleanup.
"""

from __future__ import annotations

import re
from itertools import groupby

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from .model import DiffSpan

_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]|\s+")
_OPS = {0: "equal", -1: "delete", 1: "insert"}
_BASE = 0xF0000  # supplementary private use area: never in policy text


def word_diff(old: str, new: str) -> tuple[DiffSpan, ...]:
    vocabulary: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        chars = []
        for token in _TOKEN.findall(text):
            if token not in vocabulary:
                vocabulary[token] = chr(_BASE + len(words))
                words.append(token)
            chars.append(vocabulary[token])
        return "".join(chars)

    diffs = _minimal_diff(encode(old), encode(new))
    diff_match_patch().diff_cleanupSemantic(diffs)
    spans: list[DiffSpan] = []
    for op, chars in diffs:
        text = "".join(words[ord(c) - _BASE] for c in chars)
        if spans and spans[-1].op == _OPS[op]:
            spans[-1] = DiffSpan(spans[-1].op, spans[-1].text + text)
        elif text:
            spans.append(DiffSpan(_OPS[op], text))  # type: ignore[arg-type]
    return tuple(spans)


def _minimal_diff(old: str, new: str) -> list[tuple[int, str]]:
    """A shortest insert/delete script as diff-match-patch tuples; between two equal runs the
    deletion comes first, as diff-match-patch itself orders them."""
    diffs: list[tuple[int, str]] = []
    for equal, run in groupby(Indel.opcodes(old, new), key=lambda op: op.tag == "equal"):
        ops = list(run)
        if equal:
            diffs += [(0, old[op.src_start : op.src_end]) for op in ops]
            continue
        deleted = "".join(old[op.src_start : op.src_end] for op in ops)
        inserted = "".join(new[op.dest_start : op.dest_end] for op in ops)
        diffs += [(tag, text) for tag, text in ((-1, deleted), (1, inserted)) if text]
    return diffs


def apply_old(spans: tuple[DiffSpan, ...]) -> str:
    """The left text: equal and deleted runs (rejecting every change)."""
    return "".join(s.text for s in spans if s.op != "insert")


def apply_new(spans: tuple[DiffSpan, ...]) -> str:
    """The right text: equal and inserted runs (accepting every change)."""
    return "".join(s.text for s in spans if s.op != "delete")
