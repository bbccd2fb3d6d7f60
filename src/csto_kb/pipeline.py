"""The whole pipeline: sources -> extraction -> resolution -> records -> pages -> site.

Each stage takes plain data and returns plain data; this module wires them up, keeps
the extraction cache, and writes the outputs only once every stage has succeeded.
"""

from __future__ import annotations

import gc
import json
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from csto_kb.cache import BuildCache, document_key
from csto_kb.changes import changes_between, changes_to_show, describe, record_digests
from csto_kb.config import Settings
from csto_kb.extraction.extract import extract_document
from csto_kb.fsutil import TreeUpdate, remove_stale_undo, update_tree, write_text_atomic
from csto_kb.last_build import LastBuild, forget, remember
from csto_kb.model import Document, Mention, Record
from csto_kb.pages import is_generated, render_site
from csto_kb.pages.render import keep_compiled_templates
from csto_kb.pages.views import source_views
from csto_kb.parallel import process_map, worker_pool
from csto_kb.records import build_records, with_office_holders, write_records
from csto_kb.records.check import check_records
from csto_kb.records.io import RecordsPlan, apply_records, plan_records
from csto_kb.resolution import Entity, resolve
from csto_kb.resolution.curation import Curation, apply_curation, load_curation
from csto_kb.rules_data import rules_version
from csto_kb.sources import read_sources

PARALLEL_MIN_DOCS = 40  # below this, starting processes costs more than it saves


@dataclass
class Corpus:
    """What extraction and resolution made of a directory of sources."""

    documents: list[Document]
    entities: list[Entity]
    records: list[Record]
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # documents extracted in this run (the rest came from the cache)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely meanwhile. A build allocates millions of
    small objects that live until its end (mentions, records, pages); with the default
    thresholds the collector walks them over and over, a quarter of a rebuild's time."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class BuildError(RuntimeError):
    """A build that failed; the last good records, docs and site are left as they were."""


def extract_mentions(documents: list[Document], cache: BuildCache | None = None,
                     jobs: int = 1, names: dict[str, str] | None = None,
                     pool: ProcessPoolExecutor | None = None) -> tuple[list[Mention], int]:
    """Mentions of every document in document order, and how many were extracted anew
    (by ``jobs`` processes, those of ``pool`` if given, when there are many).

    ``names`` are extra names to recognise (from the curation file), part of the cache key.
    """
    cache = cache or BuildCache(None)
    version = rules_version() + json.dumps(sorted((names or {}).items()))
    keys = [document_key(doc, version) for doc in documents]
    found = [cache.mentions(k) for k in keys]
    todo = [i for i, f in enumerate(found) if f is None]
    results = process_map(partial(extract_document, names=names), [documents[i] for i in todo],
                          jobs, PARALLEL_MIN_DOCS, pool)
    for i, mentions in zip(todo, results, strict=True):
        found[i] = mentions
        cache.put_mentions(keys[i], mentions)
    return [m for mentions in found if mentions for m in mentions], len(todo)


