"""Building the site with MkDocs: strict mode, atomic replacement of the old site."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import fixtures_pages as fx
from csto_kb.pages import render_pages
from csto_kb.site import SiteBuildError, build_site
from helpers import copy_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path) -> Path:
    pages = render_pages(fx.records(), fx.sources(), fx.CHANGES)
    return fx.write_project(tmp_path / "proj", pages)


@pytest.fixture()
def built(fixture_site, tmp_path) -> Path:
    """The fixture project after a build of its site: a copy of conftest.py's."""
    return copy_project(fixture_site, tmp_path / "proj")


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


def test_mkdocs_yml_is_offline_and_lean():
    # mkdocs.yml uses no custom YAML tags, so the safe loader reads it.
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert cfg["site_name"] == "CSTO Knowledge Base"
    assert cfg["theme"]["name"] == "material" and cfg["theme"]["font"] is False
    features = set(cfg["theme"]["features"])
    assert {"navigation.tabs", "navigation.indexes", "search.suggest",
            "search.highlight"} <= features
    assert len(cfg["theme"]["palette"]) == 2
    nav_targets = [next(iter(item.values())) for item in cfg["nav"]]
    assert nav_targets == ["index.md", "people/index.md", "bodies/index.md", "forces/index.md",
                           "operations/index.md", "timeline.md", "sources/index.md",
                           "whats-new.md", "downloads/index.md", "about.md"]
    assert cfg["validation"]["nav"]["omitted_files"] == "ignore"
    assert cfg["validation"]["links"]["anchors"] == "warn"
    assert {"attr_list", "admonition", "tables"} <= {
        e if isinstance(e, str) else next(iter(e)) for e in cfg["markdown_extensions"]}


def test_strict_build_of_fixture_site(fixture_site):
    project, site = fixture_site, fixture_site / "site"  # built with strict=True (conftest.py)
    for page in ("index.html", "people/stanislav-zas.html", "sources/zas-interview.html",
                 "timeline.html", "whats-new.html", "about.html", "search/search_index.json",
                 "assets/extra.css"):
        assert (site / page).is_file(), page
    assert _leftovers(project) == []


def test_rebuild_replaces_the_site(built):
    project, site = built, built / "site"
    (site / "stale.txt").write_text("old", encoding="utf-8")
    build_site(project, site)
    assert not (site / "stale.txt").exists()
    assert (site / "index.html").is_file()
    assert _leftovers(project) == []


@pytest.mark.parametrize("broken", [
    "[gone](../people/nobody.md)",                    # a page that does not exist
    "[gone](../sources/zas-interview.md#p-99)",      # a paragraph that does not exist
])
def test_broken_page_fails_and_keeps_previous_site(built, broken):
    project, site = built, built / "site"
    marker = site / "marker.txt"
    marker.write_text("previous build", encoding="utf-8")
    before = (site / "index.html").read_bytes()
    (project / "docs" / "people" / "broken.md").write_text(f"# Broken\n\n{broken}\n",
                                                           encoding="utf-8")
    with pytest.raises(SiteBuildError) as info:
        build_site(project, site, strict=True)
    assert info.value.warnings and any("broken.md" in w for w in info.value.warnings)
    assert marker.read_text(encoding="utf-8") == "previous build"
    assert (site / "index.html").read_bytes() == before
    assert not (site / "people" / "broken.html").exists()
    assert _leftovers(project) == []


def test_non_strict_build_tolerates_warnings(project):
    (project / "docs" / "people" / "broken.md").write_text(
        "# Broken\n\n[gone](nobody.md)\n", encoding="utf-8")
    build_site(project, project / "site", strict=False)
    assert (project / "site" / "people" / "broken.html").is_file()


def test_missing_config_fails_cleanly(tmp_path):
    with pytest.raises(SiteBuildError):
        build_site(tmp_path, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_broken_config_fails_and_keeps_site(built):
    project, site = built, built / "site"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nunknown_option: 1\n",
                      encoding="utf-8")
    with pytest.raises(SiteBuildError):
        build_site(project, site, strict=True)
    assert (site / "index.html").is_file()
    assert _leftovers(project) == []
