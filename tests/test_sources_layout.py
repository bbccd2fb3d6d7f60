"""Reading documents (csto_kb.sources): boilerplate, datelines, segments, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto_kb.sources import SourceError, read_source, read_sources
from test_sources import SEEDS, para_texts, read, write

# ------------------------------------------------------------------ boilerplate


def test_boilerplate_lines(tmp_path):
    content = "\n".join(
        [
            "Headline",
            "Author: Nikita Vyatchanin",
            "Stanislav Zas \u00a9 Photo by Sergey Rusanov",
            "Read also:",
            "\u2022 Lukashenko: military cooperation sobered up the West",
            "Read more in the Parlamentskaya Gazeta:\u00a0https://www.pnp.ru/politics/x-...",
            "https://example.com/news/1",
            "Photo: Creative Commons",
            "Based on materials from TASS",
            'GSV "Russia - Islamic World"',
            "Go back",
            "Back to the section",
            "Back to the all news",
            "Back to all news",
            "Share",
            "Print",
            "Interviewed by Milena Sineva",
        ]
    )
    doc = read(tmp_path, content)
    assert para_texts(doc, boilerplate=False) == [
        "Headline",
        "Author: Nikita Vyatchanin",
        "Stanislav Zas \u00a9 Photo by Sergey Rusanov",
        "\u2022 Lukashenko: military cooperation sobered up the West",
        'GSV "Russia - Islamic World"',
        "Interviewed by Milena Sineva",
    ]
    assert len(para_texts(doc, boilerplate=True)) == 11
    assert doc.text == content  # boilerplate stays in the text


def test_a_sentence_mentioning_sharing_is_not_boilerplate(tmp_path):
    doc = read(tmp_path, "Share of the budget grew.\nPrint media reported it.\n")
    assert not any(p.boilerplate for p in doc.paragraphs)


# ------------------------------------------------------------------ datelines, segments


NEWS_PAGE = """02.10.2024

Item one text.


01.10.2024

Item two text.

Zas: allies are not left behind

Zas: allies are not left behind 30.05.2022

Interview text.

