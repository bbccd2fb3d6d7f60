"""The archive-scale benchmark: ``python -m bench.run`` (or ``make bench``).

For each corpus size N it generates a synthetic corpus (``bench/corpus.py``) and
measures

* extraction speed: ``pipeline.extract_mentions(docs, jobs=1)`` alone, in words
  (whitespace tokens of the document bodies) per second, and the same with ``--jobs``;
* a cold ``pipeline.build`` of the whole site, in a subprocess per repeat: the time of
  every stage, the peak resident memory of that process, the pages, the largest page,
  the search index;
* for N equal to ``--rebuild-size`` (1,000): a warm rebuild after adding one document.

Each measure is repeated (``--repeat``; by default 3 for N <= 1,000 and 1 above) and
the median is reported. The results go to the terminal and to ``OUT/results.md`` and
``OUT/results.json``, with PASS/FAIL against the targets of the issue.
See bench/README.md for the meaning of every row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import DEFAULT_SEED, generate_corpus, generate_document

PROJECT = Path(__file__).resolve().parent.parent
STAGES = ("read", "extract", "resolve", "pages", "mkdocs", "write")

# Targets of the issue.
EXTRACT_WORDS_PER_S = 40_000     # one core
OUTSIDE_MKDOCS_RATIO = 0.20      # everything but MkDocs / MkDocs build time
LINEAR_TOLERANCE = 1.25          # per-document cost, largest N / smallest N
PAGE_TOLERANCE = 1.25            # largest page, largest N / smallest N
REBUILD_OUTSIDE_S = 3.0          # rebuild after adding one document to 1,000

# Stages shorter than this at the smallest N get no growth ratio (a ratio of noise).
MIN_STAGE_MS = 50


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# --- the child processes ------------------------------------------------------------


def _peak_rss_kb() -> int:
    """Peak resident set size of this process and of its waited-for children, in KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children)


def child_build(root: Path, jobs: int, profile: Path | None) -> dict:
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
    result = pipeline.build(settings)
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


