"""The date grammar: csto_kb.extraction.dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto_kb.extraction.dates import find_dates

GOLD = Path(__file__).parents[2] / "shared/eval/gold-seeds.yaml"
SEEDS = Path(__file__).parents[1] / "data/sources"


def values(text: str, base: str | None = None, year_before: str | None = None) -> list[str]:
    return [d.value for d in find_dates(text, base, year_before)]


def spans(text: str, base: str | None = None) -> list[tuple[str, str, str | None, str]]:
    return [(d.text, d.value, d.end_value, d.precision) for d in find_dates(text, base)]


# ------------------------------------------------------------------ full dates


@pytest.mark.parametrize(
    "text, value, surface",
    [
        ("Published 02.10.2024 in Almaty", "2024-10-02", "02.10.2024"),
        ("08 June 2022", "2022-06-08", "08 June 2022"),
        ("It was signed on 8 June, 2022.", "2022-06-08", "8 June, 2022"),
        ("It was signed on June 8, 2022.", "2022-06-08", "June 8, 2022"),
        ("It was signed on June 8 2022 in Minsk.", "2022-06-08", "June 8 2022"),
        ("On September 30, 2024, in Almaty", "2024-09-30", "September 30, 2024"),
        ("as of Sept. 30, 2024 the figure", "2024-09-30", "Sept. 30, 2024"),
        ("on 30 Sep 2024 at noon", "2024-09-30", "30 Sep 2024"),
        ("the 6th of January 2022 was", "2022-01-06", "6th of January 2022"),
        ("dated 2024-10-02.", "2024-10-02", "2024-10-02"),
        ("JUNE 8, 2022", "2022-06-08", "JUNE 8, 2022"),
    ],
)
def test_day_precision(text, value, surface):
    assert spans(text) == [(surface, value, None, "day")]


def test_invalid_calendar_day_is_not_a_date():
    assert find_dates("on 31.02.2024 and on February 30, 2024", None) == []


def test_years_outside_1900_2099_are_not_dates():
    assert find_dates("in 1850 and on 01.01.2150 and in May 1812", None) == []


# ------------------------------------------------------------------ months, seasons


@pytest.mark.parametrize(
    "text, value, surface",
    [
        ("Elections were held in September 2023.", "2023-09", "September 2023"),
        ("the Moscow summit in May 2022 decided", "2022-05", "May 2022"),
        ("in May of 2022", "2022-05", "May of 2022"),
        ("by early March 2024", "2024-03", "early March 2024"),
    ],
)
def test_month_and_year(text, value, surface):
    assert spans(text) == [(surface, value, None, "month")]


def test_season_of_a_year_is_year_precision():
    assert spans("in the summer of 2023 the") == [("the summer of 2023", "2023", None, "year")]


# ------------------------------------------------------------------ no year: base date


@pytest.mark.parametrize(
    "text, value",
    [
        ("adopted on January 6.", "2022-01-06"),
        ("stayed until January 19.", "2022-01-19"),
        ("on June 6 the meeting", "2022-06-06"),
        ("June 27 in Bishkek", "2022-06-27"),
        ("on 6 January the council", "2022-01-06"),
        ("on Jan. 6 the council", "2022-01-06"),
    ],
)
def test_day_and_month_take_the_base_year(text, value):
    assert values(text, "2022-05-30") == [value]


@pytest.mark.parametrize("text", ["adopted on January 6.", "until January 19", "6 January", "in May,"])
def test_no_base_date_no_year_is_invented(text):
    assert find_dates(text, None) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("In May, I had a discussion", "2022-05"),
        ("a meeting in May with", "2022-05"),
        ("in February of this year with", "2022-02"),
        ("demonstrated in January of this year in", "2022-01"),
        ("in March of last year", "2021-03"),
        ("since March the", "2022-03"),
        ("until April the", "2022-04"),
        ("by June the", "2022-06"),
        ("riots took place in early January, accompanied", "2022-01"),
        ("early January", "2022-01"),
        ("in Moscow this October.", "2022-10"),
        ("at the end of May the", "2022-05"),
        ("in mid-April", "2022-04"),
    ],
)
def test_month_alone_after_a_cue(text, value):
    found = find_dates(text, "2022-05-30")
    assert [(d.value, d.precision) for d in found] == [(value, "month")]


def test_last_and_next_month_words():
    assert values("last March", "2019-06-28") == ["2019-03"]
    assert values("last October", "2019-06-28") == ["2018-10"]
    assert values("last June", "2019-06-28") == ["2018-06"]
    assert values("next March", "2019-06-28") == ["2020-03"]
    assert values("next October", "2019-06-28") == ["2019-10"]


@pytest.mark.parametrize(
    "text",
    [
        "May I ask you a question?",
        "May we hope for the best?",
        "They may meet in may.",
        "we march on; in march they",
        "the month of May",
        "Theresa May said",
    ],
)
def test_month_words_that_are_not_dates(text):
    assert find_dates(text, "2022-05-30") == []


# ------------------------------------------------------------------ ranges


@pytest.mark.parametrize(
    "text, base, expected",
    [
        ("from 1 to 5 March 2024", None, ("1 to 5 March 2024", "2024-03-01", "2024-03-05")),
        ("On 25-26 September 2024, the", None, ("25-26 September 2024", "2024-09-25", "2024-09-26")),
        ("on 25–26 September in Minsk", "2024-09-01", ("25–26 September", "2024-09-25", "2024-09-26")),
        ("from September 25 to 27, 2024", None, ("September 25 to 27, 2024", "2024-09-25", "2024-09-27")),
        ("1 March - 5 March 2024", None, ("1 March - 5 March 2024", "2024-03-01", "2024-03-05")),
        ("from 30 September to 2 October 2024", None, ("30 September to 2 October 2024", "2024-09-30", "2024-10-02")),
        ("between 1 and 5 March 2024", None, ("1 and 5 March 2024", "2024-03-01", "2024-03-05")),
        ("from 1 March 2024 to 5 March 2024", None, ("1 March 2024 to 5 March 2024", "2024-03-01", "2024-03-05")),
        ("from January 6 until January 19", "2022-02-09", ("January 6 until January 19", "2022-01-06", "2022-01-19")),
    ],
)
def test_day_ranges(text, base, expected):
    assert spans(text, base) == [(*expected, "day")]


def test_until_without_from_is_two_dates():
    assert spans("on January 6 until January 19", "2022-02-09") == [
        ("January 6", "2022-01-06", None, "day"),
        ("January 19", "2022-01-19", None, "day"),
    ]


def test_range_without_year_needs_a_base_date():
    assert find_dates("on 25-26 September in Minsk", None) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in 2018-2019 the", ("2018-2019", "2018", "2019")),
        ("in 2018–2019 the", ("2018–2019", "2018", "2019")),
        ("from 2018 to 2020 the", ("2018 to 2020", "2018", "2020")),
        ("between 2018 and 2020 the", ("2018 and 2020", "2018", "2020")),
    ],
)
def test_year_ranges(text, expected):
    assert spans(text) == [(*expected, "year")]


def test_month_range():
    assert spans("March-May 2024") == [("March-May 2024", "2024-03", "2024-05", "month")]


def test_backward_range_is_not_a_range():
    assert spans("in 2019-2018") == [("2019", "2019", None, "year")]


@pytest.mark.parametrize("text, found", [
    # a day with a relative year: the base's year moved ("of last year" in March 2025)
    ("announced at the Astana summit on November 28 of last year.",
     [("November 28 of last year", "2024-11-28", None, "day")]),
    ("It was signed on 28 November last year.",
     [("28 November last year", "2024-11-28", None, "day")]),
    ("The session opens on 4 May this year.", [("4 May this year", "2025-05-04", None, "day")]),
    # "between" opens a month as "in" does: a range of months, "and" its end
    ("carried out in three stages between April and October on the territory",
     [("April and October", "2025-04", "2025-10", "month")]),
])
def test_relative_years_and_month_spans(text, found):
    assert spans(text, "2025-03-03") == found


@pytest.mark.parametrize("text, found", [
    # a day of a month the sentence gave with its year takes that year
    ("Earlier, in September 2022, Yerevan asked for help after the clashes of September 13.",
     [("September 2022", "2022-09", None, "month"), ("September 13", "2022-09-13", None, "day")]),
    # a day of another month takes the item's year, as does a day after a bare year
    ("In September 2022 it asked; on 5 May the summit opened.",
     [("September 2022", "2022-09", None, "month"), ("5 May", "2025-05-05", None, "day")]),
    ("It closed the operation in 2020 and will hold the next on April 12.",
     [("2020", "2020", None, "year"), ("April 12", "2025-04-12", None, "day")]),
])
def test_a_day_takes_the_year_of_its_month_before_it(text, found):
    assert spans(text, "2025-03-03") == found


def test_a_day_of_the_month_a_sentence_before_gave_takes_its_year():
    # "In January 2022 Tokayev asked for help. Troops were deployed from Jan. 6."
    assert values("Troops were deployed from Jan. 6.", "2025-11-26", "2022-01") == ["2022-01-06"]
    # not when that month is the item's own: "On 15 September" in a report of 18 September
    assert values("On 15 September units trained.", "2025-09-18", "2022-09") == ["2025-09-15"]


@pytest.mark.parametrize("text, found", [
    ("Published 19-06-2025 in Bishkek", ["2025-06-19"]),
    ("Call 12-34-2025 or 1-2-2025", []),  # no month 34; a day and a month of two digits
])
def test_day_month_year_with_dashes(text, found):
    assert values(text) == found


@pytest.mark.parametrize("text, found", [
    ("The charges stem from the 2008 crackdown on protests.", ["2008"]),  # year_nouns
    ("The 1994 agreement still holds.", ["1994"]),
    ("The 2,000 troops left.", []),
])
def test_a_year_before_a_noun(text, found):
    assert values(text) == found


def test_the_month_a_sentence_gives_the_next_written_with_its_year_only():
    from csto_kb.extraction.dates import last_year

    # "... on the night of September 12-13, 2022 ... A delegation arrived on September 15"
    assert last_year(find_dates("on the night of September 12-13, 2022, forces struck", "2024-03-12")) == "2022-09"
    assert values("A delegation arrived in Armenia on September 15.", "2024-03-12", "2022-09") == ["2022-09-15"]
    # a relative year gives no month to the sentences after it
    assert last_year(find_dates("Zapad-2025 is scheduled for September next year.", "2024-09-24")) == "2025"