Go back
"""


def test_multi_item_page_segments(tmp_path):
    doc = read(tmp_path, NEWS_PAGE)
    assert [s.date for s in doc.segments] == ["2024-10-02", "2024-10-01", "2022-05-30"]
    assert doc.date == "2024-10-02"
    assert doc.segments[0].start == 0 and doc.segments[-1].end == len(doc.text)
    for a, b in zip(doc.segments, doc.segments[1:]):
        assert a.end == b.start
    assert doc.text[doc.segments[1].start :].startswith("01.10.2024")
    assert doc.text[doc.segments[2].start :].startswith("Zas: allies are not left behind\n")
    by_text = {doc.text[p.start : p.end]: p.segment for p in doc.paragraphs}
    assert by_text["Item one text."] == 0
    assert by_text["Item two text."] == 1
    assert by_text["Zas: allies are not left behind"] == 2
    assert by_text["Interview text."] == 2
    assert by_text["Go back"] == 2


def test_headline_before_first_dateline_belongs_to_first_segment(tmp_path):
    doc = read(tmp_path, "Lavrov said that NATO dislikes the CSTO\n\n08 June 2022\n\nText.\n")
    assert [(s.start, s.date) for s in doc.segments] == [(0, "2022-06-08")]
    assert doc.title == "Lavrov said that NATO dislikes the CSTO"
    assert {p.segment for p in doc.paragraphs} == {0}


@pytest.mark.parametrize(
    "line, date",
    [
        ("02.10.2024", "2024-10-02"),
        ("08 June 2022", "2022-06-08"),
        ("June 8, 2022", "2022-06-08"),
        ("2024-10-02", "2024-10-02"),
        ("Wednesday, 08 June 2022", "2022-06-08"),
        ("02.10.2024 12:30", "2024-10-02"),
        ("Headline text 30.05.2022", "2022-05-30"),
    ],
)
def test_dateline_forms(tmp_path, line, date):
    doc = read(tmp_path, f"Intro.\n{line}\nBody.\n")
    assert [s.date for s in doc.segments] == [date]
    assert doc.date == date


@pytest.mark.parametrize(
    "line",
    [
        "The session will be held on 30.05.2022",
        "September 2023",
        "2010",
        "It happened on June 8, 2022, in Minsk.",
    ],
)
def test_not_datelines(tmp_path, line):
    doc = read(tmp_path, f"Intro.\n{line}\nBody.\n")
    assert [s.date for s in doc.segments] == [None]
    assert doc.date is None


def test_no_dateline_uses_front_matter_date(tmp_path):
    doc = read(tmp_path, "---\ndate: 2022-02-09\n---\nPankin said this on Wednesday.\n", "p.md")
    assert [(s.start, s.end, s.date) for s in doc.segments] == [(0, len(doc.text), "2022-02-09")]


# ------------------------------------------------------------------ read_sources


def test_read_sources(tmp_path):
    write(tmp_path, "b.txt", "Second\n")
    write(tmp_path, "a.md", "First\n")
    write(tmp_path, ".hidden.txt", "Hidden\n")
    write(tmp_path, "notes.rst", "Other suffix\n")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blob.txt", b"\x00\x01\x02")
    write(tmp_path, "ru.txt", "Заявление ОДКБ о сотрудничестве\n".encode("windows-1251"))
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.txt", "Nested\n")
    (tmp_path / "dir.txt").mkdir()
    docs, warnings = read_sources(tmp_path)
    assert [d.path for d in docs] == ["a.md", "b.txt", "ru.txt"]
    assert [d.id for d in docs] == ["a", "b", "ru"]
    assert warnings == [
        "skipped blob.txt: binary file (contains NUL bytes)",
        "skipped dir.txt: a directory, not a regular file; sources must be plain files in "
        "data/sources/",
        "skipped empty.txt: empty file",
        "ru.txt: decoded as windows-1251",
    ]


def test_read_sources_makes_ids_unique(tmp_path):
    for name in ["Zas.txt", "zas.md", "ZAS!.txt", "zas-2.txt"]:
        write(tmp_path, name, f"Text of {name}\n")
    docs, warnings = read_sources(tmp_path)
    assert [(d.path, d.id) for d in docs] == [
        ("ZAS!.txt", "zas"),
        ("Zas.txt", "zas-3"),
        ("zas-2.txt", "zas-2"),
        ("zas.md", "zas-4"),
    ]
    assert warnings == []
    assert read_sources(tmp_path)[0] == docs  # deterministic


def test_read_sources_on_a_missing_directory(tmp_path):
    with pytest.raises(SourceError, match="not a directory"):
        read_sources(tmp_path / "missing")


# ------------------------------------------------------------------ the seeds


def test_seeds_read_verbatim():
    if not SEEDS.exists():
        pytest.skip("no seeds")
    docs, warnings = read_sources(SEEDS)
    assert warnings == []
    assert len(docs) == 5
    for doc in docs:
        raw = (SEEDS / doc.path).read_text(encoding="utf-8")
        assert doc.id == Path(doc.path).stem
        assert doc.text == raw
        for p in doc.paragraphs:
            assert doc.text[p.start : p.end] == doc.text[p.start : p.end].strip() != ""


def test_seed_news_page_segments():
    path = SEEDS / "csto-news-and-zas-interview.txt"
    if not path.exists():
        pytest.skip("no seeds")
    doc = read_source(path)
    assert [s.date for s in doc.segments] == [
        "2024-10-02", "2024-10-01", "2024-10-01", "2024-09-27", "2024-09-26", "2022-05-30",
    ]
    interview = doc.segments[-1]
    assert doc.text[interview.start :].startswith("Stanislav Zas: In the Republic of Kazakhstan")
    boiler = para_texts(doc, boilerplate=True)
    assert boiler[:5] == ["02.10.2024", "01.10.2024", "01.10.2024", "27.09.2024", "26.09.2024"]
    assert boiler[5] == "Read also:" and boiler[-3:] == ["Go back", "Back to the section", "Back to the all news"]
    assert any(t.startswith("\u2022 Lukashenko") for t in para_texts(doc, boilerplate=False))


@pytest.mark.parametrize(
    "name, date, segments",
    [
        ("lavrov-nato-dislikes-csto.txt", "2022-06-08", 1),
        ("semerikov-tass-interview.txt", "2019-06-28", 1),
        ("pankin-valdai-conference.txt", None, 1),
        ("vasilyev-csto-nato-interview.txt", None, 1),
    ],
)
def test_seed_dates(name, date, segments):
    if not (SEEDS / name).exists():
        pytest.skip("no seeds")
    doc = read_source(SEEDS / name)
    assert doc.date == date
    assert len(doc.segments) == segments


@pytest.mark.parametrize("line, value", [
    ("Analysis | 2 July 2024", "2024-07-02"),
    ("MINSK, 23 November (BelTA) – The session opened.", "2023-11-23"),
    ("BISHKEK, 18 September 2025 – Servicemen of Tajikistan", "2025-09-18"),
])
def test_labelled_and_city_datelines(line, value):
    from csto_kb.sources.segments import parse_dateline

    assert parse_dateline(line, "2023-01-01").date == value
