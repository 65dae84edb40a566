"""What each installed embedder costs: disk, load time, embedding time, and agreement.

    python benchmarks/embedders.py [--repeat 3]

For every registered embedder that is installed: the size on disk of the packages its extra adds
beyond the base install (the packages and everything they pull in, as installed here); the
median time to import and load it in a fresh interpreter; the median time to embed every
clause and sentence of the shipped corpus; and, against the first embedder, how far their
vectors agree (cosine of each text's two vectors). The alignment figures for each embedder are
in `align_eval.py`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import numpy as np
from packaging.requirements import Requirement

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds

from clausewise.align.embeddings import EMBEDDERS, Embedder, EmbeddingCache
from clausewise.align.sentences import sentences
from clausewise.corpus import load_manifest
from clausewise.ingest import read

LOAD = "import sys; from clausewise.align.embeddings import _encoder; _encoder(sys.argv[1])(['warm'])"
BARE = "import sys; import clausewise.align.embeddings"  # the interpreter and clausewise alone


def _closure(names: list[str]) -> set[str]:
    """The distributions `names` need, transitively (as installed here; markers evaluated)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(key)
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def _requirements(extra: str | None) -> list[str]:
    lines = metadata.requires("clausewise") or []
    chosen = []
    for line in lines:
        requirement = Requirement(line)
        marker = requirement.marker
        if (extra is None and marker is None) or (extra and marker and marker.evaluate({"extra": extra})):
            chosen.append(requirement.name)
    return chosen


def _megabytes(distributions: set[str]) -> float:
    total = 0
    for name in distributions:
        files = metadata.distribution(name).files or []
        total += sum(f.size or 0 for f in files)
    return total / 1e6


def added_megabytes(embedder: Embedder) -> tuple[float, int]:
    """MB on disk, and how many distributions, the embedder's extra adds beyond the base install."""
    added = _closure(_requirements(embedder.extra)) - _closure(_requirements(None))
    return _megabytes(added), len(added)


def fresh_seconds(code: str, argument: str, repeat: int) -> float:
    """Median wall time of `code` in a fresh interpreter."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, argument], check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def corpus_texts() -> list[str]:
    texts: list[str] = []
    for entry in load_manifest():
        for clause in read(entry.files["text"]).content:
            texts += [clause.text, *sentences(clause.text)]
    return list(dict.fromkeys(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = corpus_texts()
    installed = [e for e in EMBEDDERS.values() if e.available()]
    for missing in (e for e in EMBEDDERS.values() if not e.available()):
        print(f"{missing.name}: extra '{missing.extra}' not installed; skipped")
    if not installed:
        return
    bare = fresh_seconds(BARE, "", args.repeat)
    print(f"{len(texts)} distinct clauses and sentences of the corpus; medians of {args.repeat} runs")
    print(f"load: in a fresh interpreter, less the {bare:.2f} s it takes to start and import clausewise\n")
    print(f"{'embedder':14} {'adds MB':>8} {'packages':>9} {'load s':>7} {'embed s':>8} {'cosine min/mean':>16}")
    reference: np.ndarray | None = None
    figures: list[tuple[float, float, float]] = []
    for embedder in installed:
        size, count = added_megabytes(embedder)
        load = fresh_seconds(LOAD, embedder.name, args.repeat) - bare
        EmbeddingCache().embed(["warm"], embedder)
        embed = median_seconds(lambda embedder=embedder: EmbeddingCache().embed(texts, embedder), args.repeat)
        vectors = EmbeddingCache().embed(texts, embedder)
        reference = vectors if reference is None else reference
        cosine = (vectors * reference).sum(axis=1)
        figures.append((size, load, embed))
        print(
            f"{embedder.name:14} {size:8.0f} {count:9d} {load:7.2f} {embed:8.2f} "
            f"{cosine.min():8.4f}/{cosine.mean():.4f}"
        )
    if len(figures) > 1:  # the default against the last registered (the full-precision reference)
        (size, load, embed), (size_ref, load_ref, embed_ref) = figures[0], figures[-1]
        print(
            f"\n{installed[0].name} against {installed[-1].name}: disk {size / size_ref:.2f}x, "
            f"load {load / load_ref:.2f}x, embedding {embed / embed_ref:.2f}x"
        )


if __name__ == "__main__":
    main()
