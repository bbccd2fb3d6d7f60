"""Sources are regular files inside data/sources; ``csto-kb add`` takes documents only;
odd arguments are refused before anything is made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from csto_kb import pipeline
from csto_kb.config import Settings
from csto_kb.sources import read_sources
from csto_kb.sources.add import add_sources
from helpers import seed_project

ROOT = Path(__file__).resolve().parents[1]
SECRET = "root:x:0:0:secret line of a file outside the project"


def cli(*args, cwd=ROOT, **kw):
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET}\nThe CSTO met in Minsk.\n", encoding="utf-8")
    return secret


def test_links_pipes_and_folders_in_the_sources_are_skipped_with_a_warning(tmp_path, outside):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "news.txt").write_text("CSTO news\n\nThe CSTO met in Minsk.\n", encoding="utf-8")
    (sources / "passwd.txt").symlink_to(outside)
    (sources / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(sources / "pipe.txt")  # opening it to read would wait for ever
    (sources / "folder.md").mkdir()
    docs, warnings = read_sources(sources)
    assert [d.id for d in docs] == ["news"]
    rule = "not a regular file; sources must be plain files in data/sources/"
    assert warnings == [f"skipped folder.md: a directory, {rule}",
                        f"skipped passwd.txt: a symbolic link, {rule}",
                        f"skipped pipe.txt: a named pipe, {rule}",
                        f"skipped zero.txt: a symbolic link, {rule}"]


def test_a_linked_source_is_not_published(tmp_path, outside):
    root = seed_project(tmp_path / "p", 1)
    (root / "data" / "sources" / "passwd.txt").symlink_to(outside)
    result = pipeline.build(Settings(root=root), site=False)
    assert any(w.startswith("skipped passwd.txt: a symbolic link") for w in result.warnings)
    assert not (root / "docs" / "sources" / "passwd.md").exists()
    assert not any(SECRET in p.read_text(encoding="utf-8")
                   for tree in ("docs", "data/records") for p in (root / tree).rglob("*.*"))


def test_add_takes_documents_only(tmp_path, outside):
    sources = tmp_path / "data" / "sources"
    link = tmp_path / "link.txt"
    link.symlink_to(outside)
    folder = tmp_path / "folder"
    folder.mkdir()
    added, refused = add_sources([link, folder, Path("/dev/null"), tmp_path / "missing.txt"],
                                 sources)
    assert added == [] and list(sources.iterdir()) == []
    assert refused == [
        f"{link}: a symbolic link, not a regular file; add the file it points to, if that "
        "is the document",
        f"{folder}: a directory, not a regular file; add the documents in it "
        "(csto-kb add DIR/*.txt)",
        "/dev/null: a character device, not a regular file; only documents (.txt or .md "
        "files) can be added",
        f"{tmp_path / 'missing.txt'}: no such file",
    ]


def test_add_writes_each_copy_aside_and_renames_it(tmp_path, monkeypatch):
    """A build reading the sources meanwhile sees the whole document or none of it."""
    new = tmp_path / "new.txt"
    new.write_text("The CSTO met in Minsk.\n", encoding="utf-8")
    seen = []
    original = Path.replace
    monkeypatch.setattr(Path, "replace", lambda self, target: (
        seen.append((self.name, sorted(p.name for p in Path(target).parent.iterdir()))),
        original(self, target))[1])
    added, _ = add_sources([new], tmp_path / "sources")
    assert added == ["new.txt"]
    assert seen == [(f".new.txt.{os.getpid()}.csto-kb.tmp", [f".new.txt.{os.getpid()}.csto-kb.tmp"])]


def test_a_missing_root_is_refused_and_nothing_is_made(tmp_path):
    for command in (["build"], ["add", ROOT / "data" / "sources" / "lavrov-nato-dislikes-csto.txt"],
                    ["check"], ["serve", "--port", "0"]):
        result = cli(*command, "--root", tmp_path / "missing")
        assert result.returncode == 1, command
        assert result.stderr == (f"csto-kb: error: {tmp_path / 'missing'}: no such folder; give "
                                 "the project's folder (the one holding data/sources/) with "
                                 "--root DIR\n"), command
    assert list(tmp_path.iterdir()) == []


def test_a_project_without_sources_is_refused_and_nothing_is_made(tmp_path):
    result = cli("build", "--root", tmp_path)
    assert result.returncode == 1 and list(tmp_path.iterdir()) == []
    assert result.stderr == (f"csto-kb: error: {tmp_path / 'data' / 'sources'}: no such folder; "
                             "put the documents there (or add them with csto-kb add FILE...)\n")


def test_jobs_are_at_most_the_cores():
    from csto_kb.cli import _parser, _settings
    from csto_kb.config import default_jobs

    args = _parser().parse_args(["build", "--jobs", "150", "--root", str(ROOT)])
    assert _settings(args).jobs == default_jobs()
    bad = cli("build", "--jobs", "0")
    assert bad.returncode == 2 and "argument --jobs/-j: '0' is not a whole number of at least 1" \
        in bad.stderr
