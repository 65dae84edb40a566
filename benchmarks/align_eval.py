"""Alignment accuracy on gold files, for each configuration and for a plain-diff baseline.

    python benchmarks/align_eval.py [--gold-dir DIR]

Columns: F1, precision and recall of the links; relation accuracy; how many gold "removed" and
"added" clauses are left unlinked; and for possible matches, the share of gold links the strict
aligner misses that are listed as possible matches of their clause ("found"), how many
possible matches are listed for each removed clause ("each"), and the share of those listed that
the gold links ("true": the rest are for the clerk to dismiss).

Each gold file is named `<left>__<right>.jsonl`; `sandon-model` means the model protocol and
the right-hand name is a corpus key from corpus/manifest.toml. Documents are read from the
.txt renditions, which the gold quotes were taken from.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import difflib_alignment

from clausewise.align import AlignSettings, align
from clausewise.align.embeddings import EMBEDDERS
from clausewise.align.serialize import alignment_to_dict
from clausewise.corpus import load_manifest
from clausewise.ingest import Document, read

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"


@cache  # loaded once: possible_figures asks for it for every gold file and configuration
def _evaluation() -> Any:
    spec = importlib.util.spec_from_file_location("score_alignment", EVAL / "score_alignment.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer() -> Any:
    """`score(gold, comparison)` of the vendored evaluation script."""
    return _evaluation().score


def possible_figures(gold: list[dict[str, Any]], comparison: dict[str, Any]) -> tuple[float, float, float]:
    """(share of the gold links missed by the links that are listed as possible matches,
    possible matches per removed clause, share of the possible matches that gold links)."""
    side = _evaluation().Side
    left, right = side(comparison["left"]["clauses"]), side(comparison["right"]["clauses"])
    linked = {(a, b) for link in comparison["links"] for a in link["left"] for b in link["right"]}
    listed = {(p["left"], p["right"]) for p in comparison.get("possible", [])}
    missed = found = 0
    gold_pairs: set[tuple[str, str]] = set()
    for line in gold:
        if line["relation"] not in ("identical", "cosmetic", "modified"):
            continue
        pairs = {(a, b) for a in left.locate(line["left_quote"]) for b in right.locate(line["right_quote"])}
        gold_pairs |= pairs
        if pairs and not pairs & linked:
            missed += 1
            found += bool(pairs & listed)
    removed = len(comparison["removed"])
    return (
        found / missed if missed else 1.0,
        len(listed) / removed if removed else 0.0,
        len(listed & gold_pairs) / len(listed) if listed else 1.0,
    )


def gold_cases(gold_dir: Path) -> list[tuple[str, Document, Document, list[dict[str, Any]]]]:
    """(name, left document, right document, gold lines) for each gold file."""
    documents = {d.key: d for d in load_manifest()}
    model = next(d for d in documents.values() if d.model)
    cases = []
    for gold_path in sorted(gold_dir.glob("*.jsonl")):
        right_key = gold_path.stem.split("__")[1]
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        cases.append((gold_path.stem, read(model.files["text"]), read(documents[right_key].files["text"]), gold))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=EVAL / "gold")
    args = parser.parse_args()
    score = scorer()
    # "embeddings" once for each installed embedder: they compute the same model's vectors
    installed = [f"embeddings:{name}" for name, embedder in EMBEDDERS.items() if embedder.available()]
    configurations = ["difflib", "none", "spacy", *installed]
    print(
        f"{'gold file':30} {'configuration':24} {'F1':>6} {'P':>6} {'R':>6} {'rel':>6} {'rem':>6} {'add':>6}"
        f" {'found':>6} {'each':>6} {'true':>6}"
    )
    for name, left_doc, right_doc, gold in gold_cases(args.gold_dir):
        for configuration in configurations:
            if configuration == "difflib":
                result = difflib_alignment(left_doc, right_doc)
            else:
                semantic, _, embedder = configuration.partition(":")
                settings = AlignSettings(semantic=semantic, embedder=embedder or "auto")
                result = alignment_to_dict(align(left_doc, right_doc, settings=settings))
            s = score(gold, result)
            found, each, true = possible_figures(gold, result) if "possible" in result else (0.0, 0.0, 0.0)
            print(
                f"{name:30} {configuration:24} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f}"
                f" {s['relation_accuracy']:6.3f} {s['removed_accuracy']:6.3f} {s['added_accuracy']:6.3f}"
                f" {found:6.2f} {each:6.2f} {true:6.2f}"
            )


if __name__ == "__main__":
    main()
