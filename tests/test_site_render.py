"""Pages rendered by the build's worker processes (csto_kb.site_render) give the site that
rendering them all in the build's own process gives, cold and incremental, and a chunk a
worker cannot render is rendered by the build itself."""

from __future__ import annotations

import shutil

import pytest

from csto_kb import search, site_render
from csto_kb.config import Settings
from csto_kb.pipeline import build
from csto_kb.site import SiteBuildError
from helpers import ROOT
from test_site_incremental import _cold_copy, _differences, _project

pytestmark = pytest.mark.slow
EXTRA = sorted((ROOT / "eval" / "dev").glob("*.txt"))


@pytest.fixture
def shared(monkeypatch):
    """Small chunks, so that the seed site is shared; the chunks the workers rendered."""
    monkeypatch.setattr(site_render, "CHUNK_BYTES", 4000)
    monkeypatch.setattr(site_render, "MIN_BYTES", 0)
    used = []  # the futures whose results took the place of rendering a page here
    apply = site_render.SharedRendering._apply

    def counted(self, page, future, config, files):
        used.append(future)
        future.page = page.file.src_uri
        return apply(self, page, future, config, files)

    monkeypatch.setattr(site_render.SharedRendering, "_apply", counted)
    return used


def test_pages_rendered_by_workers_make_the_site_one_process_makes(tmp_path, shared):
    project = _project(tmp_path / "inc", search.PAGEFIND)
    settings = Settings(root=project, jobs=2)
    build(settings)
    assert len(set(shared)) >= 2  # chunks of the cold build came from the workers
    assert all(future.exception() is None for future in shared)
    sources = project / "data" / "sources"
    for path in EXTRA[:2]:
        shutil.copy(path, sources / path.name)
    cold = len(shared)
    build(settings)
    assert len(shared) > cold  # and of the rebuild
    assert all(future.exception() is None for future in shared)
    alone = _cold_copy(project, tmp_path / "cold", search.PAGEFIND)  # jobs=1: no workers
    assert _differences(project / "site", alone / "site") == []


def test_a_chunk_no_worker_can_render_is_rendered_by_the_build(tmp_path, shared, monkeypatch):
    project = _project(tmp_path / "p", search.MATERIAL)
    monkeypatch.setattr(site_render.RenderSpec, "__reduce__",
                        lambda self: (_unpicklable, ()), raising=False)
    build(Settings(root=project, jobs=2))
    assert shared and shared[0].exception() is not None  # the workers were asked, and failed
    alone = _cold_copy(project, tmp_path / "cold", search.MATERIAL)
    assert _differences(project / "site", alone / "site") == []


def _unpicklable():
    raise RuntimeError("not here")


def test_what_rendering_in_a_worker_logs_fails_a_strict_build(tmp_path, shared, monkeypatch):
    monkeypatch.setattr(site_render, "CHUNK_BYTES", 1)  # a chunk a page: one of two is a worker's
    project = _project(tmp_path / "p", search.MATERIAL)
    for name in ("zz-one.md", "zz-two.md"):
        (project / "docs" / name).write_text(f"# {name}\n\n[gone](nobody-{name})\n", encoding="utf-8")
    with pytest.raises(SiteBuildError) as failed:
        build(Settings(root=project, jobs=2))
    assert {f.page for f in shared if f.exception() is None} & {"zz-one.md", "zz-two.md"}
    assert all(any(f"nobody-{name}" in w for w in failed.value.warnings)
               for name in ("zz-one.md", "zz-two.md"))
