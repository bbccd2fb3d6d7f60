"""Progress of the long stages of a build: its stage, count and an estimate of the time left.

The library is silent: the command line chooses how progress is shown
(:func:`use`), and the stages say how far they are (:func:`stage`). On a terminal, each
stage is a tqdm bar on stderr (count, rate, time left), gone when the stage is done; when
the output is not a terminal (a log, CI), a stage that lasts shows as plain lines on
stdout, one every :data:`EVERY` seconds (``extract: 400/1000 documents, 12 s, about 18 s
left``) and one when it ends, and a short stage shows nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Protocol

EVERY = 10.0  # seconds between two plain lines of one stage


class Stage(Protocol):
    def advance(self, n: int = 1) -> None: ...

    def close(self) -> None: ...


class _Silent:
    def advance(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class _Lines:
    """A stage as plain lines (module docstring)."""

    def __init__(self, name: str, total: int | None, unit: str, out: IO[str]):
        self.name, self.total, self.unit, self.out = name, total, unit, out
        self.done = 0
        self.start = self.last = time.monotonic()
        self.told = False

    def _line(self, now: float) -> str:
        spent = now - self.start
        if self.total:
            line = f"{self.name}: {self.done:,}/{self.total:,} {self.unit}, {spent:.0f} s"
            if 0 < self.done < self.total:
                line += f", about {spent * (self.total - self.done) / self.done:.0f} s left"
            return line
        return f"{self.name}: {self.done:,} {self.unit}, {spent:.0f} s"

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= EVERY:
            self.last, self.told = now, True
            print(self._line(now), file=self.out, flush=True)

    def close(self) -> None:
        now = time.monotonic()
        if self.told or now - self.start >= EVERY:
            print(f"{self.name}: {self.done:,} {self.unit} in {now - self.start:.0f} s",
                  file=self.out, flush=True)


class _Bar:
    """A stage as a tqdm bar."""

    def __init__(self, name: str, total: int | None, unit: str, out: IO[str]):
        from tqdm import tqdm

        self.bar = tqdm(total=total, desc=name, unit=f" {unit}", leave=False, file=out,
                        dynamic_ncols=True, mininterval=0.5)

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


class Reporter:
    """Makes the stages: silent, bars on a terminal, or plain lines."""

    def __init__(self, mode: str = "silent", out: IO[str] | None = None):
        self.mode = mode
        self.out = out

    def stage(self, name: str, total: int | None, unit: str) -> Stage:
        if self.mode == "bars":
            return _Bar(name, total, unit, self.out or sys.stderr)
        if self.mode == "lines":
            return _Lines(name, total, unit, self.out or sys.stdout)
        return _Silent()


_reporter = Reporter()


def for_terminal(stderr: IO[str] | None = None, stdout: IO[str] | None = None) -> Reporter:
    """Bars on ``stderr`` when it is a terminal, else plain lines on ``stdout``."""
    err = stderr or sys.stderr
    if hasattr(err, "isatty") and err.isatty():
        return Reporter("bars", err)
    return Reporter("lines", stdout or sys.stdout)


def use(reporter: Reporter) -> None:
    """Show the progress of the stages from now on as ``reporter`` does."""
    global _reporter
    _reporter = reporter


@contextmanager
def stage(name: str, total: int | None, unit: str) -> Iterator[Stage]:
    """A stage of ``total`` steps (``None``: unknown), shown as the chosen reporter does."""
    shown = _reporter.stage(name, total, unit)
    try:
        yield shown
    finally:
        shown.close()
