"""Search at archive scale: Material's trimmed index for small sites, Pagefind above
``extra.csto_kb.pagefind_above`` pages (see csto_kb.search).

The threshold is forced to 0 here to get a Pagefind site from a few pages (the fixture
pages, and the seed site of conftest.py); the browser tests then type aliases into
Pagefind's box in the header and expect the entity page first, with no error and no
request to another host.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import fixtures_pages as fx
from browser_support import ROOT, pagefind_search, serve, watched_page
from csto_kb import search
from csto_kb.pages import render_pages
from csto_kb.site import SiteBuildError, build_site
from helpers import copy_project, set_pagefind_above

# The sections of entity, date and source pages that repeat what other pages index.
LEFT_OUT_SECTIONS = {"mentioned-in", "on-the-timeline", "related", "entities", "entities-found"}

# alias typed into the search box -> (path prefix of the expected first result, H1 text)
SEARCHES = {
    "Naemnik": ("operations/mercenary", "Mercenary"),
    "CRRF": ("forces/", "Collective Rapid Reaction Forces"),
    "Vasilievich": ("people/stanislav-zas", "Stanislav Zas"),
}


def _fixture_project(root: Path, threshold=None) -> Path:
    fx.write_project(root, render_pages(fx.records(), fx.sources(), fx.CHANGES))
    if threshold is not None:
        set_pagefind_above(root, threshold)
    return root


# --- configuration ----------------------------------------------------------------------


def test_threshold_is_documented_in_mkdocs_yml():
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert cfg["extra"]["csto_kb"]["pagefind_above"] == search.DEFAULT_PAGEFIND_ABOVE == 2000
    assert "custom_dir" not in cfg["theme"]  # csto-kb adds its own: package data


def test_the_theme_overrides_are_package_data():
    from importlib import resources

    from csto_kb.site import THEME_DIR

    theme = resources.files("csto_kb") / "theme"
    assert (theme / "main.html").is_file() and (theme / "partials" / "pagefind.html").is_file()
    assert THEME_DIR.is_dir() and THEME_DIR.parent.name == "csto_kb"


@pytest.mark.parametrize("extra, expected", [
    (None, 2000), ({}, 2000), ({"csto_kb": {}}, 2000), ({"csto_kb": {"pagefind_above": 0}}, 0),
    ({"csto_kb": {"pagefind_above": 50_000}}, 50_000),
])
def test_pagefind_above(extra, expected):
    assert search.pagefind_above(extra) == expected


@pytest.mark.parametrize("value", [-1, "many", 2.5, True, None])
def test_bad_threshold_is_refused(value):
    with pytest.raises(ValueError):
        search.pagefind_above({"csto_kb": {"pagefind_above": value}})


def test_choose_engine():
    assert search.choose_engine(2000, 2000) == search.MATERIAL
    assert search.choose_engine(2001, 2000) == search.PAGEFIND
    assert search.choose_engine(1, 0) == search.PAGEFIND


def test_pagefind_binary_is_installed():
    exe = search.pagefind_executable()
    assert exe.is_file(), exe


def test_bad_threshold_fails_the_build(tmp_path):
    project = _fixture_project(tmp_path / "proj", threshold='"lots"')
    with pytest.raises(SiteBuildError, match="pagefind_above"):
        build_site(project, project / "site")
    assert not (project / "site").exists()


# --- below the threshold: Material's search, trimmed ------------------------------------


@pytest.fixture(scope="module")
def material_site(fixture_site) -> Path:
    """The fixture pages built with mkdocs.yml as it is (conftest.py)."""
    return fixture_site / "site"


def test_small_site_uses_material_search(material_site):
    assert (material_site / "search" / "search_index.json").is_file()
    assert not (material_site / "pagefind").exists()
    html = (material_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' in html and "csto-pagefind" not in html
    assert "pagefind-ui" not in html


def test_material_index_is_lean(material_site):
    index = json.loads((material_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert "people/stanislav-zas.html" in locations  # the entity page, by its summary
    zas = next(d for d in index["docs"] if d["location"] == "people/stanislav-zas.html")
    assert "Stanislav Vasilievich" in zas["text"]
    assert any(loc.startswith("sources/") and loc.endswith("#text") for loc in locations)
    sections = {loc.split("#", 1)[1].rstrip("_0123456789") for loc in locations if "#" in loc}
    assert not sections & LEFT_OUT_SECTIONS, sections
    assert not any(loc.startswith("timeline") for loc in locations)
    assert "Mentions:" not in zas["text"] and "see all" not in zas["text"]  # furniture
    assert not any("muted ones are page furniture" in d["text"] for d in index["docs"])
    # the markers are consumed by Material's plugin, not left in the pages
    for page in material_site.rglob("*.html"):
        assert search.MATERIAL_EXCLUDE not in page.read_text(encoding="utf-8"), page


def test_boilerplate_is_not_indexed(material_site):
    """The fixture source's page furniture ("Home | News | Contacts") is shown, not indexed."""
    html = (material_site / "sources" / "zas-interview.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="boilerplate" data-pagefind-ignore="all" id="p-0">Home', html)
    index = json.loads((material_site / "search" / "search_index.json").read_text("utf-8"))
    texts = [d["text"] for d in index["docs"] if d["location"].startswith("sources/zas-interview")]
    assert any("Stanislav Zas" in t for t in texts)
    assert not any("Contacts" in t for t in texts), texts


# --- above the threshold: Pagefind ------------------------------------------------------


@pytest.fixture(scope="module")
def pagefind_fixture_site(tmp_path_factory) -> Path:
    """The fixture pages built with the threshold at 0: the project, to be read only."""
    project = _fixture_project(tmp_path_factory.mktemp("pagefind-fixture") / "proj", threshold=0)
    build_site(project, project / "site", strict=True)
    return project


def test_large_site_uses_pagefind(pagefind_fixture_site):
    project = pagefind_fixture_site
    site = project / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    html = (site / "people" / "stanislav-zas.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in html
    header = html[html.index('<header class="md-header'):html.index("</header>")]
    inner = header[header.index("md-header__inner"):header.index("</nav>")]
    assert 'id="csto-pagefind"' in inner  # the box is in Material's header bar
    assert 'src="../pagefind/pagefind-ui.js"' in html  # relative: works in a subdirectory
    assert html.count("data-pagefind-body") == 1
    assert '<li data-pagefind-meta="aliases" data-pagefind-weight="10"><strong>Also known as:' in html
    assert re.search(r'<div data-pagefind-ignore="all">\s*<h2 data-search-exclude="true" id="mentioned-in"',
                     html)
    index = (site / "people" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in index  # search: exclude pages stay out
    assert "data-pagefind-body" not in (site / "timeline.html").read_text(encoding="utf-8")
    assert not list(project.glob(".site-*"))


def test_pagefind_failure_keeps_the_previous_site(pagefind_fixture_site, tmp_path, monkeypatch):
    project = copy_project(pagefind_fixture_site, tmp_path / "proj")
    site = project / "site"
    marker = site / "marker.txt"
    marker.write_text("previous build", encoding="utf-8")

    def broken(site_dir, output_dir=None):
        raise search.PagefindError("Pagefind failed (1)")

    monkeypatch.setattr(search, "run_pagefind", broken)
    with pytest.raises(SiteBuildError, match="Pagefind failed"):
        build_site(project, site)
    assert marker.read_text(encoding="utf-8") == "previous build"
    assert not list(project.glob(".site-*"))


# --- above the threshold, in the browser ------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("query", sorted(SEARCHES))
def test_pagefind_finds_entity_page_first(browser, seed_pagefind_site, query):
    prefix, heading = SEARCHES[query]
    with serve(seed_pagefind_site / "site") as base_url, watched_page(browser) as page:
        page.goto(base_url + "index.html")
        first = pagefind_search(page, query).first
        href = first.get_attribute("href")
        assert urlsplit(href).path.lstrip("/").startswith(prefix), (query, href)
        first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.lstrip("/").startswith(prefix), page.url
        assert heading in page.locator("article h1").first.inner_text()


@pytest.mark.browser
def test_pagefind_in_a_subdirectory_and_keyboard_shortcut(browser, seed_pagefind_site):
    """Served from /site/, a result still links into /site/; "s" focuses the box."""
    with serve(seed_pagefind_site) as base_url, watched_page(browser) as page:
        page.goto(base_url + "site/people/stanislav-zas.html")
        page.locator("#csto-pagefind input").wait_for(state="visible")
        page.keyboard.press("s")
        assert page.evaluate("document.activeElement.matches('#csto-pagefind input')")
        page.keyboard.type("CRRF", delay=20)
        first = page.locator("#csto-pagefind .pagefind-ui__result-link").first
        first.wait_for(state="visible")
        assert urlsplit(first.get_attribute("href")).path.startswith("/site/forces/")
        first.click()
        page.wait_for_load_state()
        assert "Collective Rapid Reaction Forces" in page.locator("article h1").first.inner_text()
