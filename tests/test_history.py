""""What's new" is a dated history of builds, newest first, each with what it added, changed
and removed and why; it tells the truth after a failed or interrupted build."""

from __future__ import annotations

import shutil

import pytest
import yaml

from csto_kb import history, pipeline
from csto_kb.config import Settings
from helpers import ROOT, copy_project, seed_project

pytestmark = pytest.mark.slow
EXTRA = sorted((ROOT / "eval" / "dev").glob("*.txt"))


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Settings:
    """Three seed documents after a first build (records and pages), to be read only."""
    settings = Settings(root=seed_project(tmp_path_factory.mktemp("history"), 3), jobs=1)
    pipeline.build(settings, site=False)
    return settings


@pytest.fixture()
def settings(first_build, tmp_path) -> Settings:
    """A copy of the project after its first build."""
    return Settings(root=copy_project(first_build.root, tmp_path / "p"), jobs=1)


def _builds(settings: Settings) -> list[dict]:
    return yaml.safe_load(settings.history_file.read_text(encoding="utf-8"))["builds"]


def _whats_new(settings: Settings) -> str:
    return (settings.docs_dir / "whats-new.md").read_text(encoding="utf-8")


def test_each_build_is_dated_newest_first_with_its_reasons(settings):
    shutil.copy(EXTRA[0], settings.sources_dir)
    pipeline.build(settings, site=False)
    settings.curation_file.write_text("rename:\n  bodies/csto: The CSTO\n", encoding="utf-8")
    pipeline.build(settings, site=False)
    first = sorted(settings.sources_dir.iterdir())[0]
    first.unlink()
    pipeline.build(settings, site=False)
    builds = _builds(settings)
    assert [b["build"] for b in builds] == [4, 3, 2, 1] and builds[-1]["first"]
    assert builds[0]["sources"] == {"removed": [first.stem]} and builds[0]["removed"]["count"]
    assert builds[1].get("curation") and builds[1]["changed"]["listed"][0]["ref"] == "bodies/csto"
    assert builds[2]["sources"] == {"new": [EXTRA[0].stem]} and builds[2]["new"]["count"] > 3
    page = _whats_new(settings)
    dates = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(dates) == 4 and dates[-1].endswith(": the first build")
    assert "The curation file was edited." in page and f"Removed sources (1): {first.stem}" in page
    assert page.index("The curation file was edited.") < page.index("New sources (1)")


def test_an_unchanged_build_writes_no_history(settings):
    before = [p.stat().st_mtime_ns for p in (settings.history_file, settings.history_state_file)]
    pipeline.build(settings, site=False)
    after = [p.stat().st_mtime_ns for p in (settings.history_file, settings.history_state_file)]
    assert before == after and len(_builds(settings)) == 1


def test_a_failed_build_is_told_by_the_next_one(settings, monkeypatch):
    shutil.copy(EXTRA[0], settings.sources_dir)

    def broken(*args, **kwargs):
        raise RuntimeError("MkDocs failed")

    monkeypatch.setattr("csto_kb.site.build_site", broken)
    with pytest.raises(RuntimeError):
        pipeline.build(settings, site=True)  # records and pages were written, then taken back
    monkeypatch.undo()
    result = pipeline.build(settings, site=False)
    assert result.changes is not None and len(result.changes["new"]) > 3
    assert _builds(settings)[0]["new"]["count"] == len(result.changes["new"])


def test_an_entry_written_without_its_state_is_told_again(settings):
    shutil.copy(EXTRA[0], settings.sources_dir)
    state = settings.history_state_file.read_bytes()
    pipeline.build(settings, site=False)
    told = _builds(settings)[0]
    settings.history_state_file.write_bytes(state)  # killed between the two writes
    (settings.root / ".cache").rename(settings.root / ".cache-gone")  # and its caches lost
    pipeline.build(settings, site=False)
    builds = _builds(settings)
    assert [b["build"] for b in builds] == [2, 1]
    assert builds[0]["new"] == told["new"] and builds[0]["changed"] == told["changed"]


def test_history_and_page_are_bounded(settings, monkeypatch):
    monkeypatch.setattr(history, "KEEP", 3)
    monkeypatch.setattr(history, "LISTED", 2)
    for path in EXTRA[:4]:
        shutil.copy(path, settings.sources_dir)
        pipeline.build(settings, site=False)
    builds = _builds(settings)
    assert [b["build"] for b in builds] == [5, 4, 3]
    assert all(len(b["new"]["listed"]) <= 2 for b in builds)
    assert f"- and {builds[0]['new']['count'] - 2} more" in _whats_new(settings)
