"""Fuzz `ingest.read` at volume with the generators of tests/ingest/test_fuzz.py.

Every input must end in a Document or an `InputError` whose message starts with the path;
anything else (another exception, a wrong message, or a read slower than --timeout) is a
crash, listed with the index that reproduces it (`--only INDEX`, same --seed). Prints how
many inputs, how long they took, and how each family of inputs ended.

    python benchmarks/fuzz_read.py [--count 10000] [--seed 0] [--timeout 60] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.ingest.fuzz_inputs import GENERATORS, outcome  # noqa: E402

# Share of the inputs from each family. PDFs are fewer because one read costs 0.2-1 s.
WEIGHTS = {"random bytes": 25, "random text": 25, "damaged text": 15, "damaged docx": 25, "damaged pdf": 10}


class TimedOut(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise TimedOut


def sample(seed: int, index: int) -> tuple[str, str, bytes]:
    """The family, file name and bytes of input `index`: the same for the same seed, alone or in a run."""
    rng = random.Random(f"{seed}:{index}")
    family = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    name, data = GENERATORS[family](rng)
    return family, name, data


def run_one(folder: Path, seed: int, index: int, timeout: int) -> tuple[str, str, float, str | None]:
    """(family, how it ended, seconds, the crash's traceback or None)."""
    family, name, data = sample(seed, index)
    path = folder / name
    path.write_bytes(data)
    start = time.perf_counter()
    signal.alarm(timeout)
    try:
        ended, crash = outcome(path), None
    except TimedOut:
        ended, crash = "CRASH TimedOut", f"more than {timeout} s"
    except Exception as exc:  # the crashes this script exists to find
        ended, crash = f"CRASH {type(exc).__name__}", traceback.format_exc()
    finally:
        signal.alarm(0)
    return family, ended, time.perf_counter() - start, crash


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=60, help="seconds one input may take")
    parser.add_argument("--only", type=int, help="run just this input index and show its traceback")
    parser.add_argument("--keep", type=Path, help="copy each crashing input into this folder")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    indexes = [args.only] if args.only is not None else range(args.count)
    tally: Counter[tuple[str, str]] = Counter()
    seconds: Counter[str] = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for index in indexes:
            family, ended, took, crash = run_one(Path(folder), args.seed, index, args.timeout)
            tally[family, ended] += 1
            seconds[family] += took
            if crash:
                crashes.append(f"#{index} {family}: {crash.strip().splitlines()[-1][:160]}")
                if args.only is not None:
                    print(crash)
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    _, name, data = sample(args.seed, index)
                    (args.keep / f"{index}-{name}").write_bytes(data)
    report(tally, seconds, crashes, len(indexes), time.perf_counter() - start)


def report(tally: Counter[tuple[str, str]], seconds: Counter[str], crashes: list[str], count: int, took: float) -> None:
    print(f"{count:,} inputs in {took:,.1f} s ({count / took:,.1f} per second)\n")
    print(f"{'family':14} {'ended in':24} {'count':>7}")
    for (family, ended), number in sorted(tally.items()):
        print(f"{family:14} {ended:24} {number:7,}")
    print(f"\n{'family':14} {'inputs':>7} {'s total':>8} {'ms each':>8}")
    for family in sorted(seconds):
        inputs = sum(n for (f, _), n in tally.items() if f == family)
        print(f"{family:14} {inputs:7,} {seconds[family]:8.1f} {seconds[family] / inputs * 1000:8.1f}")
    totals = Counter[str]()
    for (_, ended), number in tally.items():
        totals[ended] += number
    print("\nall families: " + ", ".join(f"{ended} {number:,}" for ended, number in sorted(totals.items())))
    print(f"\n{len(crashes)} crash(es)")
    for line in crashes[:50]:
        print("  " + line)


if __name__ == "__main__":
    main()
