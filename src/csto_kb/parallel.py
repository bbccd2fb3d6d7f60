"""Running work in other processes: the one way csto-kb does it, used only where the
benchmark shows that it pays (a build extracts the mentions of many documents in
several processes, and writes the changed records in one while it renders the pages).

Workers are those of a ``concurrent.futures.ProcessPoolExecutor`` (:func:`worker_pool`)
started with the ``spawn`` method: a fresh interpreter, never a fork of this process,
which may be running threads (``csto-kb serve`` runs its preview server in one; a fork
then can deadlock). A worker is sent the function and its arguments (pickled), and sends
the result back; a worker is started only when work is given to the pool.

No worker outlives its pool: the pool is shut down when its ``with`` block ends, however
it ends, and each worker watches the process that started it and exits as soon as that
process is gone (killed with SIGKILL, say, when nothing in it could stop the pool).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

START_METHOD = "spawn"
CHUNKS_PER_JOB = 4  # several chunks per worker, so that one slow chunk does not hold all
WATCH_SECONDS = 0.2  # how often a worker checks that the process that started it lives

T = TypeVar("T")
R = TypeVar("R")


def _start_worker(parent: int, gc_threshold: tuple[int, ...]) -> None:
    """Worker initializer: collect garbage as the parent does (a build collects rarely:
    see ``pipeline.rare_collections``), and end this worker when ``parent`` is gone (the
    worker is then adopted by another process, so its parent id changes)."""
    gc.set_threshold(*gc_threshold)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


@contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of up to ``jobs`` worker processes (``None`` for ``jobs`` <= 1: work in this
    process), shut down when the block ends; work it was given and that has not started
    then is cancelled, work that is running is waited for."""
    if jobs <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=jobs,
                               mp_context=multiprocessing.get_context(START_METHOD),
                               initializer=_start_worker, initargs=(os.getpid(), gc.get_threshold()))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def process_map(function: Callable[[T], R], items: Sequence[T], jobs: int, min_items: int,
                pool: ProcessPoolExecutor | None = None,
                each: Callable[[], None] | None = None) -> list[R]:
    """``[function(item) for item in items]``, spread over up to ``jobs`` worker
    processes (those of ``pool``, else a pool of its own) when there are at least
    ``min_items`` items: below that, starting processes costs more than it saves.
    ``function`` must be importable (a module-level function, or a ``functools.partial``
    of one) and its arguments and results picklable. The results are in the order of
    ``items``; an exception in a worker is raised here. ``each()`` is called as each
    result arrives (for progress)."""
    tick = each or _nothing
    if jobs <= 1 or len(items) < max(2, min_items):
        return [_told(function(item), tick) for item in items]
    chunksize = max(1, math.ceil(len(items) / (jobs * CHUNKS_PER_JOB)))
    if pool is not None:
        return [_told(r, tick) for r in pool.map(function, items, chunksize=chunksize)]
    with worker_pool(min(jobs, math.ceil(len(items) / chunksize))) as own:
        assert own is not None
        return [_told(r, tick) for r in own.map(function, items, chunksize=chunksize)]


def _nothing() -> None:
    pass


def _told(result: R, tick: Callable[[], None]) -> R:
    tick()
    return result
