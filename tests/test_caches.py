"""The build cache and the last build's state: reused when valid, ignored when not."""

import shutil
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.cache import BuildCache
from csto_kb.config import Settings
from csto_kb.sources import read_sources
from helpers import copy_project, seed_project

ROOT = Path(__file__).resolve().parents[1]


def build(root):
    return pipeline.build(Settings(root=root), site=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Two seed documents after a first build (records and pages), to be read only."""
    root = seed_project(tmp_path_factory.mktemp("caches"), 2)
    build(root)
    return root


@pytest.fixture
def project(built, tmp_path):
    """A copy of the project after its first build."""
    return copy_project(built, tmp_path / "p")


def outputs(root):
    return {str(p.relative_to(root)): p.read_bytes() for sub in ("data/records", "docs")
            for p in sorted((root / sub).rglob("*")) if p.is_file()}


def test_documents_come_from_the_cache_until_their_bytes_change(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", sources)
    cache = BuildCache(tmp_path / "cache.json")
    first, _ = read_sources(sources, cache)
    cache.save()
    again = BuildCache(tmp_path / "cache.json")
    parsed = []
    again.put_document = lambda name, digest, doc: parsed.append(name)
    second, _ = read_sources(sources, again)
    assert second == first and parsed == []
    path = sorted(sources.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    third, _ = read_sources(sources, again)
    assert parsed == [path.name] and third != first


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"version": "other"}',
                                     '{"version": null, "documents": 1, "mentions": 2}',
                                     "HEADER\nD\tno-tab-after-the-key", "HEADER\nX\t\"a\"\t[]",
                                     "HEADER\nD\tnot json\t[]"])
def test_a_broken_or_foreign_build_cache_is_ignored(project, content):
    before = outputs(project)
    path = project / ".cache" / "csto-kb" / "sources.json"
    header = path.read_text(encoding="utf-8").split("\n")[0]
    path.write_text(content.replace("HEADER", header), encoding="utf-8")
    result = build(project)
    assert result.corpus.extracted == 2 and outputs(project) == before


def test_broken_entries_are_read_again(project):
    path = project / ".cache" / "csto-kb" / "sources.json"
    header, *lines = path.read_text(encoding="utf-8").split("\n")
    broken = {"D": "[1, 2", "M": '[["too", "short"]]'}
    lines = [f"{kind}\t{key}\t{broken[kind]}" for kind, key, _ in (l.split("\t", 2) for l in lines)]
    assert sorted({line[0] for line in lines}) == ["D", "M"]
    path.write_text("\n".join([header, *lines]), encoding="utf-8")
    before = outputs(project)
    result = build(project)
    assert result.corpus.extracted == 2 and outputs(project) == before


@pytest.mark.parametrize("name", ["records.json", "pages.json"])
@pytest.mark.parametrize("content", ["", "{}", '{"format": 2, "records": [1], "pages": "x"}'])
def test_a_broken_last_build_state_costs_time_not_bytes(project, name, content):
    before = outputs(project)
    (project / ".cache" / "csto-kb" / name).write_text(content, encoding="utf-8")
    build(project)
    assert outputs(project) == before


def test_a_page_deleted_from_docs_is_written_again(project):
    before = outputs(project)
    victim = next(p for p in (project / "docs" / "people").glob("*.md"))
    victim.unlink()
    build(project)
    assert outputs(project) == before


def test_compiled_templates_are_kept_and_garbage_there_is_ignored(tmp_path):
    from csto_kb.pages.render import environment

    project = seed_project(tmp_path, 2)
    environment().cache.clear()  # compile them in this build
    build(project)
    before = outputs(project)
    kept = list((project / ".cache" / "csto-kb" / "templates").iterdir())
    assert kept
    for path in kept:
        path.write_bytes(b"garbage")
    environment().cache.clear()  # load them from the cache again
    build(project)
    assert outputs(project) == before

