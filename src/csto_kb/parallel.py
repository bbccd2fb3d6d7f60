"""Running work in other processes: the one way csto-kb does it, used only where the
benchmark shows that it pays (extracting the mentions of many documents).

Workers are ``concurrent.futures`` processes started with the ``spawn`` method: a fresh
interpreter, never a fork of this process, which may be running threads (``csto-kb
serve`` runs its preview server in one; forking then can deadlock). A worker is sent
the function and the items it maps (pickled), and sends the results back.

No worker outlives the map: the pool is shut down before :func:`process_map` returns or
raises, and each worker watches the process that started it and exits as soon as that
process is gone (killed with SIGKILL, say, when nothing in it could stop the pool).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

START_METHOD = "spawn"
CHUNKS_PER_JOB = 4  # several chunks per worker, so that one slow chunk does not hold all
WATCH_SECONDS = 0.2  # how often a worker checks that the process that started it lives

T = TypeVar("T")
R = TypeVar("R")


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a thread that ends this worker when ``parent`` is gone (the
    worker is then adopted by another process, so its parent id changes)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def process_map(function: Callable[[T], R], items: Sequence[T], jobs: int,
                min_items: int) -> list[R]:
    """``[function(item) for item in items]``, spread over up to ``jobs`` worker
    processes when there are at least ``min_items`` items (below that, starting
    processes costs more than it saves). ``function`` must be importable (a module-level
    function, or a ``functools.partial`` of one) and its arguments and results picklable.
    The results are in the order of ``items``; an exception in a worker is raised here."""
    if jobs <= 1 or len(items) < max(2, min_items):
        return [function(item) for item in items]
    chunksize = max(1, math.ceil(len(items) / (jobs * CHUNKS_PER_JOB)))
    workers = min(jobs, math.ceil(len(items) / chunksize))
    pool = ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context(START_METHOD),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))
    try:
        return list(pool.map(function, items, chunksize=chunksize))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
