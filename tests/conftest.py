"""Sites built once per test session and shared by the tests that only read them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import fixtures_pages as fx

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

    root = tmp_path_factory.mktemp("seed-site")
    shutil.copytree(ROOT / "data" / "sources", root / "data" / "sources")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets",
                    ignore=shutil.ignore_patterns("screenshot-*.png"))
    build(Settings(root=root))
    return root
