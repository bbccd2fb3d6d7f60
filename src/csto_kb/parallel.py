"""Map a function over many items with several processes, when that pays.

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
