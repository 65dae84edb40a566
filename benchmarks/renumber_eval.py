"""Renumbering on a real version pair whose Markdown puts a list ordinal before the typed
number (issue 16, item 6): Common Paper's SLA Standard Terms, version 1 and version 2.0, as
saved from the web (tests/data/policies/commonpaper/, made by make_sla.py).

The true number of each clause is the one the page displays, read from its line in the file.
For every 1:1 link the aligner makes, a real renumber is a pair whose true numbers differ; the
comparison reports a renumber where the numbers it read differ. Prints real renumbers, those
missed, and false ones.

    python benchmarks/renumber_eval.py
"""

from __future__ import annotations

import re
from pathlib import Path

from clausewise.align import DEFAULT_SETTINGS, align
from clausewise.ingest import Clause, Document, read

PAIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "policies" / "commonpaper"
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\.)$")


def _key(text: str) -> tuple[list[str], str]:
    """The leading number tokens of a line or clause, and its first six words after them."""
    words = re.sub(r"[*“”\"#]", "", text).split()
    numbers = []
    while words and _NUMBER.match(words[0]):
        numbers.append(words.pop(0).rstrip("."))
    return numbers, " ".join(words[:6])


def true_numbers(path: Path) -> dict[str, str | None]:
    """Each line's first words -> the number the page displays for it: the typed "1.1" after
    a list ordinal, else the ordinal or typed number itself; None when unnumbered."""
    found: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        numbers, key = _key(line)
        if key:
            found[key] = numbers[-1] if numbers else None
    return found


def truth(clause: Clause, numbers: dict[str, str | None]) -> str | None:
    return numbers[_key(clause.text)[1]]


def renumbering(left: Document, right: Document) -> tuple[int, int, int, int, int, int]:
    """(1:1 links, real renumbers, missed, false, clauses read with a wrong number, identical links)."""
    alignment = align(left, right, settings=DEFAULT_SETTINGS)
    left_truth, right_truth = true_numbers(Path(left.path)), true_numbers(Path(right.path))
    left_ids, right_ids = {c.id: c for c in left.clauses}, {c.id: c for c in right.clauses}
    links = real = missed = false = wrong = identical = 0
    for link in alignment.links:
        if len(link.left) != 1 or len(link.right) != 1:
            continue
        old, new = left_ids[link.left[0]], right_ids[link.right[0]]
        links += 1
        renumbered = truth(old, left_truth) != truth(new, right_truth)
        reported = old.number != new.number
        real += renumbered
        missed += renumbered and not reported
        false += reported and not renumbered
        wrong += (old.number != truth(old, left_truth)) + (new.number != truth(new, right_truth))
        identical += link.relation == "identical"
    return links, real, missed, false, wrong, identical


def main() -> None:
    left, right = read(PAIR / "sla-v1.md"), read(PAIR / "sla-v2.md")
    links, real, missed, false, wrong, identical = renumbering(left, right)
    header = ("1:1 links", "renumbered", "missed", "false", "wrong no.", "identical")
    print(f"{'pair':28} " + " ".join(f"{name:>10}" for name in header))
    figures = (links, real, missed, false, wrong, identical)
    print(f"{'Common Paper SLA v1 -> v2.0':28} " + " ".join(f"{figure:10}" for figure in figures))


if __name__ == "__main__":
    main()
