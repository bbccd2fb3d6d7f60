"""Reading documents: csto_kb.sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto_kb.model import Document
from csto_kb.sources import MAX_SOURCE_BYTES, SourceError, read_source, reader, source_id

SEEDS = Path(__file__).parents[1] / "data/sources"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read(tmp_path: Path, content: str | bytes, name: str = "doc.txt") -> Document:
    return read_source(write(tmp_path, name, content))


def para_texts(doc: Document, boilerplate: bool | None = None) -> list[str]:
    return [
        doc.text[p.start : p.end]
        for p in doc.paragraphs
        if boilerplate is None or p.boilerplate == boilerplate
    ]


# ------------------------------------------------------------------ source_id


@pytest.mark.parametrize(
    "name, expected",
    [
        ("csto-news-and-zas-interview.txt", "csto-news-and-zas-interview"),
        ("lavrov-nato-dislikes-csto.txt", "lavrov-nato-dislikes-csto"),
        ("002-zas-interview.md", "002-zas-interview"),
        ("Zas Interview (2022).TXT", "zas-interview-2022"),
        ("A  B__C.txt", "a-b-c"),
        ("Café Überblick!.md", "cafe-uberblick"),
        ("Новости ОДКБ.txt", "novosti-odkb"),
        ("Щёлково-Йошкар.txt", "shchyolkovo-yoshkar"),
        ("Қазақстан.txt", "qazaqstan"),
        ("???.txt", "document"),
        ("中文.txt", "document"),
        ("--x--.txt", "x"),
    ],
)
def test_source_id(name, expected):
    assert source_id(name) == expected


def test_source_id_is_at_most_80_characters_and_trimmed():
    sid = source_id("word-" * 40 + ".txt")
    assert len(sid) <= 80
    assert not sid.endswith("-") and sid.startswith("word-")


def test_seed_names_map_to_themselves():
    names = [p.name for p in SEEDS.glob("*.txt")] if SEEDS.exists() else []
    for name in names:
        assert source_id(name) == Path(name).stem


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", "\ufeff\n".encode("utf-8")])
def test_empty_files_are_skipped(tmp_path, content):
    with pytest.raises(SourceError, match="empty"):
        read(tmp_path, content, "empty.txt")


def test_binary_file_with_nul_bytes(tmp_path):
    with pytest.raises(SourceError, match="binary") as err:
        read(tmp_path, b"PK\x03\x04\x00\x00some zip", "archive.txt")
    assert isinstance(err.value, ValueError)
    assert "archive.txt" in str(err.value) and "\n" not in str(err.value)


def test_binary_file_without_nul_bytes(tmp_path):
    data = bytes(range(1, 32)) * 50 + b"some text"
    with pytest.raises(SourceError, match="binary"):
        read(tmp_path, data, "noise.txt")


def test_too_large_file(tmp_path, monkeypatch):
    assert MAX_SOURCE_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(reader, "MAX_SOURCE_BYTES", 10)
    with pytest.raises(SourceError, match="too large") as err:
        read(tmp_path, "This text is longer than ten bytes.", "big.txt")
    assert err.value.path.name == "big.txt"


def test_front_matter_without_body_is_skipped(tmp_path):
    with pytest.raises(SourceError, match="no text"):
        read(tmp_path, "---\ntitle: Nothing\n---\n\n", "fm.md")


# ------------------------------------------------------------------ decoding


def test_utf8_with_bom(tmp_path):
    doc = read(tmp_path, "\ufeffHeadline\n\nBody text.")
    assert doc.text == "Headline\n\nBody text."
    assert doc.title == "Headline"
    assert doc.warnings == ()


def test_windows_1251(tmp_path):
    text = "Заявление ОДКБ\n\nСекретарь ОДКБ Станислав Зась заявил, что «всё в порядке».\n"
    doc = read(tmp_path, text.encode("windows-1251"), "ru.txt")
    assert doc.text == text
    assert doc.warnings == ("ru.txt: decoded as windows-1251",)


def test_latin1_last_resort(tmp_path):
    text = "Café résumé in Genève\n\nThe délégation arrived.\n"
    doc = read(tmp_path, text.encode("latin-1"), "fr.txt")
    assert doc.text == text
    assert doc.warnings == ("fr.txt: decoded as latin-1",)


def test_line_endings_and_nfc(tmp_path):
    doc = read(tmp_path, "One\r\nTwo\rThree cafe\u0301\n")
    assert doc.text == "One\nTwo\nThree caf\u00e9\n"
    assert para_texts(doc) == ["One", "Two", "Three caf\u00e9"]


def test_text_is_otherwise_verbatim(tmp_path):
    content = "  Headline  \n\n\u00a0\n  Quote: \u201cWe  will\u201d \u2013 he said.  \n"
    doc = read(tmp_path, content)
    assert doc.text == content
    assert para_texts(doc) == ["Headline", "Quote: \u201cWe  will\u201d \u2013 he said."]


# ------------------------------------------------------------------ front matter


def test_front_matter(tmp_path):
    content = (
        "---\ntitle: Zas on the CSTO\ndate: 2024-03-05\npublisher: TASS\n"
        "url: https://tass.com/x\ntags: [csto, nato]\n---\n\nFirst line.\nSecond line.\n"
    )
    doc = read(tmp_path, content, "fm.md")
    assert doc.title == "Zas on the CSTO"
    assert doc.date == "2024-03-05"
    assert doc.meta == {"publisher": "TASS", "tags": "csto, nato", "url": "https://tass.com/x"}
    assert list(doc.meta) == sorted(doc.meta)
    assert doc.text == "First line.\nSecond line."
    assert para_texts(doc) == ["First line.", "Second line."]
    assert [s.date for s in doc.segments] == ["2024-03-05"]
    assert doc.warnings == ()


@pytest.mark.parametrize(
    "date, expected",
    [("2024-03-05", "2024-03-05"), ("'2024-03'", "2024-03"), ("2024", "2024"),
     ("'5 March 2024'", "2024-03-05"), ("2024-03-05 10:30:00", "2024-03-05")],
)
def test_front_matter_date_forms(tmp_path, date, expected):
    doc = read(tmp_path, f"---\ndate: {date}\n---\nText.\n", "fm.md")
    assert doc.date == expected


def test_unreadable_front_matter_date_warns(tmp_path):
    doc = read(tmp_path, "---\ndate: sometime\n---\nText.\n", "fm.md")
    assert doc.date is None
    assert doc.warnings == ("fm.md: front matter date 'sometime' not understood; ignored",)


@pytest.mark.parametrize(
    "front",
    ["---\ntitle: [unclosed\n---\n", "---\n- a\n- b\n---\n", "---\ntitle: x: y: z\n---\n"],
)
def test_broken_front_matter_is_plain_text(tmp_path, front):
    content = front + "Body line.\n"
    doc = read(tmp_path, content, "broken.md")
    assert doc.text == content
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("broken.md: broken front matter")
    assert doc.meta == {}


def test_front_matter_title_wins_and_dateline_still_segments(tmp_path):
    doc = read(tmp_path, "---\ntitle: Given\ndate: 2024-01-01\n---\n02.10.2024\nItem one.\n")
    assert doc.title == "Given"
    assert doc.date == "2024-01-01"
    assert [s.date for s in doc.segments] == ["2024-10-02"]


# ------------------------------------------------------------------ title


def test_title_skips_a_dateline_and_strips_a_trailing_one(tmp_path):
    assert read(tmp_path, "02.10.2024\n\nIn Kazakhstan, a training began.\n").title == (
        "In Kazakhstan, a training began."
    )
    doc = read(tmp_path, "Stanislav Zas: we do not leave allies behind 30.05.2022\n\nText.\n")
    assert doc.title == "Stanislav Zas: we do not leave allies behind"


def test_long_title_is_cut_at_a_word(tmp_path):
    line = "The Collective Security Treaty Organization has established security contacts " * 3
    title = read(tmp_path, line + "\n").title
    assert len(title) <= 120 and title.endswith("…")
    assert line.startswith(title[:-1]) and line[len(title) - 1] == " "


def test_title_falls_back_to_the_id(tmp_path):
    assert read(tmp_path, "02.10.2024\n", "Only A Date.txt").title == "only-a-date"
