"""Before and after: ``python -m bench.compare REV`` builds one synthetic corpus with the
code of git revision REV and with the working tree, in turns (REV, tree, REV, tree ...:
on a shared machine, runs side by side are what compare), and prints the medians of the
cold build and of the rebuild after adding one document, stage by stage.

Options: ``--size N`` (default 1,000), ``--repeat R`` (default 3), ``--jobs J`` (default:
the cores), ``--no-site`` (no MkDocs: the figures outside MkDocs only, in a fraction of
the time), ``--out DIR`` (default bench/out).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

from bench.children import reference_seconds, run_child
from bench.common import PROJECT, STAGES, log, median
from bench.corpus import DEFAULT_SEED, generate_document
from bench.project import prepare_root, reset_outputs, take_snapshot


def snapshot_of(rev: str, dest: Path) -> Path:
    """src/csto_kb of git revision ``rev`` under ``dest``; returns the directory to import from."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "src/csto_kb"], cwd=PROJECT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / "src"


def _build(root: Path, jobs: int, src: Path, site: bool) -> dict:
    args = ["--child-build", str(root), "--child-jobs", str(jobs)]
    return run_child(args + ([] if site else ["--child-no-site"]), src=src)


def _figures(runs: list[dict]) -> dict[str, float | None]:
    out: dict[str, float | None] = {k: median([r["timings"].get(k) for r in runs]) for k in STAGES}
    out["total"] = median([r["total"] for r in runs])
    out["outside MkDocs"] = median([r["total"] - r["timings"].get("mkdocs", 0.0) for r in runs])
    out["other"] = median([r["total"] - sum(r["timings"].values()) for r in runs])
    return out


def compare(rev: str, size: int, repeat: int, jobs: int, site: bool, out: Path) -> str:
    """The comparison's report (Markdown)."""
    codes = {rev: snapshot_of(rev, out / "compare" / rev),
             "working tree": take_snapshot(out / "compare" / "tree")}
    roots = {name: out / "work" / f"compare-{n}" for n, name in enumerate(codes)}
    name, text = generate_document(size, DEFAULT_SEED)
    runs: dict[str, dict[str, list[dict]]] = {c: {"cold": [], "rebuild": []} for c in codes}
    speed = [reference_seconds()]
    for root in roots.values():
        prepare_root(root, size, DEFAULT_SEED)
    for r in range(repeat):
        for code, src in codes.items():
            root = roots[code]
            reset_outputs(root)
            (root / "data" / "sources" / name).unlink(missing_ok=True)
            cold = _build(root, jobs, src, site)
            (root / "data" / "sources" / name).write_text(text, encoding="utf-8")
            rebuild = _build(root, jobs, src, site)
            runs[code]["cold"].append(cold)
            runs[code]["rebuild"].append(rebuild)
            log(f"{code} {r + 1}/{repeat}: cold {cold['total']:.1f} s, rebuild {rebuild['total']:.2f} s "
                f"(mkdocs {rebuild['timings'].get('mkdocs', 0):.1f} s)")
        speed.append(reference_seconds())
    lines = [f"Before and after at N = {size:,}, --jobs {jobs}, {'with' if site else 'without'} MkDocs; "
             f"medians of {repeat}, in turns. Machine speed (fixed loop): "
             + ", ".join(f"{s:.3f} s" for s in speed) + ".", "",
             "| seconds | " + " | ".join(f"{c}: cold | {c}: rebuild +1" for c in codes) + " |",
             "| --- |" + " ---: |" * (2 * len(codes))]
    figures = {c: (_figures(runs[c]["cold"]), _figures(runs[c]["rebuild"])) for c in codes}
    for row in ("total", "outside MkDocs", *STAGES, "other"):
        cells = [f"{v:.2f}" if (v := f[row]) is not None else "–"
                 for c in codes for f in figures[c]]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.split("\n\n")[0])
    p.add_argument("rev", help="the git revision to compare the working tree with")
    p.add_argument("--size", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--no-site", action="store_true", help="no MkDocs (figures outside MkDocs only)")
    p.add_argument("--out", type=Path, default=Path("bench/out"))
    args = p.parse_args(argv)
    report = compare(args.rev, args.size, args.repeat, args.jobs, not args.no_site, args.out.resolve())
    (args.out / "compare.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
