"""How often random edits with known truth are recovered: deletions, insertions, word edits,
moves, splits, merges and renumbering applied to a corpus protocol, then aligned back.

    python benchmarks/align_recovery.py [--trials 200] [--document spilsby] [--semantic spacy]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import replace

from clausewise.align import SEMANTIC_CHOICES, AlignSettings, align
from clausewise.corpus import load_manifest
from clausewise.ingest import Clause, Document, read

EXTRA = "The {0} will publish a register of {1} received by Councillors each quarter and review it annually."
WORDS = "council officer chair member gifts hospitality complaints meetings".split()


def _renumbered(clauses: list[Clause], ids: list[str]) -> list[Clause]:
    return [replace(c, id=i) for c, i in zip(clauses, ids, strict=True)]


def trial(document: Document, rng: random.Random, counts: Counter[str], semantic: str = "spacy") -> None:
    pool = [c for c in document.content if len(c.text.split()) >= 12]
    left = replace(document, clauses=tuple(_renumbered(pool, [f"L{k}" for k in range(len(pool))])))
    right: list[tuple[Clause, str, tuple[int, ...]]] = []  # clause, what happened, original indices
    merged_away: set[int] = set()
    for k, clause in enumerate(pool):
        if k in merged_away:
            continue
        roll = rng.random()
        if roll < 0.1:
            counts["deletion total"] += 1
            continue
        if roll < 0.25:
            words = clause.text.split()
            words.insert(rng.randrange(len(words)), "never")
            right.append((replace(clause, text=" ".join(words)), "edit", (k,)))
        elif roll < 0.3 and clause.text.count(". ") >= 1:
            first, _, rest = clause.text.partition(". ")
            right.append((replace(clause, text=first + "."), "split", (k,)))
            right.append((replace(clause, text=rest), "split", (k,)))
        elif roll < 0.34 and k + 1 < len(pool):
            right.append((replace(clause, text=f"{clause.text} {pool[k + 1].text}"), "merge", (k, k + 1)))
            merged_away.add(k + 1)
        else:
            right.append((replace(clause, number=f"{k + 7}"), "kept", (k,)))
        if rng.random() < 0.04:
            text = EXTRA.format(rng.choice(WORDS), rng.choice(WORDS))
            right.append((replace(clause, text=text), "insertion", ()))
    # One clause moves at least two places: moved one place, it is indistinguishable from
    # its neighbour moving the other way, and either answer is right.
    mover = rng.randrange(len(right))
    moved = right.pop(mover)
    destination = rng.choice([k for k in range(len(right) + 1) if abs(k - mover) >= 2])
    right.insert(destination, (moved[0], moved[1] + "+moved" if moved[2] else moved[1], moved[2]))
    ids = [f"R{k}" for k in range(len(right))]
    target = replace(document, clauses=tuple(_renumbered([c for c, _, _ in right], ids)))
    result = align(left, target, settings=AlignSettings(semantic=semantic))
    partner = {rid: set(link.left) for link in result.links for rid in link.right}
    link_of = {rid: link for link in result.links for rid in link.right}
    removed = {c.id for c in result.removed()}
    kept_left = {k for _, _, origin in right for k in origin}
    for k in range(len(pool)):
        if k not in kept_left:
            counts["deletion recovered"] += f"L{k}" in removed
    for rid, (_, what, origin) in zip(ids, right, strict=True):
        kind = what.split("+")[0]
        counts[f"{kind} total"] += 1
        if not origin:
            counts[f"{kind} recovered"] += rid not in partner
            continue
        ok = partner.get(rid) == {f"L{k}" for k in origin}
        expected = {"edit": "modified", "kept": "identical", "split": "identical", "merge": "identical"}[kind]
        counts[f"{kind} recovered"] += ok and link_of[rid].relation == expected
        if what.endswith("+moved"):
            counts["move total"] += 1
            counts["move recovered"] += ok and link_of[rid].moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--document", default="spilsby")
    parser.add_argument("--semantic", choices=SEMANTIC_CHOICES, default="spacy")
    args = parser.parse_args()
    entry = next(d for d in load_manifest() if d.key == args.document)
    document = read(entry.files["text"])
    rng = random.Random(7)
    counts: Counter[str] = Counter()
    for _ in range(args.trials):
        trial(document, rng, counts, args.semantic)
    print(f"{args.trials} trials on {args.document} (--semantic {args.semantic})")
    for kind in ("kept", "edit", "split", "merge", "deletion", "insertion", "move"):
        total = counts[f"{kind} total"]
        if total:
            print(f"{kind:10} {counts[f'{kind} recovered']:6}/{total:<6} {counts[f'{kind} recovered'] / total:7.1%}")


if __name__ == "__main__":
    main()
