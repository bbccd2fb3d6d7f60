"""Measuring one corpus size: extraction alone, cold builds, the rebuild after adding
one document, and (on request) profiles of the builds."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.children import ChildTimeout, run_child
from bench.common import STAGES, log, median
from bench.corpus import generate_document
from bench.project import prepare_root, reset_outputs, site_stats


def measure_extraction(root: Path, repeat: int, jobs: int) -> dict:
    """Median seconds of ``extract_mentions`` over the corpus, with 1 and ``jobs`` processes."""
    from csto_kb.pipeline import extract_mentions
    from csto_kb.sources import read_sources

    docs, warnings = read_sources(root / "data" / "sources")
    words = sum(len(d.text.split()) for d in docs)
    extract_mentions(docs[:3], jobs=1)  # load the rules once, outside the timing
    out = {"documents": len(docs), "words": words, "read_warnings": len(warnings)}
    for label, j in (("jobs1", 1), (f"jobs{jobs}", jobs)):
        if label in out:
            continue
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            extract_mentions(docs, jobs=j)
            times.append(time.perf_counter() - start)
        out[label] = {
            "jobs": j,
            "runs": times,
            "seconds": median(times),
            "words_per_s": words / median(times),
        }
    return out


def count_words(root: Path) -> dict:
    """The corpus size, without timing extraction."""
    from csto_kb.sources import read_sources

    docs, warnings = read_sources(root / "data" / "sources")
    return {"documents": len(docs), "words": sum(len(d.text.split()) for d in docs),
            "read_warnings": len(warnings)}


def measure_size(n: int, args: argparse.Namespace, baseline_kb: int) -> dict:
    repeat = args.repeat if args.repeat else (3 if n <= 1000 else 1)
    root = args.out / "work" / f"n{n}"
    log(f"N={n}: generating the corpus in {root}")
    start = time.perf_counter()
    prepare_root(root, n, args.seed, args.project)
    result: dict = {"n": n, "repeat": repeat, "generate_s": time.perf_counter() - start}

    if args.skip_extraction:
        result["extraction"] = count_words(root)
    else:
        log(f"N={n}: extraction, {repeat}x with 1 and {args.jobs} processes")
        result["extraction"] = measure_extraction(root, repeat, args.jobs)
        log(f"N={n}: extraction {result['extraction']['jobs1']['words_per_s']:,.0f} words/s on one core")

    try:
        result.update(measure_builds(n, root, repeat, args, baseline_kb))
    except ChildTimeout as exc:
        log(f"N={n}: {exc}")
        result["build_error"] = str(exc)
    if wants_profile(args, n) and "build_error" not in result:
        profile_builds(n, root, args)
    return result


def wants_profile(args: argparse.Namespace, n: int) -> bool:
    return args.profile is not None and (not args.profile or n in args.profile)


def profile_builds(n: int, root: Path, args: argparse.Namespace) -> None:
    """Untimed builds under cProfile: a cold one (OUT/profile-nN.prof) and, for the
    rebuild size, the rebuild after adding one document (OUT/profile-nN-rebuild.prof)."""
    child = ["--child-build", str(root), "--child-jobs", str(args.build_jobs)]
    timeout = args.timeout and 3 * args.timeout
    added = root / "data" / "sources" / generate_document(n, args.seed)[0]
    reset_outputs(root)
    added.unlink(missing_ok=True)
    profile = args.out / f"profile-n{n}.prof"
    log(f"N={n}: an extra, untimed build under cProfile -> {profile}")
    try:
        run_child(child + ["--child-profile", str(profile)], timeout)
        if n in args.rebuild_sizes:
            added.write_text(generate_document(n, args.seed)[1], encoding="utf-8")
            profile = args.out / f"profile-n{n}-rebuild.prof"
            log(f"N={n}: the rebuild under cProfile -> {profile}")
            run_child(child + ["--child-profile", str(profile)], timeout)
    except ChildTimeout as exc:
        log(f"N={n}: profiled build: {exc}")
    finally:
        added.unlink(missing_ok=True)


def bare_mkdocs(root: Path, timeout: float | None) -> float:
    """Seconds of a plain ``mkdocs build`` of the project's docs/ (MkDocs and Material as
    mkdocs.yml configures them, without csto-kb's additions), into a folder thrown away."""
    out = root / ".bare-site"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                        "-d", str(out)], cwd=root, check=True, capture_output=True, timeout=timeout)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)


