"""The benchmark's child processes: a cold or warm build of one project, the baseline
memory, and running them (``python -m bench.run --child-...``)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import PROJECT, median


def _peak_rss_kb() -> int:
    """Peak resident set size of this process and of its waited-for children, in KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children)


def child_build(root: Path, jobs: int, profile: Path | None, site: bool = True) -> dict:
    """One ``pipeline.build`` of ``root`` (run in a fresh process by the parent)."""
    from collections import Counter

    from csto_kb import pipeline
    from csto_kb.config import Settings
    from csto_kb.model import KIND_OF_TYPE

    settings = Settings(root=root, jobs=jobs)
    pagefind = _time_pagefind()
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    result = pipeline.build(settings, site=site)
    total = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    kinds = Counter(KIND_OF_TYPE.get(r.get("type"), "unknown") for r in result.corpus.records)
    return {"total": total, "timings": result.timings, "pages": result.pages,
            "documents": len(result.corpus.documents), "extracted": result.corpus.extracted,
            "records": dict(sorted(kinds.items())), "warnings": len(result.warnings),
            "peak_rss_kb": _peak_rss_kb(), "package": str(Path(pipeline.__file__).parent),
            "pagefind": pagefind.get("seconds")}


def _time_pagefind() -> dict:
    """Time ``csto_kb.search.run_pagefind`` (part of the site stage) where it exists."""
    timing: dict = {}
    try:
        from csto_kb import search
    except ImportError:
        return timing
    run = getattr(search, "run_pagefind", None)
    if run is None:
        return timing

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            timing["seconds"] = timing.get("seconds", 0.0) + time.perf_counter() - start

    search.run_pagefind = timed
    return timing


def child_baseline() -> dict:
    """The memory of a process that has imported everything a build needs, and no data."""
    import material  # noqa: F401
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    import csto_kb.pages
    import csto_kb.pipeline
    import csto_kb.site

    return {"peak_rss_kb": _peak_rss_kb(), "package": str(Path(csto_kb.pipeline.__file__).parent)}


def reference_seconds(repeat: int = 5) -> float:
    """This machine's speed now: the median time of a fixed pure-Python loop on one core.
    The machine is shared; runs of the benchmark compare by it."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        times.append(time.perf_counter() - start)
    return median(times)


class ChildTimeout(RuntimeError):
    pass


def run_child(args: list[str], timeout: float | None = None, src: Path | None = None) -> dict:
    """Run ``python -m bench.run --child ...`` (with the csto_kb of ``src`` first on the
    import path, when given) and return the JSON it prints last."""
    cmd = [sys.executable, "-m", "bench.run", *args]
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(PROJECT)])}
    try:
        proc = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True, timeout=timeout,
                              env=env)
    except subprocess.TimeoutExpired as exc:
        raise ChildTimeout(f"child {' '.join(args)} did not finish within {timeout:.0f} s") from exc
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"child {' '.join(args)} failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])
