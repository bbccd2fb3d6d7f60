"""Fault injection: ``csto-kb build`` killed (SIGKILL) or stopped (SIGTERM) at named points
of a first and of an incremental build (csto_kb/faults.py), then built again.

Each case checks that no process of the stopped build outlives it; that a stopped
(SIGTERM) build took its changes back (or, stopped once its new site was in place,
finished first); that the next build gives records, pages and site byte-identical to a
first build of the same sources and a What's new that tells the truth (what a build not
stopped would have told: a first build, or the records the added source brought), and
leaves nothing behind. A representative set runs
by default; ``pytest -m heavy tests/test_faults.py`` runs every point with both signals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from helpers import ROOT

BASE = ["vasilyev-csto-nato-interview.txt"]
ADDED = "lavrov-nato-dislikes-csto.txt"
POINTS = ["read", "analysed", "write:records@3", "write:docs@10", "pages", "site", "swapped",
          "commit", "committed"]
# The default run: each signal, each kind of build, the records' worker, the pages, the
# site aside and swapped, the commit cut in two.
DEFAULT = [("cold", "write:records@3", "KILL"), ("cold", "write:docs@10", "TERM"),
           ("incremental", "site", "TERM"), ("incremental", "commit", "KILL")]
ALL = [(kind, point, sig) for kind in ("cold", "incremental") for point in POINTS
       for sig in ("KILL", "TERM") if (kind, point, sig) not in DEFAULT]
# From the swap of the new site until the outputs are committed, SIGTERM waits: a build
# stopped there finishes first.
HELD = ("swapped", "commit", "committed")
LEFTOVER = (".undo-", ".site-build-", ".site-old-", ".csto-kb.tmp")
# The project's history (dated by SOURCE_DATE_EPOCH) and its permanent ids: as an uncut
# build of the same kind leaves them (ids registered by an earlier build stay).
HISTORY = ("data/history.yaml", "data/history-state.json", "data/ids.yaml")
WHATS_NEW = ("docs/whats-new.md", "site/whats-new.html", *HISTORY)


def new_project(root: Path, sources: list[str]) -> Path:
    (root / "data" / "sources").mkdir(parents=True)
    for name in sources:
        shutil.copy(ROOT / "data" / "sources" / name, root / "data" / "sources" / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "assets").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "extra.css", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    return root


DATE = "1700000000"  # SOURCE_DATE_EPOCH: the date in the sitemap, the same in every build


def stopped_build(root: Path, tag: str, fault: str) -> subprocess.CompletedProcess:
    """``csto-kb build`` stopped by ``fault``; its processes carry ``tag``."""
    env = {**os.environ, "CSTO_KB_TEST_TAG": tag, "SOURCE_DATE_EPOCH": DATE,
           "CSTO_KB_FAULT": fault}
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", "build", "--root", str(root),
                           "--jobs", "2"], env=env, capture_output=True, text=True, timeout=600)


def build(root: Path, site: bool = True) -> None:
    """A build run here (its processes are the test's)."""
    from csto_kb import pipeline
    from csto_kb.config import Settings

    pipeline.build(Settings(root=root, jobs=2), site=site)


def processes_tagged(tag: str) -> list[int]:
    """The processes whose environment holds ``tag``: those of one build."""
    found = []
    marker = f"CSTO_KB_TEST_TAG={tag}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    state = (entry / "stat").read_text().rsplit(") ", 1)[-1][:1]
                    if state != "Z":
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def without_whats_new(files: dict[str, bytes]) -> dict[str, bytes]:
    out = {rel: data for rel, data in files.items() if rel not in WHATS_NEW}
    manifest = "docs/.csto-kb-manifest"
    if manifest in out:
        out[manifest] = b"".join(line for line in out[manifest].splitlines(keepends=True)
                                 if not line.endswith(b"  whats-new.md\n"))
    index = "site/search/search_index.json"
    if index in out:
        data = json.loads(out[index])
        data["docs"] = [d for d in data["docs"] if not d["location"].startswith("whats-new")]
        out[index] = json.dumps(data, sort_keys=True).encode()
    return out


