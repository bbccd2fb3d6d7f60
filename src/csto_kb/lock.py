"""One build at a time in a project: a lock that ``build``, ``add`` and ``serve``'s
rebuilds take before they change anything.

The lock is the kernel's (``flock``) on ``.cache/csto-kb/build.lock``, which also holds
the id of the process that has it, for the message. The kernel releases it when that
process ends, however it ends, so the lock of a killed build is never in the way; the
worker processes do not hold it (they end with the build: see ``parallel.py``). A
command that finds the lock taken waits for it a while (``Settings.lock_wait``), then
fails with one line saying that a build is running. Taking the lock again in the
process that holds it (``add`` then builds) just goes on.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from csto_kb.config import Settings

POLL_SECONDS = 0.2

_held: dict[str, int] = {}  # lock file -> how many times this process took it


class BuildLocked(RuntimeError):
    """Another process holds the project's lock: one line saying which and what to do."""


def lock_file(settings: Settings) -> Path:
    return settings.cache_dir / "build.lock"


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "another process"
    return f"process {text}" if text.isdigit() else "another process"


def _acquire(fd: int, settings: Settings) -> None:
    deadline = time.monotonic() + max(0.0, settings.lock_wait)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(fd)
        if time.monotonic() >= deadline:
            raise BuildLocked(
                f"{lock_file(settings)}: a build of this project is running ({holder}); "
                "run this command again when it has finished")
        if not told:
            print(f"csto-kb: waiting for the build of this project running in {holder} "
                  f"(at most {settings.lock_wait:g} s)", file=sys.stderr, flush=True)
            told = True
        time.sleep(POLL_SECONDS)


@contextmanager
def project_lock(settings: Settings) -> Iterator[None]:
    """Hold the lock of the project ``settings.root`` for the block."""
    path = lock_file(settings)
    key = str(path)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, settings)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # releases the lock