def measure_builds(n: int, root: Path, repeat: int, args: argparse.Namespace, baseline_kb: int) -> dict:
    """``repeat`` cold builds of the corpus of ``root`` (and the rebuilds), medians."""
    builds, rebuilds = [], []
    stats = None
    bare: float | None = None
    added = root / "data" / "sources" / generate_document(n, args.seed)[0]
    child_args = ["--child-build", str(root), "--child-jobs", str(args.build_jobs)]
    for r in range(repeat):
        reset_outputs(root)
        added.unlink(missing_ok=True)
        log(f"N={n}: cold build {r + 1}/{repeat}")
        b = run_child(child_args, args.timeout)
        builds.append(b)
        log(
            f"N={n}: build {b['total']:.1f}s, "
            + ", ".join(f"{k} {v:.1f}s" for k, v in b["timings"].items())
            + f", peak {b['peak_rss_kb'] / 1024:.0f} MB"
        )
        if stats is None:
            stats = site_stats(root)
        if n in args.rebuild_sizes:
            added.write_text(generate_document(n, args.seed)[1], encoding="utf-8")
            log(f"N={n}: rebuild after adding {added.name}")
            rb = run_child(child_args, args.timeout)
            rebuilds.append(rb)
            log(
                f"N={n}: rebuild {rb['total']:.1f}s ({rb['extracted']} extracted), "
                f"mkdocs {rb['timings'].get('mkdocs', 0):.1f}s"
            )
            if bare is None and n in args.bare_sizes:
                bare = bare_mkdocs(root, args.timeout)
                log(f"N={n}: bare `mkdocs build` of the same pages {bare:.1f}s")
    added.unlink(missing_ok=True)

    stages = {k: median([b["timings"].get(k) for b in builds]) for k in STAGES}
    pagefind = median([b.get("pagefind") for b in builds])
    other = median([b["total"] - sum(b["timings"].values()) for b in builds])
    outside = [b["total"] - b["timings"]["mkdocs"] for b in builds]
    peak = median([b["peak_rss_kb"] for b in builds])
    result = {
        "build": {
            "runs": builds,
            "stages": stages,
            "other": other,
            "pagefind": pagefind,
            "total": median([b["total"] for b in builds]),
            "outside_mkdocs": median(outside),
            "outside_over_mkdocs": median([o / b["timings"]["mkdocs"] for o, b in zip(outside, builds)]),
            "peak_rss_kb": peak,
            "jobs": args.build_jobs,
        },
        "records": builds[0]["records"],
        "pages": builds[0]["pages"],
        "site": stats,
    }
    total = result["build"]["total"]
    result["per_doc"] = {
        "build_ms": 1000 * total / n,
        "outside_mkdocs_ms": 1000 * result["build"]["outside_mkdocs"] / n,
        "mkdocs_ms": 1000 * stages["mkdocs"] / n,
        "stages_ms": {k: 1000 * v / n for k, v in stages.items() if v is not None},
        "memory_kb": (peak - baseline_kb) / n,
    }
    if rebuilds:
        result["rebuild"] = {
            "runs": rebuilds,
            "outside_mkdocs": median([rb["total"] - rb["timings"]["mkdocs"] for rb in rebuilds]),
            "mkdocs": median([rb["timings"]["mkdocs"] for rb in rebuilds]),
            "pagefind": median([rb.get("pagefind") for rb in rebuilds]),
            "total": median([rb["total"] for rb in rebuilds]),
            "stages": {k: median([rb["timings"].get(k) for rb in rebuilds]) for k in STAGES},
            "other": median([rb["total"] - sum(rb["timings"].values()) for rb in rebuilds]),
            "extracted": [rb["extracted"] for rb in rebuilds],
            "bare_mkdocs": bare,
        }
    return result
