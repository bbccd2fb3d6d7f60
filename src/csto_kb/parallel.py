"""Map a function over many items with several processes, when that pays; run a task
alongside the main process (:class:`Helper`).

The processes are forked: they inherit the function and the items (a catalog of every
record, say) instead of receiving them pickled, and only the results travel back. Where
forking is not available (Windows, macOS defaults) or the work is small, the map runs
in this process. The result is the same either way, in the order of the items.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

# What the forked workers map over: set just before forking, cleared after.
_WORK: tuple[Callable, Sequence] | None = None
CHUNKS_PER_JOB = 4  # several chunks per process, so that a slow chunk does not hold all


def _run(part: tuple[int, int]) -> list:
    function, items = _WORK
    start, step = part
    return [function(item) for item in items[start::step]]


def can_fork() -> bool:
    """True where worker processes can be forked."""
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable, items: Sequence, jobs: int, min_items: int) -> list:
    """``[function(item) for item in items]``, spread over ``jobs`` forked processes when
    there are at least ``min_items`` items (``function`` must be a plain function of one
    item whose result can be pickled)."""
    global _WORK
    if jobs <= 1 or len(items) < min_items or not can_fork():
        return [function(item) for item in items]
    step = min(len(items), jobs * CHUNKS_PER_JOB)
    _WORK = (function, items)
    gc.freeze()  # the collector in a worker would touch, and so copy, every inherited object
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            parts = list(pool.map(_run, [(start, step) for start in range(step)]))
    finally:
        _WORK = None
        gc.unfreeze()
    results = [None] * len(items)
    for start, part in enumerate(parts):
        results[start::step] = part
    return results


class Task:
    """A task given to a :class:`Helper`."""

    def __init__(self, function: Callable, args: tuple, future: Future | None = None):
        self._call = partial(function, *args)
        self._future = future

    def result(self) -> object:
        """Wait for the task and return its result, or raise what it raised (a task of
        a disabled helper runs now)."""
        if self._future is None:
            return self._call()
        try:
            return self._future.result()
        except BrokenProcessPool as exc:
            raise RuntimeError("the helper process died before its task was done") from exc

    def settle(self) -> object | None:
        """For clearing up after a failure elsewhere: the result of a task that ran or
        is running (waited for); ``None`` for one that failed, or that had not started
        (it never will)."""
        if self._future is None or self._future.cancel():
            return None
        try:
            return self._future.result()
        except BaseException:
            return None


class Helper:
    """One worker process, forked when this object is made: make it before a build
    loads its corpus, so that the two processes share little memory that either would
    have to copy on writing (forked later, both slow down). A task's arguments and
    result travel pickled: give it tasks with small inputs and much work (the changed
    records to YAML files). Disabled (``enabled`` false, no fork, or no process could
    be started), a task runs in this process when its result is asked for."""

    def __init__(self, enabled: bool):
        self._pool: ProcessPoolExecutor | None = None
        if enabled and can_fork():
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            try:
                pool.submit(int).result()  # fork now, while this process is small
                self._pool = pool
            except (OSError, BrokenProcessPool):  # no process to be had: work alone
                pool.shutdown(cancel_futures=True)

    @property
    def enabled(self) -> bool:
        """True when tasks run in a worker process (not in this one)."""
        return self._pool is not None

    def submit(self, function: Callable, *args: object) -> Task:
        """Start ``function(*args)`` in the worker (``function`` must be importable)."""
        if self._pool is None:
            return Task(function, args)
        return Task(function, args, self._pool.submit(function, *args))

    def close(self) -> None:
        """Stop the worker (a task still running is waited for)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Helper":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
