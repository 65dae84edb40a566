"""The one timing helper the benchmark scripts share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(task: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs of `task`."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
