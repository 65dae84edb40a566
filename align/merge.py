"""A careful word-level three-way merge: the council's edits and the model's edits to one clause.

    merge3(base, local, new) -> Merge

base is the model clause the council adopted, local the council's clause, new the new model
clause. Changes the two sides made to different words are both kept, even when the words are
neighbours (the council capitalised "Chair", the model added "in writing" right after it); both
sides changing the same words differently, or inserting different text at the same point, is a
conflict; the same change made on both sides is taken once. Case and punctuation count: the
caller decides what is cosmetic.

How. A text is read as words and punctuation marks (the tokens of `diff.py`) with the whitespace
between them kept as separators, so every text is a list [separator, word, separator, word, ...,
separator] that joins back to it byte for byte (a separator may be empty: "Chair" then "."). Each
side is diffed against base on the words alone, with diff.py's shortest word diff: the matched
words are anchors. Between two anchors the side's text replaces the base's, trimmed of the
separators both share, which gives hunks over base positions: a changed word covers its own
position, a deleted word its position and its separator, an insertion none (it sits in a gap:
the separator between two words, before or after it). Two hunks from different sides clash when
they cover a base position in common, when one is an insertion strictly inside the other, or
when both are insertions into the same gap; clashing hunks are compared as one region and are a
conflict unless both sides made it say the same. Hunks that only touch are both applied: unlike
line-based diff3, adjacency is not a conflict.

diff.py's `word_diff` itself is not used: its semantic cleanup widens an edit over short equal
runs between edits, and a merge needs the narrowest hunks, or two neighbouring edits would clash.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from .diff import _TOKEN, _minimal_diff

Side = Literal["local", "new"]
_CODE_BASE = 0xF0000  # one supplementary private-use character per distinct word, as diff.py does


@dataclass(frozen=True)
class Conflict:
    """A region both sides changed differently: its text in base, in local and in new."""

    base: str
    local: str
    new: str


@dataclass(frozen=True)
class Merge:
    """The merged clause, or the conflicts that stop it (then `text` is None)."""

    text: str | None
    conflicts: tuple[Conflict, ...] = ()

    @property
    def clean(self) -> bool:
        """True when both sides' changes were combined without a conflict."""
        return not self.conflicts


@dataclass(frozen=True)
class _Hunk:
    """One side's change: base tokens [start, end) replaced by `text`; start == end inserts."""

    side: Side
    start: int
    end: int
    text: str

    @property
    def inserts(self) -> bool:
        return self.start == self.end


def merge3(base: str, local: str, new: str) -> Merge:
    """Merge the council's changes (base -> local) with the model's changes (base -> new).

    Clean: `text` is base with both sides' changes made; merge3(b, b, n) == n and
    merge3(b, l, b) == l exactly. Otherwise `text` is None and `conflicts` lists each region
    both sides changed differently, in base order.
    """
    base_tokens = _tokens(base)
    vocabulary: dict[str, str] = {}
    hunks = _hunks(base_tokens, _tokens(local), "local", vocabulary)
    hunks += _hunks(base_tokens, _tokens(new), "new", vocabulary)
    pieces: list[str] = []
    conflicts: list[Conflict] = []
    position = 0
    for region in _regions(hunks):
        start, end = region[0].start, max(h.end for h in region)
        pieces.append("".join(base_tokens[position:start]))
        merged = _resolve(base_tokens, start, end, region)
        if isinstance(merged, Conflict):
            conflicts.append(merged)
        else:
            pieces.append(merged)
        position = end
    pieces.append("".join(base_tokens[position:]))
    if conflicts:
        return Merge(None, tuple(conflicts))
    return Merge("".join(pieces))


def _resolve(base: list[str], start: int, end: int, region: list[_Hunk]) -> str | Conflict:
    """A region's merged text: the one side that changed it, or both when they agree."""
    local = _apply(base, start, end, [h for h in region if h.side == "local"])
    new = _apply(base, start, end, [h for h in region if h.side == "new"])
    sides = {h.side for h in region}
    if sides == {"new"}:
        return new
    if sides == {"local"} or local == new:
        return local
    return Conflict("".join(base[start:end]), local, new)


