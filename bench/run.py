"""The archive-scale benchmark: ``python -m bench.run`` (or ``make bench``).

For each corpus size N it generates a synthetic corpus (``bench/corpus.py``) and
measures

* extraction speed: ``pipeline.extract_mentions(docs, jobs=1)`` alone, in words
  (whitespace tokens of the document bodies) per second, and the same with ``--jobs``;
* a cold ``pipeline.build`` of the whole site, in a subprocess per repeat: the time of
  every stage, the peak resident memory of that process, the pages, the largest page,
  the search index;
* for N in ``--rebuild-sizes`` (1,000 and 5,000): a warm rebuild after adding one document
  (the whole of it: until the new document is on the site, search included), and a bare
  ``mkdocs build`` of the same pages, beside the cold build.

Each measure is repeated (``--repeat``; by default 3 for N <= 1,000 and 1 above) and
the median is reported. The results go to the terminal and to ``OUT/results.md`` and
``OUT/results.json``, with PASS/FAIL against the targets of the issue.
See bench/README.md for the meaning of every row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from bench import huge
from bench.children import child_baseline, child_build, reference_seconds, run_child
from bench.common import PROJECT, log
from bench.corpus import DEFAULT_SEED
from bench.measure import measure_size
from bench.project import git_commit, source_digest, take_snapshot
from bench.report import evaluate, markdown


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
    p.add_argument("--rebuild-sizes", type=int, nargs="+", default=[1000, 5000], metavar="N",
                   help="the sizes whose builds are followed by a rebuild with one document more and a "
                        "bare `mkdocs build` of the same pages (default 1000 5000)")
    p.add_argument("--bare-sizes", type=int, nargs="*", default=None, metavar="N",
                   help="the sizes whose rebuild is followed by a bare `mkdocs build` (default: the "
                        "rebuild sizes)")
    p.add_argument("--skip-extraction", action="store_true",
                   help="do not time extraction alone (the builds only)")
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
    p.add_argument("--child-no-site", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--child-baseline", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.bare_sizes is None:
        args.bare_sizes = args.rebuild_sizes
    if args.child_build:
        print(json.dumps(child_build(args.child_build.resolve(), args.child_jobs, args.child_profile,
                                     site=not args.child_no_site)))
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
    log("hostile sizes: one multi-megabyte document, the sentence splitter")
    meta["huge"] = huge.measure_huge(args.out / "work")
    for n in sizes:
        results.append(measure_size(n, args, baseline))
        meta["source_digest_end"] = digest if not args.no_snapshot else source_digest()
        meta["reference_s"].append(reference_seconds())
        targets = evaluate(results, args.rebuild_sizes) + huge.targets(meta["huge"])
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
