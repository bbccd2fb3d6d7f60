"""Sites built once per test session and shared by the tests that only read them (a test
that changes one works on a copy: ``helpers.copy_project``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import fixtures_pages as fx
from helpers import set_pagefind_above, site_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The hand-made fixture pages (hostile text included) built by MkDocs: the project
    directory, to be read only."""
    from csto_kb.pages import render_pages
    from csto_kb.site import build_site

    root = fx.write_project(tmp_path_factory.mktemp("fixture-site"),
                            render_pages(fx.records(), fx.sources(), fx.CHANGES))
    build_site(root, root / "site", strict=True)
    return root


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The five seed documents built by the pipeline, site included: the project
    directory, to be read only."""
    from csto_kb.config import Settings
    from csto_kb.pipeline import build

    root = site_project(tmp_path_factory.mktemp("seed-site"))
    build(Settings(root=root))
    return root


@pytest.fixture(scope="session")
def seed_pagefind_site(tmp_path_factory) -> Path:
    """The five seed documents built by the pipeline with Pagefind forced on (threshold
    0): the project directory, to be read only (``helpers.copy_project`` to change it)."""
    from csto_kb.config import Settings
    from csto_kb.pipeline import build

    root = site_project(tmp_path_factory.mktemp("seed-pagefind-site"))
    set_pagefind_above(root, 0)
    build(Settings(root=root))
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
