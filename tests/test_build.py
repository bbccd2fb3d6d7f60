"""Building a project: determinism, incremental rebuilds, curation, failures."""

import shutil
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.config import Settings
from helpers import copy_project, seed_project

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "sources").glob("*.txt"))


def new_project(root: Path) -> Path:
    """A project with three of the seeds, the MkDocs config and the hand-written pages."""
    seed_project(root, 3)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    return root


@pytest.fixture
def project(tmp_path):
    return new_project(tmp_path)


def snapshot(root: Path) -> dict[str, bytes]:
    out = {}
    for sub in ("data/records", "docs"):
        for path in sorted((root / sub).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(root))] = path.read_bytes()
    return out


def build(root, **kw):
    return pipeline.build(Settings(root=root, **kw), site=kw.pop("site", False))


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """The project after a first build (records and pages), to be read only."""
    root = new_project(tmp_path_factory.mktemp("built"))
    build(root)
    return root


@pytest.fixture
def built(first_build, tmp_path) -> Path:
    """A copy of the project after its first build."""
    return copy_project(first_build, tmp_path / "p")


def test_rebuild_without_change_is_byte_identical_and_uses_the_cache(project):
    build(project)
    before = snapshot(project)
    second = build(project)
    assert second.corpus.extracted == 0
    assert second.changes == {"new": [], "changed": [], "removed": []}
    assert snapshot(project) == before


def test_a_fresh_build_without_cache_gives_the_same_bytes(built):
    project = built
    before = snapshot(project)
    shutil.rmtree(project / ".cache")
    build(project)
    assert snapshot(project) == before


def test_adding_changing_and_removing_a_source(built):
    project = built
    sources = project / "data" / "sources"
    shutil.copy(SEEDS[3], sources / SEEDS[3].name)
    added = build(project)
    assert added.corpus.extracted == 1
    new_id = SEEDS[3].stem
    assert (project / "docs" / "sources" / f"{new_id}.md").exists()
    assert added.changes["new"]
    (sources / SEEDS[3].name).write_text("Defence Minister Oleg Tarasenko visited Minsk.\n",
                                         encoding="utf-8")
    changed = build(project)
    assert changed.corpus.extracted == 1
    assert (project / "data" / "records" / "people" / "oleg-tarasenko.yaml").exists()
    (sources / SEEDS[3].name).unlink()
    removed = build(project)
    assert "people/oleg-tarasenko" in removed.changes["removed"]
    assert not (project / "docs" / "sources" / f"{new_id}.md").exists()
    assert not (project / "data" / "records" / "people" / "oleg-tarasenko.yaml").exists()


def test_hand_written_pages_survive_a_build(project):
    (project / "docs" / "notes.md").write_text("# My notes\n", encoding="utf-8")
    build(project)
    assert (project / "docs" / "notes.md").read_text(encoding="utf-8") == "# My notes\n"


def test_curation_is_applied_and_kept_across_rebuilds(project):
    (project / "data" / "curation.yaml").write_text(
        "rename:\n  people/sergey-lavrov: Sergey Viktorovich Lavrov\n"
        "reject:\n  - bodies/tass\n", encoding="utf-8")
    for _ in range(2):
        build(project)
        people = project / "data" / "records" / "people"
        assert "name: Sergey Viktorovich Lavrov" in (people / "sergey-lavrov.yaml").read_text()
        assert not (project / "data" / "records" / "bodies" / "tass.yaml").exists()


def test_an_invalid_curation_file_fails_and_leaves_the_last_good_output(built):
    project = built
    before = snapshot(project)
    (project / "data" / "curation.yaml").write_text("merge:\n  - people/x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"curation.yaml:2"):
        build(project)
    assert snapshot(project) == before


def test_strict_turns_a_warning_into_a_failure(project):
    (project / "data" / "sources" / "empty.txt").write_text("", encoding="utf-8")
    assert any("empty.txt" in w for w in build(project).warnings)
    with pytest.raises(pipeline.BuildError, match="empty.txt"):
        build(project, strict=True)


def test_full_build_makes_the_site(project):
    result = pipeline.build(Settings(root=project))
    assert (project / "site" / "index.html").exists()
    assert result.timings["mkdocs"] > 0
