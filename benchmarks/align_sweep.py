"""How alignment accuracy moves with one setting: the curve a threshold is chosen on.

    python benchmarks/align_sweep.py sentence_clear 55 60 65 70 75 80 85 [--semantic spacy embeddings]

For each value of the `AlignSettings` field, the F1 (precision/recall) on every gold file
(`tests/data/eval/gold`, or `--gold-dir`), then the possible matches: the share of missed gold
links they list / how many they list per removed clause / the share of them gold links. Choose a
value on a plateau, not at a peak: the gold files here are for development, and held-out pairs
decide.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_eval import EVAL, gold_cases, possible_figures, scorer

from clausewise.align import DEFAULT_SETTINGS, align
from clausewise.align.serialize import alignment_to_dict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "field", choices=[f.name for f in fields(DEFAULT_SETTINGS) if f.name not in {"semantic", "blends"}]
    )
    parser.add_argument("values", nargs="+", type=float)
    parser.add_argument("--semantic", nargs="+", default=["spacy"])
    parser.add_argument("--gold-dir", type=Path, default=EVAL / "gold")
    args = parser.parse_args()
    score = scorer()
    kind = type(getattr(DEFAULT_SETTINGS, args.field))
    cases = gold_cases(args.gold_dir)
    print(f"{args.field:>16} {'semantic':10} " + " ".join(f"{name[:39]:>41}" for name, *_ in cases))
    for value in args.values:
        for semantic in args.semantic:
            settings = replace(DEFAULT_SETTINGS, semantic=semantic, **{args.field: kind(value)})
            cells = []
            for _, left, right, gold in cases:
                result = alignment_to_dict(align(left, right, settings=settings))
                s, (found, each, true) = score(gold, result), possible_figures(gold, result)
                cells.append(
                    f"{s['f1']:.3f} ({s['precision']:.2f}/{s['recall']:.2f}) {found:.2f}/{each:.2f}/{true:.2f}"
                )
            print(f"{value:16g} {semantic:10} " + " ".join(f"{c:>41}" for c in cells))


if __name__ == "__main__":
    main()
