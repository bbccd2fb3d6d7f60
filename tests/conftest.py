"""Sites built once per test session and shared by the tests that only read them."""

from __future__ import annotations

from pathlib import Path

import pytest

import fixtures_pages as fx
from helpers import site_project

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


# The browser tests' fixtures (a module may define its own instead).

@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (browser_support.py) for the tests of a module."""
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


# Documents of the generated corpus (bench/corpus.py) that give a site just above
# Pagefind's threshold (2,000 pages; 130 documents give about 2,250).
CORPUS_DOCUMENTS = 130


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """A generated corpus built by the pipeline into a site above the Pagefind
    threshold of mkdocs.yml (unchanged): the project directory, to be read only."""
    import shutil
    import sys

    from csto_kb.config import Settings
    from csto_kb.pipeline import build

    sys.path.insert(0, str(ROOT))  # the project root holds bench/
    from bench.corpus import generate_corpus

    root = site_project(tmp_path_factory.mktemp("corpus-site"))
    shutil.rmtree(root / "data" / "sources")
    generate_corpus(CORPUS_DOCUMENTS, root / "data" / "sources")
    build(Settings(root=root))
    return root
