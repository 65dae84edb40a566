"""How often lineage detection names the model version a council adapted: synthetic revision
chains (the shipped model, then model versions revised from it with seeded annual-review
edits), councils adapted from each version with lighter or heavier edits of their own, all
added to a fresh store as `clausewise add` adds them. Prints one row per council and the
accuracy over the councils that kept at least the floor's share (30%) of the model version
they follow, as the issue measures it.

    python benchmarks/lineage_eval.py [--versions 3] [--seeds 2] [--seed 14] [--semantic auto]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from clausewise.align import SEMANTIC_CHOICES, AlignSettings  # noqa: E402
from clausewise.app.adding import add_read  # noqa: E402
from clausewise.app.lineage import DEFAULT_LINEAGE, Lineage, lineage  # noqa: E402
from clausewise.ingest import read  # noqa: E402
from clausewise.store import MODEL_PUBLISHER, AddOptions, open_session, resolve_version  # noqa: E402
from tests.app.revision_chains import SyntheticCouncil, councils, model_chain, write  # noqa: E402

POLICY = "Councillor-Officer Protocol"
MODEL = "Model Publisher"
INTENSITIES = (0.1, 0.3, 0.5, 0.65, 0.8)  # shares of the model's clauses a council rewords
TODAY = date(2026, 11, 30)


def model_options(number: int) -> AddOptions:
    """Model version `number`, adopted a year after the one before (2020, 2021, ...)."""
    return AddOptions(
        POLICY, council=MODEL, kind=MODEL_PUBLISHER, label=str(number), adopted_on=date(2019 + number, 5, 1)
    )


def council_options(council: SyntheticCouncil) -> AddOptions:
    return AddOptions(POLICY, council=council.name, kind="parish", label="1", adopted_on=date(2025, 6, 1))


def evaluate(
    versions: int, seeds: int, seed: int, settings: AlignSettings, folder: Path
) -> list[tuple[SyntheticCouncil, Lineage]]:
    chain = model_chain(versions, seed)
    made = councils(chain, INTENSITIES, seeds, seed + 1)
    documents = [(read(write(folder, f"model-v{n}", text)), model_options(n)) for n, text in enumerate(chain, 1)]
    documents += [(read(write(folder, c.name, c.text)), council_options(c)) for c in made]
    with open_session(str(folder / "lineage.db")) as session:
        add_read(session, documents, today=TODAY, settings=settings)
        return [(c, lineage(session, resolve_version(session, f'"{c.name}"'), settings=settings)) for c in made]


def counted(council: SyntheticCouncil, found: Lineage) -> bool:
    """Whether the issue's bar applies: the council kept at least the floor's share of the
    model version it follows."""
    true = next(e for e in found.evidence if e.model.label == str(council.follows))
    return true.share >= DEFAULT_LINEAGE.floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=2, help="councils per model version and intensity")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--semantic", choices=SEMANTIC_CHOICES, default="auto")
    args = parser.parse_args()
    settings = AlignSettings(semantic=args.semantic)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        results = evaluate(args.versions, args.seeds, args.seed, settings, Path(folder))
    seconds = time.perf_counter() - start
    print(f"{'council':24} {'follows':>7} {'detected':>8}  shares kept by model version")
    right = total = 0
    for council, found in results:
        detected = found.base.label if found.base else "-"
        shares = "  ".join(f"v{e.model.label} {e.share:.2f}" for e in found.evidence)
        bar = counted(council, found)
        ok = detected == str(council.follows)
        right += bar and ok
        total += bar
        mark = "" if not bar else "ok" if ok else "WRONG"
        print(f"{council.name:24} {council.follows:>7} {detected:>8}  {shares}  {mark}")
    print(
        f"\n{total} of {len(results)} councils kept >= {DEFAULT_LINEAGE.floor:.0%} of the model version they follow; "
        f"detected right for {right}: accuracy {right / total if total else 0:.3f} "
        f"({args.semantic}, {seconds:.1f} s, {len(results) * args.versions} alignments)"
    )


if __name__ == "__main__":
    main()
