"""Work spread over the machine's cores: a process pool, and maps over it that keep only a few
items in flight, so memory stays flat however many files or pairs there are. One job means no
pool at all: the work runs in this process, in order."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from typing import TypeVar

DEFAULT_JOBS = os.cpu_count() or 1

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerPool:
    """A process pool of `jobs` workers (none for one job: the work runs here). Workers are
    started fresh (spawn), never forked from a process that may hold threads and a database
    connection."""

    def __init__(self, jobs: int, initializer: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        self.initializer = initializer  # run in each worker as it starts
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Executor | None:
        if self.jobs > 1:
            context = multiprocessing.get_context("spawn")
            self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=self.initializer)
        return self.executor

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


def as_finished(
    pool: Executor | None, function: Callable[[Item], Result], items: Iterable[Item], in_flight: int
) -> Iterator[Result]:
    """`function` of each item, as workers finish them (in order when there is no pool), with at
    most `in_flight` items submitted at once."""
    if pool is None:
        yield from map(function, items)
        return
    pending: set[Future[Result]] = set()
    for item in items:
        pending.add(pool.submit(function, item))
        if len(pending) >= in_flight:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)
    for future in pending:
        yield future.result()


def in_order(
    pool: Executor | None, function: Callable[[Item], Result], items: Iterable[Item], in_flight: int
) -> Iterator[Result]:
    """`function` of each item in the items' order, with at most `in_flight` submitted ahead. An
    item's error is raised when its turn comes, after every item before it was given."""
    if pool is None:
        yield from map(function, items)
        return
    pending: deque[Future[Result]] = deque()
    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
