"""Word tokens and where a document's own names occur (tokens.py)."""

import pytest

from csto_kb.extraction.tokens import spans_within, word_spans


@pytest.mark.parametrize("text, words, spans", [
    # whole words only: not inside a word or a hyphenated one
    ("Zas met Zasov and Zas-2024.", ["Zas"], [(0, 3)]),
    # of two at one place the longer, and none overlap
    ("Rubezh Rubezh-West", ["Rubezh", "Rubezh-West"], [(0, 6), (7, 18)]),
    ("Ivan Petrov", ["Ivan Petrov", "Petrov"], [(0, 11)]),
    ("Kanal Kanal", ["Kanal", ""], [(0, 5), (6, 11)]),
    ("nothing here", [], []),
])
def test_word_spans(text, words, spans):
    assert word_spans(text, words) == spans


def test_spans_within_a_sentence():
    spans = word_spans("Zas came. Zas left. Zas", ["Zas"])
    assert spans_within(spans, 10, 19) == [(10, 13)]
    assert spans_within(spans, 0, 2) == []  # a span cut by the end is not inside
