"""The cost and size of the data to take away and of the pages of mentions on a
synthetic corpus: ``python -m bench.exports 1000`` (see bench/README.md).

Times (medians of ``--repeat``, in one process, measured in turns): the data files a
first build renders (records.jsonl, the CSV tables, one JSON per record) beside the
Markdown pages it renders (their ratio is what the data files add to the rendering),
``csto-kb export`` of each format from the records directory (reading the YAML files
included), and the pages of mentions; sizes: the files, the largest page of quotes and
the largest entity page.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.children import reference_seconds
from bench.common import log
from bench.corpus import DEFAULT_SEED, generate_corpus


def _median_times(jobs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median time of each job, the jobs run in turns (a noisy machine slows all alike)."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            start = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - start)
    return {name: round(statistics.median(t), 3) for name, t in times.items()}


def measure(n: int, repeat: int, seed: int) -> dict[str, object]:
    """Figures for a corpus of ``n`` documents (module docstring)."""
    from csto_kb.exports.command import export
    from csto_kb.pages.render import page_jobs
    from csto_kb.pages.views import source_views
    from csto_kb.pipeline import analyse
    from csto_kb.records import write_records

    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        root = Path(tmp)
        generate_corpus(n, root / "sources", seed)
        corpus = analyse(root / "sources", jobs=2)
        write_records(corpus.records, root / "records")
        views = source_views(corpus.documents, corpus.records)
        jobs = page_jobs(corpus.records, views)
        data = [j for j in jobs if not j.path.endswith(".md")]
        markdown = [j for j in jobs if j.path.endswith(".md")]
        quotes = [j for j in jobs if "/mentions-" in j.path]
        entities = [j for j in jobs if j.template in ("entity.md.j2", "date.md.j2")]
        texts = {j.path: j.render() for j in data + quotes + entities}
        size = {p: len(t.encode("utf-8")) for p, t in texts.items()}
        biggest = lambda paths: max(((size[p], p) for p in paths), default=(0, "-"))
        times = _median_times({
            "data files render s": lambda: [j.render() for j in data],
            "Markdown pages render s": lambda: [j.render() for j in markdown],
            "export jsonl s": lambda: export(root / "records", root / "out", "jsonl"),
            "export csv s": lambda: export(root / "records", root / "out", "csv"),
            "pages of mentions render s": lambda: [j.render() for j in quotes],
        }, repeat)
        return {
            "documents": n, "records": len(corpus.records), "data files": len(data),
            "Markdown pages": len(markdown), **times,
            "data files / Markdown pages (time)": round(times["data files render s"]
                                                        / times["Markdown pages render s"], 3),
            "pages of mentions": len(quotes),
            "records.jsonl MiB": round(size["downloads/records.jsonl"] / 2**20, 1),
            "CSV tables KiB": sum(size[p] for p in size if p.endswith(".csv")) // 1024,
            "record JSON files MiB": round(sum(size[p] for p in size if p.endswith(".json")) / 2**20, 1),
            "largest page of mentions KiB": (biggest(j.path for j in quotes)[0] // 1024,
                                             biggest(j.path for j in quotes)[1]),
            "largest entity page KiB": (biggest(j.path for j in entities)[0] // 1024,
                                        biggest(j.path for j in entities)[1]),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exports", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+", metavar="N", help="corpus sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    print(f"machine speed (fixed loop): {reference_seconds():.3f} s")
    for n in args.sizes:
        log(f"N = {n}")
        for key, value in measure(n, args.repeat, args.seed).items():
            print(f"N={n} {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
