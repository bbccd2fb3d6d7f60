"""Building a project: determinism, incremental rebuilds, curation, failures."""

import shutil
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "sources").glob("*.txt"))


@pytest.fixture
def project(tmp_path):
    """A project with three of the seeds, the MkDocs config and the hand-written pages."""
    (tmp_path / "data" / "sources").mkdir(parents=True)
    for path in SEEDS[:3]:
        shutil.copy(path, tmp_path / "data" / "sources" / path.name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", tmp_path / "docs" / "about.md")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    out = {}
    for sub in ("data/records", "docs"):
        for path in sorted((root / sub).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(root))] = path.read_bytes()
    return out


def build(root, **kw):
    return pipeline.build(Settings(root=root, **kw), site=kw.pop("site", False))


def test_rebuild_without_change_is_byte_identical_and_uses_the_cache(project):
    build(project)
    before = snapshot(project)
    second = build(project)
    assert second.corpus.extracted == 0
    assert second.changes == {"new": [], "changed": [], "removed": []}
    assert snapshot(project) == before


def test_a_fresh_build_without_cache_gives_the_same_bytes(project):
    build(project)
    before = snapshot(project)
    shutil.rmtree(project / ".cache")
    build(project)
    assert snapshot(project) == before


def test_adding_changing_and_removing_a_source(project):
    build(project)
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


def test_an_invalid_curation_file_fails_and_leaves_the_last_good_output(project):
    build(project)
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
