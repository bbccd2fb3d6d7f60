"""Sites built once per test session (once for all the workers of pytest-xdist) and
shared by the tests that only read them (a test that changes one works on a copy:
``helpers.copy_project``), and the order of the tests."""

from __future__ import annotations

import compileall
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

import fixtures_pages as fx
from helpers import set_pagefind_above, site_project

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config) -> None:
    """Compile csto_kb's modules once, before the workers start: the Python processes the
    tests start (the command, the build's worker processes: a hundred or so) then read them
    compiled. Where PYTHONDONTWRITEBYTECODE is set (as on this CI) each would otherwise
    compile all of csto_kb again, about 0.5 s of CPU apiece."""
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist)
        compileall.compile_dir(ROOT / "src" / "csto_kb", quiet=1)


# The modules that take longest (each builds sites of its own, or drives Chromium), longest
# first. Under pytest-xdist (``make test``: a module to a worker, handed out in collection
# order as workers become free) the long ones then start early and the short ones even out
# the end, instead of one worker finishing a long module while the other idles. Only the
# order depends on this list: a module missing from it runs later, nothing else changes.
LONGEST = ("test_site_incremental", "test_site_render", "test_browser", "test_engines",
           "test_search_scale", "test_pipeline", "test_faults", "test_incremental",
           "test_browser_facts", "test_browser_data", "test_commands", "test_hostile_input",
           "test_parallel", "test_properties", "test_serve")


def _order(item) -> tuple[int, int]:
    if "corpus_site" in getattr(item, "fixturenames", ()):
        return (0, 0)  # the longest task of the suite: the corpus site's build
    module = item.path.stem if hasattr(item, "path") else ""
    return (1, LONGEST.index(module)) if module in LONGEST else (2, 0)


def pytest_collection_modifyitems(items) -> None:
    """The tests of the corpus site first, then the modules of ``LONGEST``, then the rest in
    their usual order (a stable sort)."""
    items.sort(key=_order)


def _built_once(tmp_path_factory, name: str, build: Callable[[Path], object]) -> Path:
    """A folder ``name`` made by ``build`` once for the session. Under pytest-xdist, where
    each worker has its session, the first worker that needs it builds it in the folder
    the workers share, and the others wait for it (pytest-xdist's documented way)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        root = tmp_path_factory.mktemp(name)
        build(root)
        return root
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent
    root, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            root.mkdir()
            build(root)
            done.touch()
    return root


def _build_fixture_site(root: Path) -> None:
    from csto_kb.pages import render_pages
    from csto_kb.site import build_site

    fx.write_project(root, render_pages(fx.records(), fx.sources(), fx.CHANGES))
    build_site(root, root / "site", strict=True)


def _build_seed_site(root: Path, pagefind_above: int | None = None) -> None:
    from csto_kb.config import Settings
    from csto_kb.pipeline import build

    site_project(root)
    if pagefind_above is not None:
        set_pagefind_above(root, pagefind_above)
    build(Settings(root=root))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The hand-made fixture pages (hostile text included) built by MkDocs: the project
    directory, to be read only."""
    return _built_once(tmp_path_factory, "fixture-site", _build_fixture_site)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The five seed documents built by the pipeline, site included: the project
    directory, to be read only."""
    return _built_once(tmp_path_factory, "seed-site", _build_seed_site)


@pytest.fixture(scope="session")
def seed_pagefind_site(tmp_path_factory) -> Path:
    """The five seed documents built by the pipeline with Pagefind forced on (threshold
    0): the project directory, to be read only (``helpers.copy_project`` to change it)."""
    root = _built_once(tmp_path_factory, "seed-pagefind-site", partial(_build_seed_site, pagefind_above=0))
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
    return root


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory) -> dict:
    """The hostile project (tests/hostile_project.py) after one full build, site included:
    its root, the build's result and the files before the build; to be read only."""
    from csto_kb import pipeline
    from csto_kb.config import Settings
    from hostile_project import files_under, new_project, write_hostile_sources

    root = new_project(tmp_path_factory.mktemp("hostile"))
    write_hostile_sources(root / "data" / "sources")
    before = files_under(root)
    result = pipeline.build(Settings(root=root), site=True)
    return {"root": root, "result": result, "before": before}


@pytest.fixture(scope="session")
def hostile_documents(hostile_built) -> dict:
    """The documents of the hostile project, by id."""
    return {d.id: d for d in hostile_built["result"].corpus.documents}


@pytest.fixture(scope="session")
def hostile_html(hostile_built) -> str:
    """The HTML of the page of the document full of markup."""
    from hostile_project import HOSTILE_ID

    return (hostile_built["root"] / "site" / "sources" / f"{HOSTILE_ID}.html").read_text(encoding="utf-8")


# The browser tests' fixtures.

@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (browser_support.py) for every browser test: each test opens
    its pages in a context of its own (``page``, ``browser_support.watched_page``)."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser):
    """A new watched page (browser_support.watched_page)."""
    from browser_support import watched_page

    with watched_page(browser) as opened:
        yield opened


@pytest.fixture(scope="module")
def seed_url(seed_site):
    """The seed site served on 127.0.0.1: its base URL."""
    from browser_support import serve

    with serve(seed_site / "site") as url:
        yield url


# Documents of the generated corpus (bench/corpus.py) to start with: about 2,030 pages,
# just above Pagefind's threshold; more are added if the pages of these are too few.
CORPUS_DOCUMENTS = 114


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """A generated corpus of just enough documents for a site above the Pagefind
    threshold of mkdocs.yml (unchanged), built by the pipeline: the project directory, to
    be read only."""
    import shutil
    import sys

    import yaml

    from csto_kb import search
    from csto_kb.config import Settings
    from csto_kb.pipeline import build

    sys.path.insert(0, str(ROOT))  # the project root holds bench/
    from bench.corpus import generate_corpus

    root = site_project(tmp_path_factory.mktemp("corpus-site"))
    sources = root / "data" / "sources"
    shutil.rmtree(sources)
    threshold = search.pagefind_above(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["extra"])
    documents = generate_corpus(CORPUS_DOCUMENTS, sources)
    build(Settings(root=root), site=False)  # the pages, to be counted before MkDocs runs
    while search.count_pages(root / "docs") <= threshold:
        documents += generate_corpus(2, sources, start=len(documents))
        build(Settings(root=root), site=False)
    build(Settings(root=root))
    return root
