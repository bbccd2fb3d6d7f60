"""An incremental site build (MkDocs renders only the pages that changed) leaves the site a
full build of the same inputs gives, byte for byte (Pagefind's bundle: what it holds, as
Pagefind writes its filters in any order), with either search engine; the
Pagefind views index like the pages; a failed incremental build leaves the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from csto_kb import search
from csto_kb.config import Settings
from csto_kb.fsutil import files_under
from csto_kb.pipeline import build
from csto_kb.site import SiteBuildError, build_site
from helpers import ROOT, copy_project, set_pagefind_above, site_project
from pagefind_bundle import files_of, pagefind_bundle

pytestmark = pytest.mark.slow
EXTRA = sorted((ROOT / "eval" / "dev").glob("*.txt"))


def _project(root: Path, engine: str) -> Path:
    site_project(root)
    if engine == search.PAGEFIND:
        set_pagefind_above(root, 0)
    return root


def _built(request, engine: str, root: Path) -> Path:
    """At ``root``, the seed project after a first build with ``engine``: a copy of the
    seed site of conftest.py."""
    shared = request.getfixturevalue("seed_pagefind_site" if engine == search.PAGEFIND else "seed_site")
    return copy_project(shared, root)


def _differences(a: Path, b: Path, bundle: str = "pagefind/") -> list[str]:
    """The files that differ between the trees ``a`` and ``b``; Pagefind's bundle (the
    files under ``bundle``) is compared by what it holds (tests/pagefind_bundle.py)."""
    left, right = files_of(a), files_of(b)
    if {rel for rel in left if not rel.startswith(bundle)} != \
            {rel for rel in right if not rel.startswith(bundle)}:
        return sorted(set(left) ^ set(right))
    differ = [rel for rel in left if not rel.startswith(bundle) and left[rel] != right[rel]]
    if pagefind_bundle(left, bundle) != pagefind_bundle(right, bundle):
        differ.append(f"{bundle}*")
    return differ


def _cold_copy(project: Path, root: Path, engine: str) -> Path:
    """A new project with the inputs of ``project``, built once from nothing."""
    other = _project(root, engine)
    shutil.rmtree(other / "data")
    shutil.copytree(project / "data" / "sources", other / "data" / "sources")
    for name in ("about.md", "notes.md"):
        if (project / "docs" / name).exists():
            shutil.copy2(project / "docs" / name, other / "docs" / name)
    shutil.copytree(project / "docs" / "assets", other / "docs" / "assets", dirs_exist_ok=True)
    for name in ("ids.yaml", "history.yaml", "history-state.json", "curation.yaml"):
        if (project / "data" / name).exists():
            shutil.copy2(project / "data" / name, other / "data" / name)
    build(Settings(root=other, jobs=1))
    return other


@pytest.mark.parametrize("engine", [search.MATERIAL, search.PAGEFIND])
def test_an_incremental_site_is_the_full_build_of_its_inputs(request, tmp_path, engine):
    project = _built(request, engine, tmp_path / "inc")
    settings = Settings(root=project, jobs=1)
    sources = project / "data" / "sources"
    for path in EXTRA[:2]:  # two documents more
        shutil.copy(path, sources / path.name)
    build(settings)
    sorted(sources.iterdir())[0].unlink()  # one fewer, a hand-written page edited and added
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    (project / "docs" / "notes.md").write_text("# Notes\n\n[About](about.md)\n", encoding="utf-8")
    css = project / "docs" / "assets" / "extra.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    (project / "site" / "people" / "stanislav-zas.html").write_text("damaged", encoding="utf-8")
    build(settings)
    cold = _cold_copy(project, tmp_path / "cold", engine)
    assert _differences(project / "site", cold / "site") == []
    assert not list(project.glob(".site-*")) and not list(project.glob(".undo-*"))


def test_an_incremental_build_renders_only_what_changed(request, tmp_path):
    project = _built(request, search.MATERIAL, tmp_path / "p")
    settings = Settings(root=project, jobs=1)
    docs, site = project / "docs", project / "site"
    generated = lambda uri: uri != "about.md"
    again = build_site(project, site, docs_dir=docs, cache_dir=settings.cache_dir,
                       generated=generated)
    in_nav = len(yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    assert again.incremental and again.rendered == in_nav  # the pages of the navigation
    page = docs / "people" / "stanislav-zas.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    again = build_site(project, site, docs_dir=docs, cache_dir=settings.cache_dir,
                       generated=generated)
    assert again.rendered == in_nav + 1 and again.pages > 90
    assert "A new line." in (site / "people" / "stanislav-zas.html").read_text(encoding="utf-8")


def test_a_failed_incremental_build_leaves_the_site_and_its_state(request, tmp_path):
    project = _built(request, search.PAGEFIND, tmp_path / "p")
    settings = Settings(root=project, jobs=1)
    site = project / "site"
    before = {rel: (site / rel).read_bytes() for rel in files_under(site)}
    page = project / "docs" / "people" / "stanislav-zas.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](nobody.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError):
        build_site(project, site, docs_dir=project / "docs", cache_dir=settings.cache_dir,
                   generated=lambda uri: True)
    assert {rel: (site / rel).read_bytes() for rel in files_under(site)} == before
    assert (settings.cache_dir / "site.json").is_file()
    assert not list(project.glob(".site-*")) and not list(project.glob(".undo-*"))


def test_pagefind_indexes_the_views_as_it_indexes_the_pages(seed_pagefind_site, tmp_path):
    site, views = seed_pagefind_site / "site", tmp_path / "views"
    pages = [rel for rel in files_under(site) if rel.endswith(".html")
             and not rel.startswith("pagefind/")]
    kept_whole = 0
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        view = search.pagefind_view(html)
        kept_whole += view == html
        (views / rel).parent.mkdir(parents=True, exist_ok=True)
        (views / rel).write_text(view, encoding="utf-8")
    assert kept_whole < len(pages) / 5  # most pages lose Material's chrome
    search.run_pagefind(site, tmp_path / "from-pages")
    search.run_pagefind(views, tmp_path / "from-views")
    assert _differences(tmp_path / "from-pages", tmp_path / "from-views", bundle="") == []
    assert _differences(tmp_path / "from-pages", site / "pagefind", bundle="") == []


def test_a_view_keeps_a_page_whose_pagefind_markup_is_outside_its_body():
    page = ('<html lang="en"><head><title>t</title></head><body><nav data-pagefind-filter="x">'
            '</nav><div data-pagefind-body><p>text</p></div></body></html>')
    assert search.pagefind_view(page) == page
    plain = page.replace(' data-pagefind-filter="x"', "")
    assert search.pagefind_view(plain) == ('<html lang="en"><head><title>t</title></head><body>'
                                           '<div data-pagefind-body><p>text</p></div></body></html>\n')


def test_pagefind_runs_again_only_when_the_search_content_changed(request, tmp_path, monkeypatch):
    project = _built(request, search.PAGEFIND, tmp_path / "p")
    settings = Settings(root=project, jobs=1)
    bundle = project / "site" / "pagefind"
    before = files_of(bundle)
    runs = []
    real = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda *a, **k: runs.append(a) or real(*a, **k))
    again = lambda: build_site(project, project / "site", docs_dir=project / "docs",
                               cache_dir=settings.cache_dir, generated=lambda uri: uri != "about.md")
    again()  # the pages of the navigation are rendered again, as they were
    assert runs == [] and files_of(bundle) == before
    (bundle / "pagefind-entry.json").write_text("damaged", encoding="utf-8")
    again()  # a bundle that is not the one Pagefind wrote is made again
    assert len(runs) == 1 and pagefind_bundle(files_of(bundle), "") == pagefind_bundle(before, "")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA searchable line.\n", encoding="utf-8")
    again()
    assert len(runs) == 2 and pagefind_bundle(files_of(bundle), "") != pagefind_bundle(before, "")
