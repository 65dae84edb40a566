"""The cost of one pair (a synthetic council against the model's version 3, then version 4), as
the first `report matrix` pays it: the model's sentence vectors cached, each council's new.

In one process, in turns, so the machine's load falls alike on every configuration:

    before   the one-side caches of issue 17 emptied before each pair, rapidfuzz threaded
             for every matrix (what a pair cost before them)
    cold     every cache of the aligner emptied before each pair (canonical forms, sentence
             splits, lemmas): nothing of either side reused
    now      as the aligner runs

Each configuration has its own `EmbeddingCache`, warmed with the model's vectors, so each embeds
every council's texts itself. Then, with `--pool`, the same pairs in 2 worker processes (half
the councils each), as align-all runs them: ONNX Runtime's and rapidfuzz's default threads
against one thread a worker (`scorers.use_one_thread`, what align-all's workers do).

    python benchmarks/pair_bench.py [--councils 20] [--semantic embeddings|spacy] [--pool]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_bench

from clausewise.align import DEFAULT_SETTINGS, AlignSettings, EmbeddingCache, align, normalise, scorers
from clausewise.align.align import clear_caches
from clausewise.ingest import Document, read

SEED = 17


def models() -> tuple[Document, Document]:
    """The model's versions 3 and 4, as the store holds them (named for their council)."""
    v3, v4 = (read(scale_bench.CORPUS / file) for _, file in scale_bench.MODELS)
    return replace(v3, council=scale_bench.MODEL_COUNCIL), replace(v4, council=scale_bench.MODEL_COUNCIL)


def councils(count: int, seed: int, folder: Path) -> list[Document]:
    """`count` synthetic councils as scale_bench makes them: a corpus text adapted with seeded
    edits (`scale_bench.adapt`), under an invented name."""
    rng = random.Random(seed)
    texts = {base.file: (scale_bench.CORPUS / base.file).read_text(encoding="utf-8") for base in scale_bench.BASES}
    found = []
    for n, name in enumerate(scale_bench.council_names(count, rng)):
        base = rng.choices(scale_bench.BASES, weights=[b.weight for b in scale_bench.BASES])[0]
        path = folder / f"council-{n:05d}.txt"
        path.write_text(scale_bench.adapt(texts[base.file], name, base.council, rng), encoding="utf-8")
        found.append(replace(read(path), council=name))
    return found


def _as_before() -> None:
    """No canonical form cached apart from the council names on both sides (as before issue 17)."""
    normalise._FOLD_CACHE.clear()
    normalise._TERMS_CACHE.clear()


CONFIGURATIONS: dict[str, Callable[[], None]] = {
    "before": _as_before,
    "cold": clear_caches,
    "now": lambda: None,
}


def _warm(settings: AlignSettings, model_pair: tuple[Document, Document], warm_up: Document) -> EmbeddingCache:
    cache = EmbeddingCache()
    for model in model_pair:
        align(model, warm_up, settings=settings, embeddings=cache)
    return cache


def in_process(
    settings: AlignSettings, model_pair: tuple[Document, Document], docs: list[Document], rounds: int
) -> dict[str, list[float]]:
    """Milliseconds of each pair under each configuration. The caches are the process's, so the
    configurations run one after another, in turn (A B C, then C B A, ...) against the load of
    the machine, each from its warm-up pair with a fresh vector cache."""
    timings: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    names = list(CONFIGURATIONS)
    for turn in range(rounds):
        for name in names if turn % 2 == 0 else names[::-1]:
            scorers.THREADED_PAIRS = 0 if name == "before" else THREADED_PAIRS
            clear_caches()
            vectors = _warm(settings, model_pair, docs[0])
            for council in docs[1:]:
                for model in model_pair:
                    CONFIGURATIONS[name]()
                    start = time.perf_counter()
                    align(model, council, settings=settings, embeddings=vectors)
                    timings[name].append((time.perf_counter() - start) * 1000)
    scorers.THREADED_PAIRS = THREADED_PAIRS
    return timings


THREADED_PAIRS = scorers.THREADED_PAIRS


def _worker(semantic: str, count: int, shard: int, one_thread: bool) -> list[float]:
    """In a fresh worker: this shard's councils against both models, milliseconds a pair."""
    if one_thread:
        scorers.use_one_thread()
    settings = replace(DEFAULT_SETTINGS, semantic=semantic)
    model_pair = models()
    with tempfile.TemporaryDirectory() as folder:
        docs = councils(count, SEED, Path(folder))
    cache = _warm(settings, model_pair, docs[0])
    timings = []
    for council in docs[1 + shard :: 2]:
        for model in model_pair:
            start = time.perf_counter()
            align(model, council, settings=settings, embeddings=cache)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def pooled(semantic: str, count: int, one_thread: bool) -> tuple[list[float], float]:
    """Each pair's milliseconds in 2 workers, and the whole batch's wall seconds."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        start = time.perf_counter()
        shards = list(pool.map(_worker, [semantic] * 2, [count] * 2, [0, 1], [one_thread] * 2))
        wall = time.perf_counter() - start
    return [t for shard in shards for t in shard], wall


def _row(name: str, timings: list[float], baseline: float) -> str:
    median = statistics.median(timings)
    return f"{name:<34} {len(timings):>5} {median:>9.1f} {statistics.mean(timings):>9.1f} {baseline / median:>7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--councils", type=int, default=20)
    parser.add_argument("--semantic", default="embeddings", choices=("embeddings", "spacy", "none"))
    parser.add_argument("--rounds", type=int, default=2, help="turns of every configuration in one process")
    parser.add_argument("--pool", action="store_true", help="also time 2 worker processes, threads per worker")
    args = parser.parse_args()
    settings = replace(DEFAULT_SETTINGS, semantic=args.semantic)
    with tempfile.TemporaryDirectory() as folder:
        docs = councils(args.councils + 1, SEED, Path(folder))
    timings = in_process(settings, models(), docs, args.rounds)
    print(f"semantic={args.semantic}, {args.councils} councils x models v3 and v4, one process")
    print(f"{'configuration':<34} {'pairs':>5} {'median ms':>9} {'mean ms':>9} {'ratio':>7}")
    baseline = statistics.median(timings["before"])
    for name, found in timings.items():
        print(_row(name, found, baseline))
    if args.pool:
        print("2 worker processes (ms per pair in a worker; wall: the whole batch)")
        threads = (("default", False), ("one", True))
        runs = {label: pooled(args.semantic, args.councils + 1, one) for label, one in threads}
        base = statistics.median(runs["default"][0])
        for label, (found, wall) in runs.items():
            print(_row(f"threads per worker: {label}", found, base) + f"   wall {wall:.1f} s")


if __name__ == "__main__":
    main()