def _tokens(text: str) -> list[str]:
    """Separators and words alternately, starting and ending with a (possibly empty) separator."""
    tokens = [""]
    for token in _TOKEN.findall(text):
        if token.isspace():
            tokens[-1] += token
        else:
            tokens += [token, ""]
    return tokens


def _encode(words: list[str], vocabulary: dict[str, str]) -> str:
    """Each distinct word as one character, so the character diff of diff.py diffs words."""
    return "".join(vocabulary.setdefault(word, chr(_CODE_BASE + len(vocabulary))) for word in words)


def _anchors(base: list[str], side: list[str], vocabulary: dict[str, str]) -> list[tuple[int, int]]:
    """Token positions of the words a shortest word diff keeps, then the ends of both lists."""
    anchors: list[tuple[int, int]] = []
    b = s = 0  # word counts consumed on each side
    for op, chars in _minimal_diff(_encode(base[1::2], vocabulary), _encode(side[1::2], vocabulary)):
        if op == 0:
            anchors += [(2 * (b + k) + 1, 2 * (s + k) + 1) for k in range(len(chars))]
        b += len(chars) if op <= 0 else 0
        s += len(chars) if op >= 0 else 0
    return [*anchors, (len(base), len(side))]


def _hunks(base: list[str], side: list[str], name: Side, vocabulary: dict[str, str]) -> list[_Hunk]:
    """The side's changes between consecutive anchors, trimmed of the separators both keep."""
    hunks: list[_Hunk] = []
    start = side_start = 0
    for end, side_end in _anchors(base, side, vocabulary):
        lo, hi, side_lo, side_hi = start, end, side_start, side_end
        while lo < hi and side_lo < side_hi and base[lo] == side[side_lo]:
            lo, side_lo = lo + 1, side_lo + 1
        while lo < hi and side_lo < side_hi and base[hi - 1] == side[side_hi - 1]:
            hi, side_hi = hi - 1, side_hi - 1
        if (lo, side_lo) != (hi, side_hi):
            hunks.append(_Hunk(name, lo, hi, "".join(side[side_lo:side_hi])))
        start, side_start = end + 1, side_end + 1
    return hunks


def _clash(one: _Hunk, other: _Hunk) -> bool:
    """Whether two hunks of different sides touch the same base text (merely adjacent: no)."""
    if one.inserts and other.inserts:
        return one.start // 2 == other.start // 2  # the same gap: before or after its separator
    if one.inserts or other.inserts:
        point, span = (one, other) if one.inserts else (other, one)
        return span.start < point.start < span.end
    return one.start < other.end and other.start < one.end


def _regions(hunks: list[_Hunk]) -> list[list[_Hunk]]:
    """Hunks grouped into regions of clashing hunks (chained), in base order."""
    ordered = sorted(hunks, key=lambda h: (h.start, h.end, h.side))
    group = list(range(len(ordered)))  # union-find over clashing pairs

    def root(k: int) -> int:
        while group[k] != k:
            k = group[k]
        return k

    for i, one in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            if ordered[j].start > one.end + 1:  # sorted by start: nothing later can clash
                break
            if ordered[j].side != one.side and _clash(one, ordered[j]):
                group[root(j)] = root(i)
    keyed = sorted(range(len(ordered)), key=lambda k: (root(k), k))
    regions = [[ordered[k] for k in members] for _, members in groupby(keyed, key=root)]
    return sorted(regions, key=lambda r: (r[0].start, max(h.end for h in r)))


def _apply(base: list[str], start: int, end: int, hunks: list[_Hunk]) -> str:
    """The base tokens [start, end) with one side's hunks made."""
    pieces: list[str] = []
    position = start
    for hunk in hunks:
        pieces += [*base[position : hunk.start], hunk.text]
        position = hunk.end
    return "".join(pieces + base[position:end])
