"""Running work in other processes: the one way csto-kb does it, used only where the
benchmark shows that it pays (a build extracts the mentions of many documents in
several processes, and writes the changed records in one while it renders the pages).

Workers are those of a ``concurrent.futures.ProcessPoolExecutor`` (:func:`worker_pool`)
started with the ``spawn`` method: a fresh interpreter, never a fork of this process,
which may be running threads (``csto-kb serve`` runs its preview server in one; a fork
then can deadlock). A worker is sent the function and its arguments (pickled), and sends
the result back; a worker is started only when work is given to the pool.

No worker outlives its pool: the pool is shut down when its ``with`` block ends; when it
ends by an exception (a failure, Ctrl-C, SIGTERM), the workers are killed rather than
waited for, since no one wants their results any more. A worker ignores Ctrl-C (the
terminal sends it to the whole process group: the build handles it) and ends as soon as
the process that started it is gone, killed with SIGKILL, say, when nothing in it could
stop the pool: on Linux the kernel kills it then (``PR_SET_PDEATHSIG``), even in the
middle of a long call into C; elsewhere a thread of the worker watches its parent.
"""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
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


PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent dies


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux only; strictly,
    when the thread that started it ends: a build submits work from its main thread)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watching thread does it
        pass


def _start_worker(parent: int, gc_threshold: tuple[int, ...]) -> None:
    """Worker initializer: collect garbage as the parent does (a build collects rarely:
    see ``pipeline.rare_collections``), leave Ctrl-C to the parent, and end this worker
    when ``parent`` is gone (the worker is then adopted by another process, so its
    parent id changes)."""
    gc.set_threshold(*gc_threshold)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


@contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of up to ``jobs`` worker processes (``None`` for ``jobs`` <= 1: work in this
    process), shut down when the block ends; work it was given and that has not started
    then is cancelled, work that is running is waited for, unless the block ends by an
    exception: the workers are then killed."""
    if jobs <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=jobs,
                               mp_context=multiprocessing.get_context(START_METHOD),
                               initializer=_start_worker, initargs=(os.getpid(), gc.get_threshold()))
    try:
        yield pool
    except BaseException:
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the worker processes of ``pool`` (the pool then knows itself broken)."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # gone already, or closed
            pass


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
