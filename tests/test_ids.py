"""Permanent ids: a new document never changes a record's id; a retired id (merged by
curation or by resolution, retyped) redirects to the record that took it, in the browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csto_kb.config import Settings
from csto_kb.pipeline import analyse, build
from csto_kb.records.ids import IdsError, assign_ids, load_ids, redirects, save_ids
from csto_kb.resolution.curation import load_curation
from csto_kb.resolution.resolve import Entity
from helpers import site_project

FIRST = "Minsk talks\n\nBelarusian President Lukashenko met the CSTO Secretary General in Minsk on Monday.\n"
FULLER = ("Moscow summit\n\nPresident of Belarus Alexander Lukashenko arrived in Moscow for the "
          "CSTO summit. Alexander Lukashenko spoke first.\n")


def _entity(ident: str, name: str, aliases=(), mentions: int = 1, kind: str = "people") -> Entity:
    return Entity(kind, ident, name, list(aliases), [object()] * mentions)  # type: ignore[list-item]


def test_a_registered_id_stays_when_the_name_grows():
    registry = {"people/lukashenko": "Lukashenko"}
    entities = [_entity("alexander-lukashenko", "Alexander Lukashenko", ["Lukashenko"])]
    assert assign_ids(entities, registry) == {}
    assert entities[0].id == "lukashenko"


def test_two_ids_joined_by_resolution_keep_the_older_and_the_other_redirects():
    registry = {"people/zas": "Zas", "people/stanislav-zas": "Stanislav Zas"}
    entities = [_entity("stanislav-zas", "Stanislav Zas", ["Zas"])]
    assign_ids(entities, registry)
    assert entities[0].id == "zas"
    record = {"id": "zas", "type": "person", "name": "Stanislav Zas", "aliases": ["Zas"]}
    assert redirects(registry, [record]) == {"people/stanislav-zas": "people/zas"}


def test_a_new_record_never_takes_a_retired_id():
    registry = {"people/ivanov": "Ivanov"}
    entities = [_entity("ivanov", "Sergei Ivanov"), _entity("petrov", "Petrov")]
    added = assign_ids(entities, registry)
    assert [e.id for e in entities] == ["ivanov-2", "petrov"]
    assert added == {"people/ivanov-2": "Sergei Ivanov", "people/petrov": "Petrov"}


def test_two_entities_of_one_name_keep_their_own_ids():
    registry = {"people/zas": "Zas", "people/zas-2": "Zas"}
    entities = [_entity("zas", "Zas", mentions=3), _entity("zas-2", "Zas", mentions=1)]
    assign_ids(entities, registry)
    assert sorted(e.id for e in entities) == ["zas", "zas-2"]


def test_the_registry_only_grows_and_keeps_lines_edited_by_hand(tmp_path):
    path = tmp_path / "ids.yaml"
    save_ids(path, {"people/lukashenko": "Lukashenko"})
    path.write_text(path.read_text(encoding="utf-8").replace("people/lukashenko: Lukashenko",
                                                             "people/president: Lukashenko"),
                    encoding="utf-8")
    save_ids(path, {"bodies/csto": "CSTO"})
    assert load_ids(path) == {"people/president": "Lukashenko", "bodies/csto": "CSTO"}
    assert path.read_text(encoding="utf-8").startswith("# The permanent ids")


def test_a_retyped_record_redirects_and_a_renamed_one_keeps_its_id(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(FIRST, encoding="utf-8")
    registry: dict[str, str] = {}
    registry.update(analyse(sources, ids=registry).new_ids)
    assert {"people/lukashenko", "bodies/csto"} <= set(registry)
    curation = tmp_path / "curation.yaml"
    curation.write_text("retype:\n  people/lukashenko: bodies\n"
                        "rename:\n  bodies/csto: The Treaty Organization\n", encoding="utf-8")
    corpus = analyse(sources, curation=load_curation(curation), ids=registry)
    refs = {f"{r['type']}/{r['id']}" for r in corpus.records}
    assert "body/csto" in refs and "body/lukashenko" in refs and "person/lukashenko" not in refs
    assert corpus.new_ids == {}
    assert redirects(registry, corpus.records) == {"people/lukashenko": "bodies/lukashenko"}


@pytest.mark.parametrize("text, message", [("people/a: [1\n", r"ids.yaml:\d+: not valid YAML"),
                                           ("- a\n", "each line must be")])
def test_a_broken_registry_is_one_clear_error(tmp_path, text, message):
    (tmp_path / "ids.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(IdsError, match=message):
        load_ids(tmp_path / "ids.yaml")


def _project(root: Path) -> Path:
    site_project(root)
    shutil.rmtree(root / "data" / "sources")
    (root / "data" / "sources").mkdir()
    (root / "data" / "sources" / "a.txt").write_text(FIRST, encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_new_document_keeps_the_id_and_a_merge_redirects_in_the_browser(browser, tmp_path):
    from browser_support import serve, watched_page

    settings = Settings(root=_project(tmp_path), jobs=1)
    build(settings)
    people = settings.records_dir / "people"
    assert (people / "lukashenko.yaml").is_file()
    (settings.sources_dir / "b.txt").write_text(FULLER, encoding="utf-8")
    build(settings)
    assert (people / "lukashenko.yaml").is_file()  # not alexander-lukashenko
    assert "Alexander Lukashenko" in (tmp_path / "docs" / "people" / "lukashenko.md").read_text(
        encoding="utf-8")
    (settings.sources_dir / "c.txt").write_text(
        "Minsk meeting\n\nCSTO Secretary General Imangali Tasmagambetov met Viktor Khrenin in "
        "Minsk.\n", encoding="utf-8")
    build(settings)
    assert (people / "viktor-khrenin.yaml").is_file()
    settings.curation_file.write_text(
        "merge:\n  - [people/lukashenko, people/viktor-khrenin]\n", encoding="utf-8")
    build(settings)
    assert not (people / "viktor-khrenin.yaml").exists()
    old = tmp_path / "site" / "people" / "viktor-khrenin.html"
    assert old.is_file() and "lukashenko.html" in old.read_text(encoding="utf-8")
    with serve(tmp_path / "site") as url, watched_page(browser) as page:
        page.goto(url + "people/viktor-khrenin.html#mentioned-in")
        page.wait_for_url("**/people/lukashenko.html#mentioned-in", timeout=15_000)
        assert "Lukashenko" in page.locator("h1").first.inner_text()
    settings.curation_file.write_text("", encoding="utf-8")  # undone: the id is back, no redirect
    build(settings)
    assert (people / "viktor-khrenin.yaml").is_file()
    assert "Redirecting" not in old.read_text(encoding="utf-8")
