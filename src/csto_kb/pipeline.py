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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from csto_kb import faults, interrupts, progress
from csto_kb.cache import BuildCache, document_key
from csto_kb.changes import describe, record_texts, text_digest
from csto_kb.config import Settings
from csto_kb.extraction.extract import extract_document
from csto_kb.fsutil import TreeUpdate
from csto_kb.history import BuildHistory
from csto_kb.last_build import LastBuild, forget, remember
from csto_kb.lock import project_lock
from csto_kb.model import Document, Mention, Record
from csto_kb.outputs import Outputs, remove_leftovers
from csto_kb.pages import render_site
from csto_kb.pages.render import keep_compiled_templates
from csto_kb.pages.views import source_views
from csto_kb.parallel import process_map, worker_pool
from csto_kb.records import build_records, with_office_holders, write_records
from csto_kb.records.check import check_records
from csto_kb.records.ids import assign_ids, load_ids, page_paths, redirects, save_ids
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
    new_ids: dict[str, str] = field(default_factory=dict)  # lines for the id registry


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely meanwhile (and not at all where a build
    pauses it: see :func:`_build`). A build allocates millions of small objects that live
    until its end (mentions, records, pages); with the default thresholds the collector
    walks them over and over, a quarter of a rebuild's time."""
    before, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(100_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        (gc.enable if enabled else gc.disable)()


class BuildError(RuntimeError):
    """A build that failed; the last good records, docs and site are left as they were."""


def check_project(settings: Settings) -> None:
    """Refuse, before anything is made, a root that is not a project with sources."""
    if not settings.root.is_dir():
        raise BuildError(f"{settings.root}: no such folder; give the project's folder "
                         "(the one holding data/sources/) with --root DIR")
    if not settings.sources_dir.is_dir():
        raise BuildError(f"{settings.sources_dir}: no such folder; put the documents there "
                         "(or add them with csto-kb add FILE...)")


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
    with progress.stage("extract", len(todo), "documents") as shown:
        results = process_map(partial(extract_document, names=names),
                              [documents[i] for i in todo], jobs, PARALLEL_MIN_DOCS, pool,
                              shown.advance)
    for i, mentions in zip(todo, results, strict=True):
        found[i] = mentions
        cache.put_mentions(keys[i], mentions)
    return [m for mentions in found if mentions for m in mentions], len(todo)


def analyse(sources_dir: Path, cache: BuildCache | None = None, jobs: int = 1,
            curation: Curation | None = None,
            pool: ProcessPoolExecutor | None = None,
            ids: dict[str, str] | None = None) -> Corpus:
    """Read, extract and resolve every document of ``sources_dir`` into records, with
    the curation (if any) applied (extraction in the processes of ``pool``, if any);
    ``ids``: the registry of permanent ids (:mod:`csto_kb.records.ids`), if any."""
    curation = curation or Curation.empty()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    documents, warnings = read_sources(Path(sources_dir), cache)
    timings["read"] = time.perf_counter() - start
    faults.point("read")
    start = time.perf_counter()
    mentions, extracted = extract_mentions(documents, cache, jobs, curation.recognised_names(),
                                           pool)
    timings["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    entities = resolve(mentions)
    new_ids = assign_ids(entities, ids) if ids is not None else {}
    records, curation_warnings = apply_curation(build_records(entities, documents), curation)
    records = with_office_holders(records)  # the curated posts
    timings["resolve"] = time.perf_counter() - start
    return Corpus(documents, entities, records, warnings + curation_warnings, timings, extracted,
                  new_ids)


def extract(sources_dir: Path, out_dir: Path, jobs: int = 1) -> Corpus:
    """``csto-kb extract``: the records of ``sources_dir`` written under ``out_dir``."""
    with rare_collections():
        corpus = analyse(sources_dir, jobs=jobs)
        corpus.warnings += write_records(corpus.records, Path(out_dir))
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
    (a first build) one renders half of them. One build at a time: it takes the
    project's lock (see lock.py) first.
    """
    check_project(settings)
    with project_lock(settings), rare_collections(), worker_pool(settings.jobs) as pool:
        return _build(settings, site, pool)


def _records_update(plan: RecordsPlan, pool: ProcessPoolExecutor | None) -> Future[TreeUpdate]:
    """Start carrying out ``plan`` (in a worker of ``pool``, or here and now when there
    is no pool or nothing to write: starting a worker costs more)."""
    if pool is not None and plan.writing:
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

    # No cyclic collection until the site: what the stages make is plain data, freed by
    # reference counting (a rebuild at N = 1,000 leaves 864 objects in cycles), and the
    # collector's walks over the young lists and dicts took 0.6-0.7 s of that rebuild.
    gc.disable()
    curation = load_curation(settings.curation_file)
    remove_leftovers(settings)
    cache = BuildCache(settings.cache_dir / "sources.json")
    keep_compiled_templates(settings.cache_dir / "templates")
    registry = load_ids(settings.ids_file)
    corpus = analyse(settings.sources_dir, cache, settings.jobs, curation, pool, registry)
    faults.point("analysed")
    if settings.strict and corpus.warnings:
        raise BuildError("strict: warnings are failures; nothing was written:\n  "
                         + "\n  ".join(corpus.warnings))
    timings = dict(corpus.timings)
    last = LastBuild.load(settings)
    out = Outputs(settings, last.pages)
    texts = record_texts(corpus.records)  # their digests, and the site's JSON Lines
    digests = {ref: text_digest(text) for ref, text in texts.items()}
    # What's new compares with the last build that succeeded (data/history-state.json)
    story = BuildHistory(settings.history_file, settings.history_state_file,
                         settings.curation_file, corpus.records, digests, corpus.documents)
    changes = story.changes
    unchanged = {ref for ref, d in digests.items() if (last.digests or {}).get(ref) == d
                 and f"{ref}.yaml" in out.records.intact}
    plan = plan_records(corpus.records, settings.records_dir, out.records.owned(), unchanged)
    forget(settings, last)  # from here until remember(), records/ and docs/ are being changed
    out.records.manifest.add_pending(rel for rel, _ in plan.writing)
    out.records.keep = plan.keep
    task = _records_update(plan, pool)  # in a worker, while the pages render here
    held = ExitStack()  # from the swap of the site to the commit, a signal waits: the
    try:  # new site is never left beside the old records and pages
        start = time.perf_counter()
        views = source_views(corpus.documents, corpus.records)
        pages = render_site(corpus.records, views, story.shown, out.kept_pages(last.pages),
                            digests, pool, texts)
        texts.clear()  # (the JSON of every record: not kept through MkDocs)
        out.update_docs(pages.texts, pages.signatures)
        faults.point("pages")
        timings["pages"] = time.perf_counter() - start
        start = time.perf_counter()
        out.records.update = task.result()
        timings["write"] = time.perf_counter() - start
        corpus.warnings += out.warnings()
        if settings.strict and out.warnings():
            raise BuildError("strict: warnings are failures; nothing was written:\n  "
                             + "\n  ".join(out.warnings()))
        gc.enable()  # (MkDocs and Pagefind's views make objects in cycles)
        if site:  # MkDocs builds into a fresh folder, swapped in on success
            start = time.perf_counter()
            moved = redirects({**registry, **corpus.new_ids}, corpus.records)
            build_site(settings.root, settings.site_dir, strict=True, docs_dir=settings.docs_dir,
                       cache_dir=settings.cache_dir, generated=out.generated_page,
                       redirects=page_paths(moved),
                       before_swap=lambda: held.enter_context(interrupts.critical()), pool=pool)
            timings["mkdocs"] = time.perf_counter() - start
    except BaseException:
        with interrupts.critical():
            if out.records.update is None:
                out.records.update = _settle(task)
            out.rollback()
            remember(settings, last.digests, last.pages)
        held.close()
        raise
    with interrupts.critical():  # a signal now waits until the outputs are committed
        out.commit()
        faults.point("committed")
        save_ids(settings.ids_file, corpus.new_ids)
        story.save()  # the history, then its state: the last build that succeeded
        remember(settings, digests, pages.signatures)
        cache.save()
    held.close()  # a signal held back since the swap stops the build now
    shutil.rmtree(settings.cache_dir / "extract", ignore_errors=True)  # csto-kb 0.1's cache
    return BuildResult(corpus, changes, sum(p.endswith(".md") for p in pages.signatures), timings)
