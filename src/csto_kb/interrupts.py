"""Stopping a build cleanly when the process is asked to stop.

SIGTERM (``kill``, a CI timeout, a service manager) and SIGHUP (the terminal closed) end
a Python process at once by default: no rollback, undo folders and workers left behind.
:func:`install` turns them into :class:`Interrupted`, raised like ``KeyboardInterrupt``
for Ctrl-C, so a build takes its changes back and stops its workers; a second signal
while it does so is ignored. Inside :func:`critical` (committing the outputs, taking
changes back) the signals, Ctrl-C included, wait until the block is done, so that such
work is never cut in half.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """The process was asked to stop by ``signum`` (SIGTERM or SIGHUP)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}")


class _State:
    depth = 0  # how many critical blocks are open
    pending: int | None = None  # a signal that came during one
    stopping = False  # Interrupted was raised: later stop signals are ignored


def _raise(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    _State.stopping = True
    raise Interrupted(signum)


def _handler(signum: int, frame: FrameType | None) -> None:
    if signum != signal.SIGINT and _State.stopping:
        return
    if _State.depth:
        _State.pending = _State.pending or signum
        return
    _raise(signum)


def install() -> None:
    """Handle SIGTERM, SIGHUP and Ctrl-C as described above (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (*STOP_SIGNALS, signal.SIGINT):
        signal.signal(signum, _handler)


@contextmanager
def critical() -> Iterator[None]:
    """Hold back SIGTERM, SIGHUP and Ctrl-C (when :func:`install` was called) until the
    block is done; one that came meanwhile is raised then."""
    _State.depth += 1
    try:
        yield
    finally:
        _State.depth -= 1
        if not _State.depth and _State.pending is not None:
            signum, _State.pending = _State.pending, None
            _raise(signum)