def analyse(sources_dir: Path, cache: BuildCache | None = None, jobs: int = 1,
            curation: Curation | None = None,
            pool: ProcessPoolExecutor | None = None) -> Corpus:
    """Read, extract and resolve every document of ``sources_dir`` into records, with
    the curation (if any) applied (extraction in the processes of ``pool``, if any)."""
    curation = curation or Curation.empty()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    documents, warnings = read_sources(Path(sources_dir), cache)
    timings["read"] = time.perf_counter() - start
    start = time.perf_counter()
    mentions, extracted = extract_mentions(documents, cache, jobs, curation.recognised_names(),
                                           pool)
    timings["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    entities = resolve(mentions)
    records, curation_warnings = apply_curation(build_records(entities, documents), curation)
    records = with_office_holders(records)  # the curated posts
    timings["resolve"] = time.perf_counter() - start
    return Corpus(documents, entities, records, warnings + curation_warnings, timings, extracted)


def extract(sources_dir: Path, out_dir: Path, jobs: int = 1) -> Corpus:
    """``csto-kb extract``: the records of ``sources_dir`` written under ``out_dir``."""
    with rare_collections():
        corpus = analyse(sources_dir, jobs=jobs)
        write_records(corpus.records, Path(out_dir))
    return corpus


@dataclass
class BuildResult:
    corpus: Corpus
    changes: dict[str, list[str]] | None
    pages: int
    timings: dict[str, float]

    @property
    def warnings(self) -> list[str]:
        return self.corpus.warnings


def summary(result: BuildResult) -> str:
    """What a build did, for the terminal: counts, changes and time per stage."""
    c = result.corpus
    return describe(c.records, result.changes, len(c.documents), c.extracted, result.pages,
                    result.timings)


def check(settings: Settings) -> list[str]:
    """Problems in the curation file and the records, without building."""
    problems = []
    try:
        load_curation(settings.curation_file)
    except ValueError as exc:
        problems.append(str(exc))
    if settings.records_dir.exists():
        problems += check_records(settings.records_dir)
    return problems


def build(settings: Settings, site: bool = True) -> BuildResult:
    """Run the whole pipeline on ``settings.root`` and swap in records, docs and site.

    Only the records and pages that changed are written, each old file kept aside until
    every stage (MkDocs included) has succeeded; a failed build puts them back, so it
    leaves the last good output exactly as it was (the site is built aside and swapped in).
    With ``settings.jobs`` > 1, extraction runs in several processes, one of them writes
    the changed records while this one renders the pages, and with many pages to render
    (a first build) one renders half of them.
    """
    with rare_collections(), worker_pool(settings.jobs) as pool:
        return _build(settings, site, pool)


def _records_update(plan: RecordsPlan, pool: ProcessPoolExecutor | None) -> Future[TreeUpdate]:
    """Start carrying out ``plan`` (in a worker of ``pool``, or here and now)."""
    if pool is not None:
        return pool.submit(apply_records, plan)
    done: Future[TreeUpdate] = Future()
    try:
        done.set_result(apply_records(plan))
    except Exception as exc:
        done.set_exception(exc)
    return done


def _settle(task: Future[TreeUpdate]) -> TreeUpdate | None:
    """After a failure elsewhere: the update ``task`` made, if it made one."""
    if task.cancel():
        return None
    try:
        return task.result()
    except BaseException:
        return None


def _build(settings: Settings, site: bool, pool: ProcessPoolExecutor | None) -> BuildResult:
    from csto_kb.site import build_site

    curation = load_curation(settings.curation_file)
    for tree in (settings.docs_dir, settings.records_dir):
        remove_stale_undo(tree)
    cache = BuildCache(settings.cache_dir / "sources.json")
    keep_compiled_templates(settings.cache_dir / "templates")
    corpus = analyse(settings.sources_dir, cache, settings.jobs, curation, pool)
    if settings.strict and corpus.warnings:
        raise BuildError("strict: warnings are failures; nothing was written:\n  "
                         + "\n  ".join(corpus.warnings))
    timings = dict(corpus.timings)
    last = LastBuild.load(settings)
    digests = record_digests(corpus.records)
    changes = changes_between(last.digests, digests) if last.digests is not None else None
    unchanged = {ref for ref, d in digests.items() if (last.digests or {}).get(ref) == d}
    shown = changes_to_show(settings.changes_file, changes)
    plan = plan_records(corpus.records, settings.records_dir, unchanged)  # refuses bad ids
    forget(settings)  # from here until remember(), records/ and docs/ are being changed
    task = _records_update(plan, pool)  # in a worker, while the pages render here
    updates: list[TreeUpdate] = []
    try:
        start = time.perf_counter()
        views = source_views(corpus.documents, corpus.records)
        pages = render_site(corpus.records, views, shown, last.pages, digests, pool)
        updates.append(update_tree(settings.docs_dir, pages.texts, pages.signatures,
                                   lambda rel: is_generated(rel.partition("/")[0]),
                                   last.docs_files))
        timings["pages"] = time.perf_counter() - start
        start = time.perf_counter()
        updates.append(task.result())
        timings["write"] = time.perf_counter() - start
        if site:  # MkDocs builds into a fresh folder, swapped in on success
            start = time.perf_counter()
            build_site(settings.root, settings.site_dir, strict=True, docs_dir=settings.docs_dir)
            timings["mkdocs"] = time.perf_counter() - start
    except BaseException:
        if len(updates) < 2 and (done := _settle(task)) is not None:
            updates.append(done)
        for update in reversed(updates):
            update.rollback()
        if last.digests is not None:
            remember(settings, last.digests, last.pages)
        raise
    for update in updates:
        update.commit()
    write_text_atomic(settings.changes_file, yaml.safe_dump({"changes": shown}, sort_keys=True))
    remember(settings, digests, pages.signatures)
    cache.save()
    shutil.rmtree(settings.cache_dir / "extract", ignore_errors=True)  # csto-kb 0.1's cache
    return BuildResult(corpus, changes, sum(p.endswith(".md") for p in pages.signatures), timings)
