"""Hostile sizes: a build of one multi-megabyte document, and the sentence splitter on
run-on text and many abbreviations (each was quadratic once). Their time targets lived
in the test suite before; tests now check only what these produce."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench.common import PROJECT

BUILD_TARGET_S = 90.0  # one 2.5 MB document, without MkDocs
SPLIT_TARGET_S = 5.0  # 500 KB of run-on text and 20,000 abbreviations


def huge_text() -> str:
    """About 2.5 MB: news lines, a run-on paragraph of 300 KB with no full stop and 50,000
    abbreviations that do not end a sentence (tests/test_hostile_input.py reads the same)."""
    seed = (PROJECT / "data" / "sources" / "lavrov-nato-dislikes-csto.txt").read_text(encoding="utf-8")
    run_on = ("Collective Security Treaty Organization Secretary General Stanislav Zas and "
              "Colonel General Anatoly Sidorov met ") * 2700
    abbreviations = "Gen. Smith and Col. Jones met U.S. officials in Minsk " * 2000
    return (seed + "\n") * 400 + run_on + "\n" + abbreviations + "\n"


def measure_huge(work: Path) -> dict:
    """Seconds of a build (no MkDocs) of one huge document, and of the sentence splitter."""
    from csto_kb import pipeline
    from csto_kb.config import Settings
    from csto_kb.extraction.sentences import split_sentences

    root = work / "huge"
    shutil.rmtree(root, ignore_errors=True)
    (root / "data" / "sources").mkdir(parents=True)
    text = huge_text()
    (root / "data" / "sources" / "dump.txt").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    pipeline.build(Settings(root=root), site=False)
    build = time.perf_counter() - start
    start = time.perf_counter()
    split_sentences("word " * 100_000)
    split_sentences("Gen. Smith and U.S. Jones met " * 20_000)
    split = time.perf_counter() - start
    shutil.rmtree(root, ignore_errors=True)
    return {"bytes": len(text.encode("utf-8")), "build_s": build, "split_s": split}


def targets(huge: dict) -> list[dict]:
    """PASS/FAIL of the two targets."""
    mb = huge["bytes"] / 1e6
    return [{"target": f"one {mb:.1f} MB document: build without MkDocs < {BUILD_TARGET_S:.0f} s",
             "value": f"{huge['build_s']:.1f} s", "pass": huge["build_s"] < BUILD_TARGET_S},
            {"target": "sentence splitting of 500 KB run-on text and 20,000 abbreviations "
                       f"< {SPLIT_TARGET_S:.0f} s",
             "value": f"{huge['split_s']:.2f} s", "pass": huge["split_s"] < SPLIT_TARGET_S}]