def whats_new(root: Path) -> dict[str, bytes]:
    """What's new: its page, its source, the history it shows and the ids."""
    return {rel: (root / rel).read_bytes() for rel in WHATS_NEW if (root / rel).exists()}


def outputs(root: Path) -> dict[str, bytes]:
    """Records, pages and site, byte for byte (What's new aside)."""
    files = {}
    for tree in ("data/records", "docs", "site"):
        for path in (root / tree).rglob("*"):
            if path.is_file():
                files[str(path.relative_to(root))] = path.read_bytes()
    for rel in HISTORY:
        if (root / rel).exists():
            files[rel] = (root / rel).read_bytes()
    return without_whats_new(files)


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if any(mark in p.name for mark in LEFTOVER))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """A first build of the base sources (the starting point of incremental cases), the
    outputs of a first build of all the sources (what every case must end with), and
    What's new after a first build and after an incremental build not stopped."""
    work = tmp_path_factory.mktemp("faults")
    base = new_project(work / "base", BASE)
    full = new_project(work / "full", [*BASE, ADDED])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DATE)
        for root in (base, full):
            build(root)
        incremental = work / "incremental"
        shutil.copytree(base, incremental, symlinks=True)
        shutil.copy(ROOT / "data" / "sources" / ADDED, incremental / "data" / "sources" / ADDED)
        build(incremental)
    return {"base": base, "expected": outputs(full),
            "whats_new": {"cold": whats_new(full), "incremental": whats_new(incremental)}}


def check_case(built: dict, tmp_path: Path, kind: str, point: str, sig: str,
               monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "cold":
        root = new_project(tmp_path / "p", [*BASE, ADDED])
    else:
        root = tmp_path / "p"
        shutil.copytree(built["base"], root, symlinks=True)
        shutil.copy(ROOT / "data" / "sources" / ADDED, root / "data" / "sources" / ADDED)
    before = outputs(root)
    tag = uuid.uuid4().hex
    stopped = stopped_build(root, tag, f"{point}:{sig}")
    signum = signal.SIGKILL if sig == "KILL" else signal.SIGTERM
    assert stopped.returncode in (-signum, 128 + signum), (stopped.returncode, stopped.stderr)
    for _ in range(100):  # a worker ends with the build (at once with SIGKILL: the kernel)
        if not processes_tagged(tag):
            break
        time.sleep(0.05)
    assert processes_tagged(tag) == [], "processes outlived the stopped build"
    if sig == "TERM":
        if point in HELD:  # ... or, once the new site is in place, finishes first
            assert outputs(root) == built["expected"]
        else:  # a stopped build takes its changes back ...
            assert outputs(root) == before
        assert leftovers(root) == []
        assert stopped.stderr.splitlines()[-1] == "csto-kb: stopped by SIGTERM"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DATE)
    # A first build stopped before MkDocs made no site: its records and pages are checked.
    early = kind == "cold" and POINTS.index(point) < POINTS.index("site")
    build(root, site=not early)
    expected = built["expected"]
    told = built["whats_new"][kind]
    if early:
        expected = {rel: data for rel, data in expected.items() if not rel.startswith("site/")}
        told = {rel: data for rel, data in told.items() if not rel.startswith("site/")}
    assert outputs(root) == expected
    assert whats_new(root) == told
    assert leftovers(root) == []
    assert processes_tagged(tag) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("kind, point, sig", DEFAULT)
def test_a_stopped_build_is_repaired_by_the_next(built, tmp_path, monkeypatch, kind, point, sig):
    check_case(built, tmp_path, kind, point, sig, monkeypatch)


@pytest.mark.heavy
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("kind, point, sig", ALL)
def test_a_build_stopped_anywhere_is_repaired_by_the_next(built, tmp_path, monkeypatch, kind, point,
                                                          sig):
    check_case(built, tmp_path, kind, point, sig, monkeypatch)
