"""What a build generated is known by content (csto_kb.manifest): damaged or edited
generated files are restored, files it did not write are never deleted or replaced."""

import shutil
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.fsutil import files_under
from helpers import SEEDS, seed_project

NAME = ".csto-kb-manifest"  # csto_kb.manifest.NAME (the tests also run on older code)


@pytest.fixture
def project(tmp_path):
    return seed_project(tmp_path / "p", 2)


def build(root, **kw):
    return pipeline.build(Settings(root=root, **kw), site=False)


def outputs(root: Path) -> dict[str, bytes]:
    return {f"{sub}/{rel}": (root / sub / rel).read_bytes()
            for sub in ("data/records", "docs") for rel in files_under(root / sub)}


def manifest_of(tree: Path) -> dict[str, str]:
    lines = (tree / NAME).read_text(encoding="utf-8").splitlines()
    return {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}


HAND_WRITTEN = {"docs/timeline-notes.md": "# My timeline notes\n",
                "docs/people/my-notes.md": "# Notes on people\n",
                "docs/sources/reading-list.md": "# To read\n",
                "docs/downloads/my-table.csv": "mine,yours\n",  # the downloads are built
                "docs/people/my-notes.json": "{}\n",  # beside the records' JSON
                "data/records/people/notes.yaml": "not: a record\n"}


def test_files_csto_kb_did_not_write_survive_every_build(project):
    build(project)
    for rel, text in HAND_WRITTEN.items():
        (project / rel).write_text(text, encoding="utf-8")
    build(project)
    (project / "data" / "sources" / SEEDS[0].name).unlink()  # pages and records go ...
    build(project)
    for rel, text in HAND_WRITTEN.items():  # ... these stay
        assert (project / rel).read_text(encoding="utf-8") == text
    assert not (project / "docs" / "sources" / f"{SEEDS[0].stem}.md").exists()


def test_the_manifest_lists_every_generated_file_with_its_digest(project):
    from csto_kb.fsutil import digest_bytes

    build(project)
    (project / "docs" / "notes.md").write_text("mine\n", encoding="utf-8")
    for tree in (project / "docs", project / "data" / "records"):
        listed = manifest_of(tree)
        assert listed and "notes.md" not in listed and "about.md" not in listed
        assert listed == {rel: digest_bytes((tree / rel).read_bytes()) for rel in listed}
        assert set(listed) == set(files_under(tree)) - {NAME, "notes.md", "about.md"}


def test_a_damaged_or_edited_generated_file_is_restored(project):
    build(project)
    before = outputs(project)
    page = next(p for p in (project / "docs" / "people").glob("*.md") if p.name != "index.md")
    page.write_text("", encoding="utf-8")  # emptied
    record = next((project / "data" / "records" / "bodies").glob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8").replace("name:", "name: Edited"),
                      encoding="utf-8")
    (project / "docs" / "index.md").unlink()
    result = build(project)
    assert result.changes == {"new": [], "changed": [], "removed": []}  # nothing new to tell
    assert outputs(project) == before


def test_a_file_in_the_way_of_a_generated_one_is_left_with_a_warning(project):
    build(project)
    mine = project / "docs" / "sources" / f"{SEEDS[2].stem}.md"
    mine.write_text("# My own page\n", encoding="utf-8")
    shutil.copy(SEEDS[2], project / "data" / "sources" / SEEDS[2].name)
    result = build(project)
    assert mine.read_text(encoding="utf-8") == "# My own page\n"
    assert f"docs/sources/{SEEDS[2].stem}.md: not written by csto-kb and in the way of a " \
           "generated file; left as it is (move it away to let csto-kb write there)" \
           in result.warnings
    assert f"sources/{SEEDS[2].stem}.md" not in manifest_of(project / "docs")
    with pytest.raises(pipeline.BuildError, match="in the way"):
        build(project, strict=True)
    mine.unlink()  # out of the way: the page is written
    assert not build(project).warnings and mine.read_text(encoding="utf-8").startswith("---")


def test_outputs_without_a_manifest_are_taken_over_when_they_are_what_a_build_writes(project):
    """A project built before manifests, or one whose manifests and cache were deleted:
    the generated files are known by their content, the others left alone."""
    build(project)
    before = outputs(project)
    (project / "docs" / "people" / "my-notes.md").write_text("mine\n", encoding="utf-8")
    for tree in ("docs", "data/records"):
        (project / tree / NAME).unlink()
    shutil.rmtree(project / ".cache")
    assert not build(project).warnings
    assert outputs(project) == {**before, "docs/people/my-notes.md": b"mine\n"}
