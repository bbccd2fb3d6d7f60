"""The first-search cost in the browser: Material's lunr search vs Pagefind.

For each corpus size, generates a synthetic corpus (bench.corpus), builds it with the
pipeline and Material's search, then builds the same pages again with Pagefind
(``extra.csto_kb.pagefind_above`` forced to 0), serves each site on 127.0.0.1 and drives
Debian's Chromium (headless, a fresh profile per measurement, so nothing is cached):

- ``first_ms``: the reader types a query as soon as the page has loaded; the time from
  the first key to the first result on screen (Material fetches its whole index and
  builds the lunr index in a worker first; Pagefind loads its WASM and the index
  chunks of the words typed);
- ``next_ms``: a second query on the same page (the index is warm);
- ``search_bytes``: bytes of the search machinery downloaded until the first result
  (Material: search/search_index.json, its worker and lunr scripts; Pagefind: pagefind/*),
  ``page_bytes``: everything else the page loaded.

Usage::

    python -m bench.search_cost --docs 65 330 --work /tmp/csto-search-cost

(65 synthetic documents make ~1,200 pages, 330 make ~4,600.) Prints one JSON object per
corpus and a Markdown table at the end. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

from bench.corpus import generate_corpus
from csto_kb.serve import serve_directory

PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_URL = re.compile(r"/(search/search_index\.json|assets/javascripts/(workers|lunr)/|pagefind/)")
NEVER = 10**9


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    return serve_directory(directory, quiet=True)


def _set_threshold(root: Path, value: int) -> None:
    config = root / "mkdocs.yml"
    text = re.sub(r"pagefind_above: \d+", f"pagefind_above: {value}",
                  config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def _dir_bytes(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def prepare(root: Path, n: int) -> None:
    """A project with ``n`` synthetic documents and this checkout's site configuration."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(PROJECT / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(PROJECT / "docs" / "assets", root / "docs" / "assets",
                    ignore=shutil.ignore_patterns("screenshot-*.png"))
    generate_corpus(n, root / "data" / "sources")


def build_both(root: Path) -> dict:
    """site/ with Material's search (the pipeline), site-pagefind/ from the same docs/."""
    from csto_kb.config import Settings
    from csto_kb.pipeline import build
    from csto_kb.site import build_site

    _set_threshold(root, NEVER)
    start = time.perf_counter()
    result = build(Settings(root=root))
    material_s = time.perf_counter() - start
    _set_threshold(root, 0)
    start = time.perf_counter()
    build_site(root, root / "site-pagefind", strict=True)
    pagefind_s = time.perf_counter() - start
    _set_threshold(root, 2000)
    index = root / "site" / "search" / "search_index.json"
    pf_bytes, pf_files = _dir_bytes(root / "site-pagefind" / "pagefind")
    return {
        "md_pages": sum(1 for _ in (root / "docs").rglob("*.md")),
        "pipeline_pages": result.pages,
        "mkdocs_material_s": round(result.timings.get("mkdocs", material_s), 1),
        "build_pagefind_site_s": round(pagefind_s, 1),
        "material_index_bytes": index.stat().st_size,
        "pagefind_bundle_bytes": pf_bytes, "pagefind_bundle_files": pf_files,
    }


def _search_box(page, engine: str):
    if engine == "material":
        page.keyboard.press("s")
        box = page.locator("input.md-search__input")
        results = page.locator(".md-search-result__item")
    else:
        box = page.locator("#csto-pagefind input")
        box.click()
        results = page.locator("#csto-pagefind .pagefind-ui__result")
    box.wait_for(state="visible")
    return box, results


def measure(browser, base_url: str, engine: str, queries: list[str]) -> dict:
    """One cold page load, then ``queries`` typed one after the other."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(600_000)
    received: list[tuple[float, str, int]] = []
    errors: list[str] = []

    def on_response(response):
        size = int(response.headers.get("content-length") or 0)
        received.append((time.perf_counter(), response.url, size))

    def on_request(request):
        if request.url.startswith("http") and not request.url.startswith("http://127.0.0.1:"):
            errors.append(f"external request: {request.url}")

    context.on("response", on_response)
    context.on("request", on_request)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    try:
        page.goto(base_url + "index.html", wait_until="load")
        box, results = _search_box(page, engine)
        timings = []
        first_done = None
        for i, query in enumerate(queries):
            if i:
                box.fill("")
                page.wait_for_timeout(300)
            start = time.perf_counter()
            box.press_sequentially(query)
            results.first.wait_for(state="visible")
            done = time.perf_counter()
            timings.append(round((done - start) * 1000))
            first_done = first_done or done
            page.wait_for_timeout(200)
        first_results = results.count()
    finally:
        context.close()
    until_first = [r for r in received if r[0] <= first_done]
    search_bytes = sum(size for _, url, size in until_first if SEARCH_URL.search(url))
    page_bytes = sum(size for _, url, size in until_first if not SEARCH_URL.search(url))
    return {"engine": engine, "first_ms": timings[0], "next_ms": timings[1:],
            "search_bytes": search_bytes, "page_bytes": page_bytes,
            "search_requests": sum(1 for _, url, _ in until_first if SEARCH_URL.search(url)),
            "results_shown": first_results, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[65, 330],
                        help="corpus sizes in documents (default: 65 330)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/csto-search-cost"))
    parser.add_argument("--queries", nargs="+", default=["CRRF", "Barrier"])
    parser.add_argument("--reuse", action="store_true",
                        help="measure the sites already built under --work")
    parser.add_argument("--repeat", type=int, default=2, help="cold measurements per engine")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    rows = []
    for n in args.docs:
        root = args.work / f"docs-{n}"
        if args.reuse and (root / "site-pagefind").is_dir():
            stats = json.loads((root / "build-stats.json").read_text(encoding="utf-8"))
        else:
            prepare(root, n)
            stats = build_both(root)
            (root / "build-stats.json").write_text(json.dumps(stats), encoding="utf-8")
        row = {"documents": n, **stats, "runs": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for engine, site in (("material", root / "site"),
                                     ("pagefind", root / "site-pagefind")):
                    with serve(site) as url:
                        for _ in range(args.repeat):
                            row["runs"].append(measure(browser, url, engine, args.queries))
            finally:
                browser.close()
        print(json.dumps(row), flush=True)
        rows.append(row)

    print("\n| documents | pages | engine | index on disk | first search ms | next search ms "
          "| search bytes until first result |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        for engine in ("material", "pagefind"):
            runs = [r for r in row["runs"] if r["engine"] == engine]
            disk = row["material_index_bytes"] if engine == "material" else row["pagefind_bundle_bytes"]
            first = min(r["first_ms"] for r in runs)
            nxt = min(min(r["next_ms"]) for r in runs) if runs[0]["next_ms"] else "-"
            print(f"| {row['documents']} | {row['md_pages']} | {engine} | {disk:,} | {first:,} "
                  f"| {nxt} | {min(r['search_bytes'] for r in runs):,} |")
    return 0 if all(not r["errors"] for row in rows for r in row["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
