"""Outputs changed in place, file by file, and taken back on a failure."""

import shutil
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.fsutil import TreeUpdate, files_under, remove_stale_undo
from helpers import SEEDS, copy_project, seed_project


def snapshot(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in files_under(root)}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "out"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.md").write_text("one\n", encoding="utf-8")
    (root / "two.md").write_text("two\n", encoding="utf-8")
    (root / "keep.md").write_text("keep\n", encoding="utf-8")
    return root


def test_commit_keeps_the_changes_and_leaves_no_undo_folder(tree):
    update = TreeUpdate(tree, owned=files_under(tree))
    update.write("a/one.md", "ONE\n")
    update.write("b/c/new.md", "new\n")
    update.remove("two.md")
    update.commit()
    assert snapshot(tree) == {"a/one.md": b"ONE\n", "b/c/new.md": b"new\n", "keep.md": b"keep\n"}
    assert [p.name for p in tree.parent.iterdir()] == ["out"]


def test_the_stamp_of_a_written_file_is_its_stat_once_written(tree):
    update = TreeUpdate(tree, owned=files_under(tree))
    update.write("a/one.md", "ONE\n")
    update.commit()
    st = (tree / "a" / "one.md").stat()
    assert update.stamps["a/one.md"][:3] == (st.st_size, st.st_mtime_ns, st.st_ino) == (
        4, st.st_mtime_ns, st.st_ino)  # a stale stamp makes the next build read every file


def test_rollback_puts_every_file_back(tree):
    before = snapshot(tree)
    update = TreeUpdate(tree, owned=files_under(tree))
    update.write("a/one.md", "ONE\n")
    update.write("b/new.md", "new\n")
    update.remove("two.md")
    update.write("two.md", "written after removal\n")
    update.remove("a/one.md")
    update.rollback()
    assert snapshot(tree) == before
    assert [p.name for p in tree.parent.iterdir()] == ["out"]


def test_rollback_of_a_new_tree_leaves_nothing(tmp_path):
    update = TreeUpdate(tmp_path / "fresh")
    update.write("x/y.md", "y\n")
    update.rollback()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_the_callers_is_left_alone(tree):
    """Hand-written, or csto-kb's but not known as such: never replaced, never removed;
    one holding exactly what is to be written is taken as written."""
    update = TreeUpdate(tree, owned={"two.md"})
    update.write("a/one.md", "ONE\n")
    update.write("keep.md", "keep\n")
    update.write("two.md", "TWO\n")
    update.commit()
    assert snapshot(tree) == {"a/one.md": b"one\n", "keep.md": b"keep\n", "two.md": b"TWO\n"}
    assert update.in_the_way == ["a/one.md"]
    assert set(update.digests) == {"keep.md", "two.md"}


def test_stale_undo_folders_are_removed(tree):
    update = TreeUpdate(tree, owned=files_under(tree))
    update.write("a/one.md", "ONE\n")  # and then the process is killed: no commit
    assert len(list(tree.parent.iterdir())) == 2
    remove_stale_undo(tree)
    assert [p.name for p in tree.parent.iterdir()] == ["out"]


# --- the build ----------------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    return seed_project(tmp_path, 3)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """Three seed documents after a first build (records and pages), to be read only."""
    root = seed_project(tmp_path_factory.mktemp("first-build"), 3)
    pipeline.build(Settings(root=root), site=False)
    return root


@pytest.fixture
def built(first_build, tmp_path) -> Path:
    """A copy of the project after its first build."""
    return copy_project(first_build, tmp_path / "p")


def outputs(root: Path) -> dict[str, bytes]:
    return {f"{sub}/{k}": v for sub in ("data/records", "docs")
            for k, v in snapshot(root / sub).items()}


def same_as_fresh(root: Path) -> bool:
    """The records and pages of ``root`` are those of a first build of its sources
    (but for "What's new", which tells the changes since the last build)."""
    fresh = root.parent / "fresh"
    shutil.copytree(root / "data" / "sources", fresh / "data" / "sources")
    pipeline.build(Settings(root=fresh), site=False)
    mine, theirs = outputs(root), outputs(fresh)
    shutil.rmtree(fresh)
    for tree in (mine, theirs):  # What's new, and its line in the manifest of docs/
        tree.pop("docs/whats-new.md")
        tree["docs/.csto-kb-manifest"] = b"".join(
            line for line in tree["docs/.csto-kb-manifest"].splitlines(keepends=True)
            if not line.endswith(b"  whats-new.md\n"))
    return mine == theirs


def test_a_rebuild_writes_only_the_files_that_change(project):
    settings = Settings(root=project)
    pipeline.build(settings, site=False)
    inodes = {rel: (project / rel).stat().st_ino for rel in outputs(project)}
    pipeline.build(settings, site=False)
    rewritten = {rel for rel in outputs(project) if (project / rel).stat().st_ino != inodes[rel]}
    assert rewritten == set()  # nothing changed, nothing is written
    shutil.copy(SEEDS[3], project / "data" / "sources" / SEEDS[3].name)
    pipeline.build(settings, site=False)
    after = outputs(project)
    same = [rel for rel in inodes if rel in after and (project / rel).stat().st_ino == inodes[rel]]
    assert same and len(same) < len(inodes)  # some files were left, others rewritten
    assert same_as_fresh(project)


def _broken_records(*args, **kwargs):
    raise OSError("disk full")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_build_restores_files_and_the_last_build_state(built, monkeypatch, jobs):
    project, settings = built, Settings(root=built, jobs=jobs)
    before = outputs(project)
    state = {p.name: p.read_bytes() for p in (project / ".cache" / "csto-kb").glob("*.json")
             if p.name != "sources.json"}
    shutil.copy(SEEDS[3], project / "data" / "sources" / SEEDS[3].name)

    monkeypatch.setattr(pipeline, "apply_records", _broken_records)
    with pytest.raises(OSError, match="disk full"):
        pipeline.build(settings, site=False)
    assert outputs(project) == before
    assert {p.name: p.read_bytes() for p in (project / ".cache" / "csto-kb").glob("*.json")
            if p.name != "sources.json"} == state
    assert not [p for p in (*project.iterdir(), *(project / "data").iterdir())
                if p.name.startswith(".") and p.name != ".cache"]


def test_a_build_killed_halfway_is_repaired_by_the_next(built, monkeypatch):
    """Killed while records/ and docs/ were being changed: a mix of old and new files and
    the undo folders are left; the next build gives what a fresh build gives."""
    project, settings = built, Settings(root=built)
    shutil.copy(SEEDS[3], project / "data" / "sources" / SEEDS[3].name)

    class Killed(BaseException):
        pass

    written = []
    original = TreeUpdate.write

    def write_then_die(self, rel, text):
        if len(written) == 5:
            raise Killed
        written.append(rel)
        original(self, rel, text)

    monkeypatch.setattr(TreeUpdate, "write", write_then_die)
    # A killed process runs no clean-up: nothing is undone, the last state not restored.
    monkeypatch.setattr(TreeUpdate, "rollback", lambda self: None)
    monkeypatch.setattr(pipeline, "remember", lambda *args, **kwargs: None)
    with pytest.raises(Killed):
        pipeline.build(settings, site=False)
    monkeypatch.undo()
    def undo_folders():
        return [p for p in (*project.iterdir(), *(project / "data").iterdir())
                if p.name.startswith(".undo-")]

    assert undo_folders()
    (project / "data" / "sources" / SEEDS[3].name).unlink()  # and the user changes their mind
    pipeline.build(settings, site=False)
    assert same_as_fresh(project)
    assert not undo_folders()
