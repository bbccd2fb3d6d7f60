"""Named points of a build at which a test can stop it, as a crash or ``kill`` would.

The fault-injection test (tests/test_faults.py) runs ``csto-kb build`` with
``CSTO_KB_FAULT=<point>[@<n>]:<KILL|TERM>``: the process that reaches ``point`` for the
n-th time (default: the first) sends SIGKILL or SIGTERM to the build's process (itself,
or the process that started it when it is a worker). Without the variable, which users
never set, :func:`point` does nothing.

The points, in the order a build reaches them: ``read`` (sources read), ``analysed``
(extracted and resolved), ``write:records`` and ``write:docs`` (each file written in
that tree), ``pages`` (docs/ updated), ``site`` (MkDocs built the new site aside),
``swapped`` (the new site in place), ``commit`` (between the commits of the trees),
``committed`` (the outputs committed, the build's state not yet saved).
"""

from __future__ import annotations

import multiprocessing
import os
import signal

ENVIRONMENT = "CSTO_KB_FAULT"
_SIGNALS = {"KILL": signal.SIGKILL, "TERM": signal.SIGTERM}


def _plan(value: str | None) -> tuple[str, int, int] | None:
    if not value:
        return None
    where, _, name = value.rpartition(":")
    point, _, nth = where.partition("@")
    return point, int(nth or 1), _SIGNALS[name]


_PLAN = _plan(os.environ.get(ENVIRONMENT))
_reached: dict[str, int] = {}


def point(name: str) -> None:
    """The build reached the point ``name``: stop it here if the test asked so."""
    if _PLAN is None or _PLAN[0] != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == _PLAN[1]:
        in_worker = multiprocessing.parent_process() is not None
        os.kill(os.getppid() if in_worker else os.getpid(), _PLAN[2])
