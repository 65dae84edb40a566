"""How a clerk cites a clause: its printed number, else where it sits and its place there.

    1.1                                      a numbered clause
    3.2(b)                                   a lettered item under the numbered lead-in 3.2
    4.1 › item 2                             the second bullet of the list that 4.1 introduces
    INTRODUCTION › paragraph 2               the second unnumbered paragraph under a heading
    ROLES OF COUNCILLORS AND… › Councillors › Officer/Clerks can expect… › item 2

A citation never shows an internal id or a bare bullet. The path starts at the innermost
numbered heading or lead-in (its number locates everything above it), else at the top; each
heading or lead-in is shortened to its first words. A number printed twice in one document
(a quoted list restarting at 1) is cited with the path in front, so every citation in a
document is different.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model calls this module; it needs the model's names only for types
    from .model import Clause

SEPARATOR = " › "
HEADING_WORDS = 4  # a heading or lead-in is cited by this many words, then "…"
BULLETS = frozenset({"•", "-"})


def is_numbered(number: str | None) -> bool:
    """A printed number ("4.1", "(a)", "Part 2"), not a bullet or nothing."""
    return bool(number) and number not in BULLETS


def citations(clauses: Sequence[Clause]) -> dict[str, str]:
    """Every clause's citation by clause id (a heading's: its number, else its first words)."""
    numbered = {c.label: c for c in clauses if is_numbered(c.number)}  # headings and lead-ins that carry one
    places: dict[str, tuple[tuple[str, ...], str]] = {}
    seen: Counter[tuple[tuple[str, ...], str]] = Counter()
    for clause in clauses:
        if clause.kind == "heading":
            places[clause.id] = ((), (clause.number or "") if is_numbered(clause.number) else _short(clause.text))
            continue
        context = _context(clause.heading, numbered)
        if is_numbered(clause.number):
            places[clause.id] = (context, _compound(clause.number or "", clause.heading, numbered))
        else:
            kind = "item" if clause.kind == "item" else "paragraph"
            seen[(clause.heading, kind)] += 1
            places[clause.id] = (context, f"{kind} {seen[(clause.heading, kind)]}")
    # A number alone is the citation where no other clause of the document prints it.
    numbers = Counter(tail for _, tail in places.values() if not tail.startswith(("item ", "paragraph ")))
    cited = {
        cid: tail if numbers[tail] == 1 else SEPARATOR.join((*context, tail)) for cid, (context, tail) in places.items()
    }
    return _distinct(cited)


def _context(heading: tuple[str, ...], numbered: dict[str, Clause]) -> tuple[str, ...]:
    """The heading path from its innermost numbered entry inwards, each entry shortened; a
    numbered lead-in is shown by its number alone ("4.1"), a heading by its label."""
    start = max((k for k, label in enumerate(heading) if label in numbered), default=0)
    path = [_short(label) for label in heading[start:]]
    if path and heading[start] in numbered and numbered[heading[start]].kind != "heading":
        path[0] = numbered[heading[start]].number or path[0]
    return tuple(path)


def _compound(number: str, heading: tuple[str, ...], numbered: dict[str, Clause]) -> str:
    """A lettered or roman item takes the number of what it sits under: "3.2" + "(b)"."""
    if number[:1].isdigit() or number[:1].isupper():  # "4.1", "Part 2": a number of its own
        return number
    parent = next((numbered[label].number for label in reversed(heading) if label in numbered), None)
    if not parent or not parent[:1].isdigit():
        return number
    return f"{parent}{number if number.startswith('(') else f'({number})'}"


def _short(label: str) -> str:
    words = label.rstrip(":").split()
    return " ".join(words[:HEADING_WORDS]) + ("…" if len(words) > HEADING_WORDS else "")


def _distinct(cited: dict[str, str]) -> dict[str, str]:
    """Where two clauses still read the same (a number printed twice under one heading), the
    later ones say which occurrence they are."""
    count: Counter[str] = Counter()
    out = {}
    for cid, text in cited.items():
        count[text] += 1
        out[cid] = text if count[text] == 1 else f"{text} (occurrence {count[text]})"
    return out
