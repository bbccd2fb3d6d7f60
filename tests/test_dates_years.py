"""The date grammar (csto_kb.extraction.dates): years, decades, relative dates, the order
of results, parsing, the seeds."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
import yaml

from csto_kb.extraction.dates import DateMatch, find_dates, parse_date_string
from test_dates import GOLD, SEEDS, spans, values

# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    "text, value, surface",
    [
        ("formed in 2010 and", "2010", "2010"),
        ("since 2003 the", "2003", "2003"),
        ("by 2025 the", "2025", "2025"),
        ("until 2030.", "2030", "2030"),
        ("In 2016, we stepped up", "2016", "2016"),
        ("taken back in 2007.", "2007", "2007"),
        ("at the end of 2021, a delegation", "2021", "the end of 2021"),
        ("the end of 2021", "2021", "the end of 2021"),
        ("the report of 2021 says", "2021", "2021"),
        ("the UNIFIL report (2021) says", "2021", "2021"),
        ("Security Strategy to 2025 -", "2025", "2025"),
        ("the year 2022 was", "2022", "2022"),
        ("the 2021 year was", "2021", "2021"),
        ("mid-2021 the", "2021", "mid-2021"),
        ("in early 2022 the", "2022", "early 2022"),
    ],
)
def test_year_with_a_cue(text, value, surface):
    assert spans(text) == [(surface, value, None, "year")]


def test_years_listed_after_one_cue():
    assert values("In 2016, 2018 and 2020 we met") == ["2016", "2018", "2020"]


@pytest.mark.parametrize(
    "text",
    [
        "The exercise Indestructible Brotherhood-2024 began.",
        "the Collective Security Strategy-2025 says",
        "in Brotherhood-2024",
        "about 2,000 people",
        "a population of close to 200 million people",
        "of 20245 units",
        "in 2000 troops",
        "from 1900 to 2000 people",
        "in 1990-2000 servicemen",
        "It was in May's speech",
        "a total of 2010 servicemen",
        "a total of 2010 was",
        "up to 2000 people",
        "2010 was a good year for none",
        "ready to protect their interests 24/7.",
        "we do not leave allies behind",
        "Pankin said this on Wednesday at the conference",
        "the 30th anniversary of the signing",
        "In accordance with Article 19 of the charter",
        "the IV meeting of the Coordination Council",
        "grew by 20% in a year",
        "cost $2010 in",
        "see https://example.com/news/2024/in-2024-the-csto",
        "call +7 495 2010 2020",
        "write to press2024@csto.org in",
    ],
)
def test_not_dates(text):
    assert find_dates(text, "2024-10-01") == []


# ------------------------------------------------------------------ decades, relative


@pytest.mark.parametrize(
    "text, value, surface",
    [
        ("since the mid-2000s, the CSTO", "2000s", "mid-2000s"),
        ("in the 2000s", "2000s", "2000s"),
        ("in the 1990s", "1990s", "1990s"),
    ],
)
def test_decades(text, value, surface):
    assert spans(text) == [(surface, value, None, "decade")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("this year the CSTO is celebrating", "2022"),
        ("Last year at the session", "2021"),
        ("next year we will", "2023"),
        ("the current year", "2022"),
    ],
)
def test_relative_years(text, value):
    assert spans(text, "2022-05-30")[0][1:] == (value, None, "year")


def test_relative_months():
    assert values("last month", "2022-01-15") == ["2021-12"]
    assert values("this month", "2022-01-15") == ["2022-01"]


def test_relative_needs_a_base_date():
    assert find_dates("this year and last year", None) == []
    assert find_dates("last March", "2022") == []  # no base month to compare with


# ------------------------------------------------------------------ overlaps, output


def test_longest_match_wins_and_results_are_sorted():
    found = find_dates("In May 2022 and on 25-26 September 2024 and in January of this year", "2022-05-30")
    assert [(d.text, d.value) for d in found] == [
        ("May 2022", "2022-05"),
        ("25-26 September 2024", "2024-09-25"),
        ("January of this year", "2022-01"),
    ]


def test_match_fields_are_verbatim_offsets():
    text = "Between talks, on September 26, 2024, the ministers met."
    (d,) = find_dates(text, None)
    assert isinstance(d, DateMatch)
    assert text[d.start : d.end] == d.text == "September 26, 2024"
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.value = "x"  # type: ignore[misc]


def test_output_is_deterministic():
    text = "In 2016, on June 27, this year, last year, in May 2022 and 01.10.2024."
    assert find_dates(text, "2019-06-28") == find_dates(text, "2019-06-28")


# ------------------------------------------------------------------ parse_date_string


@pytest.mark.parametrize(
    "text, value",
    [
        ("02.10.2024", "2024-10-02"),
        ("08 June 2022", "2022-06-08"),
        ("June 8, 2022", "2022-06-08"),
        ("2024-10-02", "2024-10-02"),
        ("September 2023", "2023-09"),
        ("2010", "2010"),
        ("2024-03", "2024-03"),
        ("  30.05.2022 ", "2022-05-30"),
        ("25-26 September 2024", "2024-09-25"),
    ],
)
def test_parse_date_string(text, value):
    assert parse_date_string(text) == value


@pytest.mark.parametrize(
    "text", ["", "hello", "June 8", "this year", "30.05.2022 extra", "Headline 30.05.2022", "2024-13", "24/7"]
)
def test_parse_date_string_rejects(text):
    assert parse_date_string(text) is None


# ------------------------------------------------------------------ the seeds


def _iso(v) -> str:
    return v.isoformat() if isinstance(v, datetime.date) else str(v)


def _seed_ids():
    if not GOLD.exists():
        return []
    return sorted(yaml.safe_load(GOLD.read_text(encoding="utf-8"))["documents"])


@pytest.mark.parametrize("doc_id", _seed_ids())
def test_seed_dates_match_gold(doc_id):
    """Sources + dates on a seed: every required date found, nothing outside the gold."""
    from csto_kb.extraction.sentences import split_sentences
    from csto_kb.sources import read_source

    path = SEEDS / f"{doc_id}.txt"
    if not path.exists():
        pytest.skip(f"{path} missing")
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["documents"][doc_id]["dates"]
    required = {_iso(v) for v in gold.get("required") or []}
    allowed = required | {_iso(v) for v in gold.get("optional") or []}
    doc = read_source(path)
    found: dict[str, list[str]] = {}
    for para in doc.paragraphs:
        if para.boilerplate:
            continue
        base = doc.segments[para.segment].date
        for start, end in split_sentences(doc.text, para.start, para.end):  # as extraction does
            for d in find_dates(doc.text[start:end], base):
                for v in (d.value, d.end_value):
                    if v:
                        found.setdefault(v, []).append(d.text)
    assert required - set(found) == set()
    spurious = {v: texts for v, texts in found.items() if v not in allowed}
    assert spurious == {}


def test_pankin_has_no_resolved_dates():
    from csto_kb.sources import read_source

    path = SEEDS / "pankin-valdai-conference.txt"
    if not path.exists():
        pytest.skip(f"{path} missing")
    doc = read_source(path)
    assert doc.date is None
    assert find_dates(doc.text, doc.date) == []
