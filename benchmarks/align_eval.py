"""Alignment accuracy on gold files, for each configuration and for a plain-diff baseline.

    python benchmarks/align_eval.py [--gold-dir DIR]

Each gold file is named `<left>__<right>.jsonl`; `sandon-model` means the model protocol and
the right-hand name is a corpus key from corpus/manifest.toml. Documents are read from the
.txt renditions, which the gold quotes were taken from.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import difflib_alignment

from clausewise.align import AlignSettings, align
from clausewise.align.embeddings import available
from clausewise.align.serialize import alignment_to_dict
from clausewise.corpus import load_manifest
from clausewise.ingest import Document, read

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"


def scorer() -> Any:
    """`score(gold, comparison)` of the vendored evaluation script."""
    spec = importlib.util.spec_from_file_location("score_alignment", EVAL / "score_alignment.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


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
    configurations = ["difflib", "none", "spacy"] + (["embeddings"] if available() else [])
    print(f"{'gold file':30} {'configuration':12} {'F1':>6} {'P':>6} {'R':>6} {'rel':>6} {'rem':>6} {'add':>6}")
    for name, left_doc, right_doc, gold in gold_cases(args.gold_dir):
        for configuration in configurations:
            if configuration == "difflib":
                result = difflib_alignment(left_doc, right_doc)
            else:
                settings = AlignSettings(semantic=configuration)
                result = alignment_to_dict(align(left_doc, right_doc, settings=settings))
            s = score(gold, result)
            print(
                f"{name:30} {configuration:12} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f}"
                f" {s['relation_accuracy']:6.3f} {s['removed_accuracy']:6.3f} {s['added_accuracy']:6.3f}"
            )


if __name__ == "__main__":
    main()
