"""The benchmark's synthetic corpus generator (bench/corpus.py): deterministic, valid
sources, and more entities for more documents. No timing here: see bench/run.py."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project root holds bench/

from bench.corpus import generate_corpus, generate_document
from csto_kb import pipeline
from csto_kb.model import ref_of as record_ref
from csto_kb.sources import read_sources


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_same_seed_gives_the_same_bytes(tmp_path):
    generate_corpus(15, tmp_path / "a", seed=7)
    generate_corpus(15, tmp_path / "b", seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_gives_another_corpus():
    assert generate_document(3, seed=1) != generate_document(3, seed=2)


def test_a_corpus_is_a_prefix_of_a_larger_one(tmp_path):
    """So that adding one document to a corpus of n is writing document n."""
    generate_corpus(5, tmp_path / "small", seed=3)
    generate_corpus(8, tmp_path / "large", seed=3)
    small, large = _files(tmp_path / "small"), _files(tmp_path / "large")
    assert small.items() <= large.items()
    assert len(large) == 8


def test_documents_have_news_length_and_several_shapes():
    texts = [generate_document(i)[1] for i in range(60)]
    words = [len(t.split()) for t in texts]
    assert min(words) >= 250 and max(words) <= 700
    assert 400 <= sum(words) / len(words) <= 520
    joined = "\n".join(texts)
    for shape in ("Author: ", "\n- ", "---\ntitle:", "Ambassador-at-Large of the"):
        assert shape in joined, shape
    assert any(t.lstrip().split("\n")[0].count(".") == 2 for t in texts)  # "02.10.2024" feeds


def test_documents_are_valid_sources(tmp_path):
    paths = generate_corpus(25, tmp_path, seed=11)
    documents, warnings = read_sources(tmp_path)
    assert warnings == []
    assert len(documents) == len(paths) == 25
    assert len({d.id for d in documents}) == 25
    assert all(d.date for d in documents)  # every document is dated (dateline or front matter)


@pytest.fixture(scope="module")
def record_counts(tmp_path_factory):
    counts = {}
    for n in (20, 60):
        directory = tmp_path_factory.mktemp(f"corpus{n}")
        generate_corpus(n, directory)
        corpus = pipeline.analyse(directory)
        counts[n] = Counter(record_ref(r).split("/")[0] for r in corpus.records)
    return counts


def test_people_and_bodies_grow_with_the_corpus(record_counts):
    small, large = record_counts[20], record_counts[60]
    for kind in ("people", "bodies"):
        assert small[kind] >= 20, (kind, small)
        # three times the documents: at least twice the people, and clearly more bodies
        assert large[kind] >= (2 if kind == "people" else 1.5) * small[kind], (kind, small, large)


def test_every_kind_is_present(record_counts):
    assert all(record_counts[20][k] > 0 for k in ("people", "bodies", "forces", "operations", "dates"))