def run_child(args: list[str], timeout: float | None = None) -> dict:
    """Run ``python -m bench.run --child ...`` and return the JSON it prints last."""
    cmd = [sys.executable, "-m", "bench.run", *args]
    try:
        proc = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ChildTimeout(f"child {' '.join(args)} did not finish within {timeout:.0f} s") from exc
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"child {' '.join(args)} failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def source_digest(src: Path | None = None) -> str:
    """A short digest of the csto_kb package under test, to tell runs apart."""
    src = src or PROJECT / "src" / "csto_kb"
    h = hashlib.sha256()
    for path in sorted(src.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(src)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


# What a project needs besides its sources (the site configuration and hand-written pages).
PROJECT_FILES = ("mkdocs.yml", "docs/about.md", "docs/assets")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def take_snapshot(dest: Path) -> Path:
    """Copy src/csto_kb and the project files to ``dest`` so that every measure of a run
    uses the same code, whatever happens in the working tree meanwhile; return the
    directory to put first on the import path."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(PROJECT / "src" / "csto_kb", dest / "src" / "csto_kb", ignore=_IGNORE)
    for rel in PROJECT_FILES:
        source = PROJECT / rel
        if source.is_dir():
            shutil.copytree(source, dest / rel, ignore=_IGNORE)
        elif source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest / "src"


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT,
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


# --- one corpus ---------------------------------------------------------------------


def prepare_root(root: Path, n: int, seed: int, project: Path = PROJECT) -> None:
    """A project directory with ``n`` synthetic sources and the site configuration
    (mkdocs.yml, docs/about.md, docs/assets/ copied from ``project``)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    for rel in PROJECT_FILES:
        source = project / rel
        if source.is_dir():
            shutil.copytree(source, root / rel, ignore=_IGNORE)
        elif source.is_file():
            shutil.copy2(source, root / rel)
    generate_corpus(n, root / "data" / "sources", seed)


def reset_outputs(root: Path) -> None:
    """Back to a never-built project: no records, generated pages, site or cache."""
    for rel in ("data/records", "site", ".cache"):
        shutil.rmtree(root / rel, ignore_errors=True)
    keep = {"about.md", "assets"}
    for item in (root / "docs").iterdir():
        if item.name not in keep:
            shutil.rmtree(item) if item.is_dir() else item.unlink()


def site_stats(root: Path) -> dict:
    """Pages, the largest .html of site/ and .md of docs/, the search index."""
    html = [p for p in (root / "site").rglob("*.html")]
    md = [p for p in (root / "docs").rglob("*.md")]
    big_html = max(html, key=lambda p: p.stat().st_size)
    big_md = max(md, key=lambda p: p.stat().st_size)
    index = root / "site" / "search" / "search_index.json"
    pagefind = root / "site" / "pagefind"
    site_bytes = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    if index.exists():
        search = {"engine": "lunr", "bytes": index.stat().st_size,
                  "what": "search/search_index.json, loaded whole by the first search"}
    elif pagefind.is_dir():
        files = [p for p in pagefind.rglob("*") if p.is_file()]
        chunks = [p for p in files if p.parent.name in ("index", "fragment")]
        search = {"engine": "pagefind", "bytes": sum(p.stat().st_size for p in files), "files": len(files),
                  "largest_chunk": max((p.stat().st_size for p in chunks), default=0),
                  "what": "pagefind/, loaded chunk by chunk"}
    else:
        search = {"engine": None, "bytes": None}
    return {
        "html_pages": len(html), "md_pages": len(md),
        "largest_html": {"path": str(big_html.relative_to(root / "site")), "bytes": big_html.stat().st_size},
        "largest_md": {"path": str(big_md.relative_to(root / "docs")), "bytes": big_md.stat().st_size},
        "search_index_bytes": index.stat().st_size if index.exists() else None,
        "search": search,
        "site_bytes": site_bytes,
    }


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
        out[label] = {"jobs": j, "runs": times, "seconds": median(times),
                      "words_per_s": words / median(times)}
    return out


def measure_size(n: int, args: argparse.Namespace, baseline_kb: int) -> dict:
    repeat = args.repeat if args.repeat else (3 if n <= 1000 else 1)
    root = args.out / "work" / f"n{n}"
    log(f"N={n}: generating the corpus in {root}")
    start = time.perf_counter()
    prepare_root(root, n, args.seed, args.project)
    result: dict = {"n": n, "repeat": repeat, "generate_s": time.perf_counter() - start}

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
        if n == args.rebuild_size:
            added.write_text(generate_document(n, args.seed)[1], encoding="utf-8")
            profile = args.out / f"profile-n{n}-rebuild.prof"
            log(f"N={n}: the rebuild under cProfile -> {profile}")
            run_child(child + ["--child-profile", str(profile)], timeout)
    except ChildTimeout as exc:
        log(f"N={n}: profiled build: {exc}")
    finally:
        added.unlink(missing_ok=True)


def measure_builds(n: int, root: Path, repeat: int, args: argparse.Namespace, baseline_kb: int) -> dict:
    """``repeat`` cold builds of the corpus of ``root`` (and the rebuilds), medians."""
    builds, rebuilds = [], []
    stats = None
    added = root / "data" / "sources" / generate_document(n, args.seed)[0]
    child_args = ["--child-build", str(root), "--child-jobs", str(args.build_jobs)]
    for r in range(repeat):
        reset_outputs(root)
        added.unlink(missing_ok=True)
        log(f"N={n}: cold build {r + 1}/{repeat}")
        b = run_child(child_args, args.timeout)
        builds.append(b)
        log(f"N={n}: build {b['total']:.1f}s, " + ", ".join(f"{k} {v:.1f}s" for k, v in b["timings"].items())
            + f", peak {b['peak_rss_kb'] / 1024:.0f} MB")
        if stats is None:
            stats = site_stats(root)
        if n == args.rebuild_size:
            added.write_text(generate_document(n, args.seed)[1], encoding="utf-8")
            log(f"N={n}: rebuild after adding {added.name}")
            rb = run_child(child_args, args.timeout)
            rebuilds.append(rb)
            log(f"N={n}: rebuild {rb['total']:.1f}s ({rb['extracted']} extracted), "
                f"mkdocs {rb['timings'].get('mkdocs', 0):.1f}s")
    added.unlink(missing_ok=True)

    stages = {k: median([b["timings"].get(k) for b in builds]) for k in STAGES}
    pagefind = median([b.get("pagefind") for b in builds])
    other = median([b["total"] - sum(b["timings"].values()) for b in builds])
    outside = [b["total"] - b["timings"]["mkdocs"] for b in builds]
    peak = median([b["peak_rss_kb"] for b in builds])
    result = {
        "build": {"runs": builds, "stages": stages, "other": other, "pagefind": pagefind, "total": median([b["total"] for b in builds]),
                  "outside_mkdocs": median(outside),
                  "outside_over_mkdocs": median([o / b["timings"]["mkdocs"] for o, b in zip(outside, builds)]),
                  "peak_rss_kb": peak, "jobs": args.build_jobs},
        "records": builds[0]["records"], "pages": builds[0]["pages"], "site": stats,
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
        }
    return result


# --- the report ---------------------------------------------------------------------


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def evaluate(all_results: list[dict], rebuild_size: int) -> list[dict]:
    """PASS/FAIL of every target."""
    targets = []
    results = [r for r in all_results if "build" in r]
    for r in all_results:
        wps = r["extraction"]["jobs1"]["words_per_s"]
        targets.append({"target": f"extraction >= {EXTRACT_WORDS_PER_S:,} words/s on one core (N={r['n']:,})",
                        "value": f"{wps:,.0f} words/s", "pass": wps >= EXTRACT_WORDS_PER_S})
    for r in results:
        ratio = r["build"]["outside_over_mkdocs"]
        targets.append({"target": f"everything but MkDocs <= {OUTSIDE_MKDOCS_RATIO:.0%} of MkDocs (N={r['n']:,})",
                        "value": f"{ratio:.0%} ({r['build']['outside_mkdocs']:.1f} s / {r['build']['stages']['mkdocs']:.1f} s)",
                        "pass": ratio <= OUTSIDE_MKDOCS_RATIO})
    if len(results) >= 2:
        small, large = results[0], results[-1]
        span = f"N={large['n']:,} / N={small['n']:,}"
        # Lists saturate their pages only in large corpora: compare the two largest sizes.
        page_small = results[-2]
        page_span = f"N={large['n']:,} / N={page_small['n']:,}"
        t = _ratio(large["per_doc"]["build_ms"], small["per_doc"]["build_ms"])
        targets.append({"target": f"build time linear in N: time per document, {span} <= {LINEAR_TOLERANCE}",
                        "value": f"{t:.2f}x", "pass": t <= LINEAR_TOLERANCE})
        m = _ratio(large["per_doc"]["memory_kb"], small["per_doc"]["memory_kb"])
        targets.append({"target": f"memory linear in N: memory above baseline per document, {span} <= {LINEAR_TOLERANCE}",
                        "value": f"{m:.2f}x" if m is not None else "n/a", "pass": m is not None and m <= LINEAR_TOLERANCE})
        h = _ratio(large["site"]["largest_html"]["bytes"], page_small["site"]["largest_html"]["bytes"])
        d = _ratio(large["site"]["largest_md"]["bytes"], page_small["site"]["largest_md"]["bytes"])
        targets.append({"target": f"largest page independent of N: largest .html and .md, {page_span} <= {PAGE_TOLERANCE}",
                        "value": f"html {h:.1f}x, md {d:.1f}x", "pass": h <= PAGE_TOLERANCE and d <= PAGE_TOLERANCE})
    for r in results:
        if "rebuild" in r:
            o = r["rebuild"]["outside_mkdocs"]
            cold = [x for x in r["rebuild"]["extracted"] if x != 1]
            note = f"; cache missed in {len(cold)} run(s): rules changed?" if cold else ""
            targets.append({"target": f"rebuild after adding one document to {r['n']:,}: < {REBUILD_OUTSIDE_S:.0f} s outside MkDocs",
                            "value": f"{o:.2f} s (MkDocs {r['rebuild']['mkdocs']:.1f} s){note}", "pass": o < REBUILD_OUTSIDE_S})
    if results and not any("rebuild" in r for r in results):
        targets.append({"target": f"rebuild after adding one document to {rebuild_size:,}",
                        "value": f"not measured (N={rebuild_size:,} not among --sizes)", "pass": None})
    return targets


def _s(v: float | None, digits: int = 2) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _mb(kb: float | None) -> str:
    return "–" if kb is None else f"{kb / 1024:,.0f}"


def _kib(b: float | None) -> str:
    return "–" if b is None else f"{b / 1024:,.0f}"


def _search(site: dict) -> str:
    search = site.get("search") or {}
    if search.get("engine") == "lunr":
        return f"{_kib(search['bytes'])} (lunr search_index.json)"
    if search.get("engine") == "pagefind":
        return (f"{_kib(search['bytes'])} in {search['files']:,} files (Pagefind; "
                f"largest chunk {_kib(search['largest_chunk'])})")
    return "–"


def markdown(all_results: list[dict], targets: list[dict], meta: dict) -> str:
    cols = [f"N = {r['n']:,}" for r in all_results]
    rows: list[tuple[str, list[str]]] = []
    results = [r for r in all_results if "build" in r]

    def row(label, fn, build=True):
        rows.append((label, [fn(r) if "build" in r or not build else "–" for r in all_results]))

    row("documents / words", lambda r: f"{r['extraction']['documents']:,} / {r['extraction']['words']:,}", False)
    row("records: people / bodies / forces / operations / dates",
        lambda r: " / ".join(str(r["records"].get(k, 0)) for k in ("people", "bodies", "forces", "operations", "dates")))
    row("extraction, 1 core: s (words/s)",
        lambda r: f"{r['extraction']['jobs1']['seconds']:.2f} ({r['extraction']['jobs1']['words_per_s']:,.0f})", False)
    jobs_label = next((k for k in all_results[0]["extraction"] if k.startswith("jobs") and k != "jobs1"), None)
    if jobs_label:
        row(f"extraction, --jobs {jobs_label[4:]}: s (words/s)",
            lambda r: f"{r['extraction'][jobs_label]['seconds']:.2f} ({r['extraction'][jobs_label]['words_per_s']:,.0f})",
            False)
    for stage, label in (("read", "build: read s"), ("extract", "build: extract s"),
                         ("resolve", "build: resolve + records s"), ("pages", "build: pages s"),
                         ("mkdocs", "build: MkDocs s"), ("write", "build: write s")):
        row(label, lambda r, stage=stage: _s(r["build"]["stages"][stage]))
        if stage == "mkdocs":
            row("  of which Pagefind s", lambda r: _s(r["build"].get("pagefind")))
    row("build: other s (outside the stages: last build, digests, commit, caches)", lambda r: _s(r["build"]["other"]))
    row("build: total s", lambda r: _s(r["build"]["total"]))
    row("everything but MkDocs s", lambda r: _s(r["build"]["outside_mkdocs"]))
    row("everything but MkDocs / MkDocs", lambda r: f"{r['build']['outside_over_mkdocs']:.0%}")
    row("build time per document ms", lambda r: _s(r["per_doc"]["build_ms"], 1))
    row("  outside MkDocs / MkDocs, per document ms",
        lambda r: f"{r['per_doc']['outside_mkdocs_ms']:.1f} / {r['per_doc']['mkdocs_ms']:.1f}")
    row("peak RSS MB", lambda r: _mb(r["build"]["peak_rss_kb"]))
    row("memory above baseline per document KB", lambda r: f"{r['per_doc']['memory_kb']:,.0f}")
    row("pages (generated .md / .html in site)", lambda r: f"{r['pages']:,} / {r['site']['html_pages']:,}")
    row("largest .html KiB", lambda r: f"{_kib(r['site']['largest_html']['bytes'])} ({r['site']['largest_html']['path']})")
    row("largest .md KiB", lambda r: f"{_kib(r['site']['largest_md']['bytes'])} ({r['site']['largest_md']['path']})")
    row("search index KiB", lambda r: _search(r["site"]))
    row("site size MiB", lambda r: f"{r['site']['site_bytes'] / 2**20:,.1f}")
    if any("rebuild" in r for r in results):
        row("rebuild +1 doc: outside MkDocs s / MkDocs s",
            lambda r: f"{r['rebuild']['outside_mkdocs']:.2f} / {r['rebuild']['mkdocs']:.2f}" if "rebuild" in r else "–")
        row("  rebuild: documents extracted (1 = cache warm)",
            lambda r: ", ".join(str(x) for x in r["rebuild"]["extracted"]) if "rebuild" in r else "–")
        row("  rebuild stages: read / extract / resolve / other / pages / write s",
            lambda r: " / ".join([_s(r["rebuild"]["stages"][k]) for k in ("read", "extract", "resolve")]
                                 + [_s(r["rebuild"]["other"])]
                                 + [_s(r["rebuild"]["stages"][k]) for k in ("pages", "write")])
            if "rebuild" in r else "–")
    row("repeats (median of)", lambda r: str(r["repeat"]), False)

    lines = [f"Benchmark of {meta['date']} on {meta['machine']}; builds with --jobs {meta['build_jobs']}, "
             f"seed {meta['seed']}; commit {meta['commit']}, src digest {meta['source_digest']}; medians.", "",
             "Machine speed (a fixed Python loop, median of 5, at the start and after each size; "
             "the machine is shared, compare runs by it): "
             + ", ".join(f"{t:.3f} s" for t in meta.get("reference_s", [])) + ".", "",
             "| measure | " + " | ".join(cols) + " |",
             "| --- | " + " | ".join("---:" for _ in cols) + " |"]
    for label, values in rows:
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    if len(results) >= 2:
        lines += ["", f"Growth between N = {results[0]['n']:,} and N = {results[-1]['n']:,} "
                      "(per-document cost at the largest N / at the smallest; 1.0 = linear):", ""]
        small, large = results[0]["per_doc"], results[-1]["per_doc"]
        parts = []
        for k in STAGES:
            a, b = small["stages_ms"].get(k), large["stages_ms"].get(k)
            if a and b and a * results[0]["n"] >= MIN_STAGE_MS:
                parts.append(f"{k} {b / a:.2f}x")
        lines.append("- time per stage: " + ", ".join(parts))
        ns = [r["n"] for r in results]
        totals = [r["build"]["total"] for r in results]
        exps = [math.log(totals[i + 1] / totals[i]) / math.log(ns[i + 1] / ns[i]) for i in range(len(ns) - 1)]
        lines.append("- build time exponent (time ~ N^k) between consecutive sizes: "
                     + ", ".join(f"{ns[i]:,}->{ns[i + 1]:,}: k={e:.2f}" for i, e in enumerate(exps)))
    for r in all_results:
        if "build_error" in r:
            lines += ["", f"N = {r['n']:,}: {r['build_error']}: only extraction was measured."]
    if meta.get("source_digest_end") != meta.get("source_digest"):
        lines += ["", "Warning: src/csto_kb changed while the benchmark ran; sizes may have run different code."]
    lines += ["", "| target | measured | result |", "| --- | --- | --- |"]
    for t in targets:
        verdict = "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
        lines.append(f"| {t['target']} | {t['value']} | {verdict} |")
    return "\n".join(lines) + "\n"


# --- main -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], metavar="N",
                   help="corpus sizes (default: 100 1000 5000)")
    p.add_argument("--repeat", type=int, default=None,
                   help="repeats of every measure (default: 3 for N <= 1000, 1 above)")
    p.add_argument("--jobs", type=int, default=2, help="processes for the parallel extraction measure (default 2)")
    p.add_argument("--build-jobs", type=int, default=len(os.sched_getaffinity(0)),
                   help="processes of the timed builds (default: the cores, as csto-kb build uses; "
                        "1 gives per-core stage times)")
    p.add_argument("--rebuild-size", type=int, default=1000,
                   help="the N whose builds are followed by a rebuild with one document more (default 1000)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, default=Path("bench/out"), help="results and work directory (default bench/out)")
    p.add_argument("--profile", type=int, nargs="*", default=None, metavar="N",
                   help="after the timed builds, one more build under cProfile (OUT/profile-nN.prof; for "
                        "the rebuild size also the rebuild, OUT/profile-nN-rebuild.prof), for the sizes "
                        "given or, with no size, for all")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="give up a size whose build takes longer than this (default: no limit)")
    p.add_argument("--no-snapshot", action="store_true",
                   help="test the working tree as it is at each step (default: a copy of src/csto_kb and "
                        "the site files taken at the start, in OUT/snapshot)")
    p.add_argument("--keep", action="store_true", help="keep the generated projects under OUT/work")
    p.add_argument("--child-build", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--child-jobs", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--child-profile", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--child-baseline", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child_build:
        print(json.dumps(child_build(args.child_build.resolve(), args.child_jobs, args.child_profile)))
        return 0
    if args.child_baseline:
        print(json.dumps(child_baseline()))
        return 0

    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes))
    args.project = PROJECT
    if not args.no_snapshot:
        snapshot = args.out / "snapshot"
        src = take_snapshot(snapshot)
        args.project = snapshot
        # children inherit it; this process imports csto_kb only later (extraction)
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))
        sys.path.insert(0, str(src))
        log(f"code under test: a copy of src/csto_kb in {src}")
    digest = source_digest(args.project / "src" / "csto_kb" if not args.no_snapshot else None)
    base = run_child(["--child-baseline"])
    baseline = base["peak_rss_kb"]
    log(f"baseline process (everything imported from {base['package']}): {baseline / 1024:.0f} MB")
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "seed": args.seed, "build_jobs": args.build_jobs,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "baseline_rss_kb": baseline, "sizes": sizes, "commit": git_commit(),
            "source_digest": digest, "snapshot": not args.no_snapshot,
            "reference_s": [reference_seconds()]}
    results = []
    report, targets = "", []
    for n in sizes:
        results.append(measure_size(n, args, baseline))
        meta["source_digest_end"] = digest if not args.no_snapshot else source_digest()
        meta["reference_s"].append(reference_seconds())
        targets = evaluate(results, args.rebuild_size)
        report = markdown(results, targets, meta)
        (args.out / "results.md").write_text(report, encoding="utf-8")
        (args.out / "results.json").write_text(json.dumps({"meta": meta, "results": results, "targets": targets},
                                                          indent=2), encoding="utf-8")
        if not args.keep:
            shutil.rmtree(args.out / "work" / f"n{n}", ignore_errors=True)
    print(report or "nothing measured")
    failed = [t for t in targets if t["pass"] is False]
    print(f"{len(targets) - len(failed)} of {len(targets)} targets met; results in {args.out}/results.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
