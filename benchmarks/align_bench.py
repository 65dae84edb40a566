"""Alignment speed: the model against each corpus document, and 1,000 synthetic versions.

    python benchmarks/align_bench.py [--versions 1000] [--repeat 5]

Each figure stands beside the difflib baseline (what a plain diff costs) measured in the same
run. Targets (lexical + spaCy): under 100 ms per pair warm; at least 50 pairs per second at
scale; with embeddings, a repeated comparison costs under 10% of the first (vectors are cached).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import difflib_alignment
from timing import median_seconds

from clausewise.align import AlignSettings, align, embeddings
from clausewise.corpus import load_manifest
from clausewise.ingest import Document, read

SPACY = AlignSettings(semantic="spacy")  # the targets are for lexical + spaCy; embeddings are timed apart
WORDS = "council officer must should may review public meeting report policy member chair".split()


def median_ms(task: Callable[[], object], repeat: int) -> float:
    return median_seconds(task, repeat) * 1000


def synthetic_version(model: Document, rng: random.Random, number: int) -> Document:
    """A council's version of the model: some clauses dropped, reworded, moved or added."""
    clauses = []
    for clause in model.clauses:
        roll = rng.random()
        if roll < 0.08 and clause.kind != "heading":
            continue
        if roll < 0.25 and clause.kind != "heading":
            words = clause.text.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            clause = replace(clause, text=" ".join(words))
        clauses.append(clause)
    if len(clauses) > 10:
        clauses.insert(rng.randrange(len(clauses)), clauses.pop(rng.randrange(len(clauses))))
    for k in range(rng.randrange(4)):
        extra = f"Local rule {k}: the {rng.choice(WORDS)} {rng.choice(WORDS)} will be agreed by the Council each year."
        clauses.insert(rng.randrange(len(clauses)), replace(clauses[0], kind="paragraph", text=extra))
    clauses = [replace(c, id=f"v{number}c{i}") for i, c in enumerate(clauses)]
    return replace(model, clauses=tuple(clauses), path=f"synthetic-{number}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    manifest = load_manifest()
    model = read(next(d for d in manifest if d.model).files["text"])
    others = [(d.key, read(d.files["text"])) for d in manifest if not d.model]

    print(f"{'model against':24} {'ours ms':>9} {'difflib ms':>11} {'ratio':>7}   (lexical + spaCy, warm)")
    align(model, others[0][1], settings=SPACY)  # warm up spaCy and the profile
    for key, document in others:
        ours = median_ms(lambda document=document: align(model, document, settings=SPACY), args.repeat)
        base = median_ms(lambda document=document: difflib_alignment(model, document), args.repeat)
        print(f"{key:24} {ours:9.1f} {base:11.1f} {ours / base:7.1f}")

    rng = random.Random(20261123)
    versions = [synthetic_version(model, rng, n) for n in range(args.versions)]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for version in versions:
        align(model, version, settings=SPACY)
    ours_rate = len(versions) / (time.perf_counter() - start)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for version in versions:
        difflib_alignment(model, version)
    base_rate = len(versions) / (time.perf_counter() - start)
    print(
        f"\n{args.versions} synthetic versions: {ours_rate:.1f} pairs/s (difflib {base_rate:.1f} pairs/s), "
        f"peak RSS {rss_after / 1024:.0f} MB ({(rss_after - rss_before) / 1024:+.0f} MB during the run)"
    )

    for embedder in embeddings.EMBEDDERS.values():
        if not embedder.available():
            print(f"embeddings ({embedder.name}): extra '{embedder.extra}' not installed; skipped")
            continue
        first, again = cache_effect(model, others[0][1], embedder, args.repeat)
        print(
            f"embeddings ({embedder.name}): first comparison {first:.0f} ms, repeated {again:.0f} ms "
            f"({again / first:.0%} of the first)"
        )


def cache_effect(
    model: Document, document: Document, embedder: embeddings.Embedder, repeat: int
) -> tuple[float, float]:
    """Milliseconds for a comparison with embeddings from an empty cache, and repeated."""
    cache = embeddings.EmbeddingCache()
    settings = AlignSettings(semantic="embeddings", embedder=embedder.name)
    cache.embed(["warm the model up"], embedder)
    first = median_ms(lambda: (cache.clear(), align(model, document, settings=settings, embeddings=cache)), 1)
    again = median_ms(lambda: align(model, document, settings=settings, embeddings=cache), repeat)
    return first, again


if __name__ == "__main__":
    main()
