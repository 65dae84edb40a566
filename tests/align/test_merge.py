"""The word-level three-way merge: both sides' edits kept, adjacency clean, overlap a conflict.

The property tests edit real corpus clauses. Their word edits (replace, delete, insert before a
word) use words each clause holds once and inserted words it does not hold, so what a correct
merge must give is known without a merge: the test builds it by making both sides' edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausewise.align.merge import Conflict, Merge, merge3
from clausewise.ingest import read

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@cache
def corpus_clauses(min_words: int = 8) -> tuple[str, ...]:
    """Every clause of `min_words` words or more in the shipped corpus texts."""
    texts = (clause.text for path in sorted(CORPUS.glob("*.txt")) for clause in read(path).content)
    return tuple(text for text in texts if len(text.split()) >= min_words)


@cache
def vocabulary() -> tuple[str, ...]:
    """Real words from the corpus, to insert into clauses that do not hold them."""
    return tuple(sorted({w for text in corpus_clauses() for w in re.findall(r"[A-Za-z]{4,}", text)}))


# --- examples -------------------------------------------------------------------------------------


def test_neighbouring_edits_are_both_kept_where_line_diff3_would_conflict() -> None:
    base = "take up the concern with the chair"
    assert base in corpus_clauses(min_words=1)
    local = "take up the concern with the Chair"
    new = "take up the concern with the chair in writing"
    assert merge3(base, local, new) == Merge("take up the concern with the Chair in writing")


def test_a_word_before_punctuation_can_change_while_the_other_side_extends_the_sentence() -> None:
    base = "Councillors should report it to the Clerk."
    local = "Councillors should report it to the Proper Officer."
    new = "Councillors must report it to the Clerk or the Chair."
    assert merge3(base, local, new).text == "Councillors must report it to the Proper Officer or the Chair."


def test_changing_the_same_word_differently_is_a_conflict_with_each_sides_words() -> None:
    base = "Councillors should not give instructions to any member of staff."
    merged = merge3(base, base.replace("should", "must"), base.replace("should", "shall"))
    assert merged == Merge(None, (Conflict(base="should", local="must", new="shall"),))
    assert not merged.clean


def test_inserting_different_words_at_the_same_point_is_a_conflict() -> None:
    base = "Officers will respond to councillors."
    merged = merge3(
        base, "Officers will respond promptly to councillors.", "Officers will respond in writing to councillors."
    )
    assert merged.conflicts == (Conflict(base="", local="promptly ", new="in writing "),)


def test_different_punctuation_at_the_same_point_is_a_conflict() -> None:
    merged = merge3("the Clerk and the Chair", "the Clerk; and the Chair", "the Clerk, and the Chair")
    assert merged.conflicts == (Conflict(base="", local=";", new=","),)


def test_insertions_between_a_word_and_its_full_stop_are_at_the_same_point() -> None:
    # One side's insertion starts with a space and the other's with a comma: still one point.
    merged = merge3(
        "Report it to the Clerk.", "Report it to the Clerk, promptly.", "Report it to the Clerk in writing."
    )
    assert merged.conflicts == (Conflict(base="", local=", promptly", new=" in writing"),)


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    base = "The Clerk will keep a register of gifts."
    both = "The Clerk will keep a public register of gifts and hospitality."
    assert merge3(base, both, both) == Merge(both)


def test_case_only_and_punctuation_only_edits_are_changes_like_any_other() -> None:
    base = "the council will review this protocol"
    # Kept when the other side changed other words...
    assert merge3(base, "the Council will review this protocol", base.replace("review", "revise")).text == (
        "the Council will revise this protocol"
    )
    assert merge3(base, "the council will review this protocol.", base.replace("council", "parish council")).text == (
        "the parish council will review this protocol."
    )
    # ...and a conflict when the other side changed the same word.
    assert merge3(base, "the Council will review this protocol", "the Parish will review this protocol").conflicts == (
        Conflict(base="council", local="Council", new="Parish"),
    )


def test_a_deleted_word_next_to_an_inserted_one_merges() -> None:
    base = "Officers must not be asked to act outside the council's policies."
    merged = merge3(base, base.replace("not be asked", "not be formally asked"), base.replace(" act outside", " act"))
    assert merged.text == "Officers must not be formally asked to act the council's policies."


def test_regions_far_apart_keep_all_changes_and_the_spacing_of_each_side() -> None:
    base = "Councillors  and officers\nwork together, in good faith."
    local = "Councillors and Officers\nwork together, in good faith."
    new = "Councillors  and officers\nwork closely together, in good faith and with respect."
    assert (
        merge3(base, local, new).text
        == "Councillors and Officers\nwork closely together, in good faith and with respect."
    )


@pytest.mark.parametrize(
    ("base", "local", "new", "merged"),
    [
        ("", "", "", ""),
        ("", "A new clause.", "", "A new clause."),
        ("A clause.", "", "A clause.", ""),
        ("x", "x ", " x", " x "),  # a space after and a space before: different gaps, both kept
    ],
)
def test_empty_and_whitespace_only_texts(base: str, local: str, new: str, merged: str) -> None:
    assert merge3(base, local, new) == Merge(merged)


def test_both_sides_deleting_the_text_while_one_adds_is_a_conflict() -> None:
    assert merge3("A clause.", "", "A clause, revised.").conflicts == (
        Conflict(base="A clause.", local="", new="A clause, revised."),
    )


# --- properties on corpus clauses -----------------------------------------------------------------

Kind = Literal["insert", "replace", "delete"]


@dataclass(frozen=True)
class Edit:
    kind: Kind  # insert: `word` goes before chunk `at`; replace/delete: chunk `at` (one word)
    at: int
    word: str = ""


@dataclass(frozen=True)
class Clause:
    """A clause as whitespace-delimited chunks, each with the whitespace after it."""

    leading: str
    chunks: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str) -> Clause:
        body = text.lstrip()
        chunks = tuple((m.group(1), m.group(2)) for m in re.finditer(r"(\S+)(\s*)", body))
        return cls(text[: len(text) - len(body)], chunks)

    def edited(self, *sides: dict[int, Edit]) -> str:
        """The text with every side's edits made (at one chunk, at most one non-identical change)."""
        out = [self.leading]
        for at, (word, space) in enumerate(self.chunks):
            edits = [side[at] for side in sides if at in side]
            out += [f"{e.word} " for e in edits if e.kind == "insert"]
            changes = [e for e in edits if e.kind != "insert"]
            if not changes:
                out += [word, space]
            elif changes[0].kind == "replace":
                out += [changes[0].word, space]
        return "".join(out)


