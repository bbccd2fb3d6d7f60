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
from concurrent.futures import ProcessPoolExecutor
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


class Helper:
    """One worker process, forked when this object is made: make it before a build
    loads its corpus, so that the two processes share little memory that either would
    have to copy on writing (forked later, both slow down). Its tasks' arguments and
    results travel pickled: give it tasks with small inputs and much work (the changed
    records to YAML). Disabled (``enabled`` false, or no fork), tasks run in this
    process when their result is asked for; so do they when the worker died."""

    def __init__(self, enabled: bool):
        self._pool: ProcessPoolExecutor | None = None
        if enabled and can_fork():
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._pool.submit(int).result()  # fork now, while this process is small

    def submit(self, function: Callable, *args: object) -> Callable[[], object]:
        """Start ``function(*args)`` in the worker; returns a function that waits for
        the result and returns it (or raises what the task raised)."""
        if self._pool is None:
            return partial(function, *args)
        future = self._pool.submit(function, *args)

        def result() -> object:
            try:
                return future.result()
            except BrokenProcessPool:
                return function(*args)
        return result

    def close(self) -> None:
        """Stop the worker (a task still running is waited for)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Helper":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