def _clashes(local: dict[int, Edit], new: dict[int, Edit]) -> set[int]:
    """Chunks where the two sides' edits clash (what a careful merge must refuse): both insert before
    it, or both change it and not both by deleting it."""
    clashing = set()
    for at in local.keys() & new.keys():
        one, other = local[at], new[at]
        both_insert = one.kind == other.kind == "insert"
        both_change = "insert" not in (one.kind, other.kind)
        if both_insert or (both_change and not one.kind == other.kind == "delete"):
            clashing.add(at)
    return clashing


@st.composite
def side_edits(draw: st.DrawFn, text: str, near: tuple[int, ...], used: set[str]) -> dict[int, Edit]:
    """One to four edits, two or more chunks apart so each is its own change; some next to `near`."""
    clause = Clause.of(text)
    targets = [k for k, (w, _) in enumerate(clause.chunks) if re.fullmatch(r"[A-Za-z]+", w) and text.count(w) == 1]
    edits: dict[int, Edit] = {}
    for _ in range(draw(st.integers(1, 4))):
        kind: Kind = draw(st.sampled_from(("insert", "replace", "delete") if targets else ("insert",)))
        pool = range(len(clause.chunks)) if kind == "insert" else targets
        close = [k + d for k in near for d in (-1, 0, 1) if k + d in pool]
        at = draw(st.sampled_from(close) if close and draw(st.booleans()) else st.sampled_from(pool))
        word = draw(st.sampled_from(vocabulary()).filter(lambda w: w not in text and w not in used))
        if all(abs(at - k) >= 2 for k in edits):
            edits[at] = Edit(kind, at, "" if kind == "delete" else word)
            used.add(word)
    return edits


@st.composite
def triples(draw: st.DrawFn) -> tuple[Clause, dict[int, Edit], dict[int, Edit]]:
    text = draw(st.sampled_from(corpus_clauses()))
    used: set[str] = set()
    local = draw(side_edits(text, (), used))
    new = draw(side_edits(text, tuple(local), used))
    return Clause.of(text), local, new


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@PROPERTY
@given(triples())
def test_edits_to_different_words_merge_to_both_and_overlapping_edits_conflict(
    triple: tuple[Clause, dict[int, Edit], dict[int, Edit]],
) -> None:
    clause, local, new = triple
    base, local_text, new_text = clause.edited(), clause.edited(local), clause.edited(new)
    merged = merge3(base, local_text, new_text)
    clashing = _clashes(local, new)
    assert merged.clean == (not clashing)
    if merged.clean:
        assert merged.text == clause.edited(local, new)
        words = _words(merged.text or "")
        added = [e.word for e in (*local.values(), *new.values()) if e.kind != "delete"]
        deleted = [clause.chunks[e.at][0] for e in (*local.values(), *new.values()) if e.kind != "insert"]
        assert all(words.count(w) == 1 for w in added)  # every word either side added, once
        assert not set(deleted) & set(words)  # no word either side deleted
        return
    assert merged.text is None
    for at in clashing:  # each side's clashing words are shown in a conflict
        assert any(local[at].word in c.local and new[at].word in c.new for c in merged.conflicts)
    assert all(c.base in base and c.local in local_text and c.new in new_text for c in merged.conflicts)


@st.composite
def free_edits(draw: st.DrawFn, text: str) -> str:
    """Any word edits at all: repeated words, neighbouring edits, case and punctuation."""
    chunks = list(Clause.of(text).chunks)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(chunks) - 1))
        word, space = chunks[at]
        choice = draw(st.sampled_from(("insert", "replace", "delete", "case", "punctuation")))
        other = draw(st.sampled_from([w for w, _ in chunks] + ["the", "Council", "Clerk", ","]))
        edited = {
            "insert": [(other, " "), (word, space)],
            "replace": [(other, space)],
            "delete": [],
            "case": [(word.swapcase(), space)],
            "punctuation": [(word + draw(st.sampled_from([",", ";", "."])), space)],
        }[choice]
        chunks[at : at + 1] = edited
    return "".join(w + s for w, s in chunks)


@st.composite
def free_triples(draw: st.DrawFn) -> tuple[str, str, str]:
    base = draw(st.sampled_from(corpus_clauses()))
    return base, draw(free_edits(base)), draw(free_edits(base))


@PROPERTY
@given(free_triples())
def test_either_side_alone_is_taken_exactly_and_the_merge_is_symmetric(triple: tuple[str, str, str]) -> None:
    base, local, new = triple
    assert merge3(base, base, base).text == base
    assert merge3(base, base, new).text == new
    assert merge3(base, local, base).text == local
    assert merge3(base, local, local).text == local
    merged, swapped = merge3(base, local, new), merge3(base, new, local)
    assert merged.text == swapped.text
    assert merged.conflicts == tuple(Conflict(c.base, c.new, c.local) for c in swapped.conflicts)
    assert merged.clean == (merged.text is not None)
