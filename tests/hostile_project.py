"""The hostile project of the bad-input tests: every kind of bad source at once (empty,
binary, too large, Windows-1251, broken front matter, names with spaces, Cyrillic and
markup, colliding ids) and one document full of markup, Markdown and Jinja copied from
web pages; built once per session (conftest.py: ``hostile_built``)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from csto_kb.invisible import drop_invisible
from csto_kb.sources import MAX_SOURCE_BYTES

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "lavrov-nato-dislikes-csto.txt"
SITE_NAME = "CSTO Knowledge Base"

HOSTILE_TITLE = "<script>alert('title')</script> CSTO {{ config.site_name }} **bold** {% raw %}"
HOSTILE_FRONT = f"""---
title: "{HOSTILE_TITLE}"
date: 2023-05-04
publisher: "<img src=x onerror=alert('publisher')>"
url: "javascript:alert('url')"
---
"""
# Each line is one paragraph of the source page; each must show as exactly this text.
HOSTILE_LINES = [
    "CSTO Secretary General Imangali Tasmagambetov said on 12 March 2024 that "
    "<script>alert('body')</script> the <b onmouseover=\"alert('b')\">Collective Rapid "
    "Reaction Forces</b> are ready.",
    "Read [click me](javascript:alert('md')) and <a href=\"javascript:alert('a')\">this</a> "
    "and ![img](http://evil.example/x.png) or <http://evil.example/> or <JAVASCRIPT:alert(1)>.",
    "The Jinja {{ config.site_name }} and {% raw %} and {# comment #} and {%- if x -%} stay text.",
    "# Not a heading, *not emphasis*, **not bold**, `not code`, | table | cell |",
    "<img src=x onerror=\"alert('img')\"> Defence Minister Ivan Petrov met Colonel General "
    "Anatoly Sidorov of the CSTO Joint Staff.",
    "<iframe src=\"http://evil.example\"></iframe><style>body{display:none}</style>"
    "<!-- comment --> <svg onload=alert('svg')> <p onclick='alert(1)'>",
    "!!! warning \"not an admonition\"",
    "    not an indented code block",
    "{: #hijack .evil onclick=\"alert('attr')\" }",
    "[^1]: a footnote &amp; &#60; &lt;b&gt; entities \\*stars\\*",
    "1. not a list item",
    "- not a bullet",
    "> not a quote",
    "<div markdown=\"1\">**raw html block**</div>",
    "Operation ../../../../tmp/pwned and Colonel General Evil ../../Name met the "
    "Collective Forces of ../../etc/passwd.",
]
HOSTILE_NAME = "Hostile <script> page.md"
HOSTILE_ID = "hostile-script-page"

RU_TEXT = ("Новости ОДКБ\n\nГенеральный секретарь ОДКБ Имангали Тасмагамбетов заявил "
           "5 мая 2024 года о «сотрудничестве».\n")
UNIT_SOURCES = {  # file name -> (content, expected id)
    # Three names, one id: in the order of the names, the first takes it, the others -2, -3.
    "A_B.md": ("CSTO three\n\nThe CSTO met in Bishkek.\n", "a-b"),
    "a b.txt": ("CSTO one\n\nThe CSTO met in Minsk.\n", "a-b-2"),
    "a-b.txt": ("CSTO two\n\nThe CSTO met in Dushanbe.\n", "a-b-3"),
    "Отчёт ОДКБ 2024.txt": ("Report of the CSTO\n\nThe CSTO Collective Security Council met.\n",
                            "otchyot-odkb-2024"),
    "we\"ird'#?%&name (1).txt": ("Weird name\n\nThe CSTO met in Yerevan.\n", "we-ird-name-1"),
    "中文.txt": ("Chinese name\n\nThe CSTO met in Astana.\n", "document"),
    "bom.txt": ("\ufeffCSTO news with a BOM\n\nThe CSTO Collective Security Council met on "
                "1 July 2022.\n", "bom"),
}
BAD_SOURCES = {  # file name -> content; each is skipped with one warning line
    "empty.txt": b"",
    "blank.md": b"  \n\t\n",
    "archive.txt": b"PK\x03\x04\x00\x00\x01\x02 some zip data",
    "noise.txt": bytes(range(1, 32)) * 40 + b"text",
}
BROKEN_FRONT = {  # file name -> content; read as plain text with one warning line
    "broken front matter.md": "---\ntitle: [unclosed\ndate: x: y\n---\nThe CSTO met in Minsk "
                              "on 3 June 2023.\n",
    "unclosed.md": "---\ntitle: No end\nThe CSTO met in Minsk on 4 June 2023.\n",
    "laughs.md": "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
        + "---\nThe CSTO met in Minsk on 5 June 2023.\n",
}
EXPECTED_WARNINGS = {
    "skipped empty.txt: empty file",
    "skipped blank.md: empty file",
    "skipped archive.txt: binary file (contains NUL bytes)",
    "skipped noise.txt: binary file (mostly non-text characters)",
    f"skipped huge.txt: too large ({MAX_SOURCE_BYTES + 1} bytes; the limit is {MAX_SOURCE_BYTES})",
    "Новости ОДКБ.txt: decoded as windows-1251",
    "broken front matter.md: broken front matter (YAML error); read as plain text",
    "unclosed.md: front matter is not closed by '---'; read as plain text",
    "laughs.md: broken front matter (YAML anchors and aliases are not allowed); read as plain text",
}


def one_line(text: str) -> str:
    """What a reader sees of ``text``: control characters as spaces, invisible ones (bidi
    controls, zero widths) dropped, spaces collapsed."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                   for c in drop_invisible(text))
    return " ".join(text.split())


def new_project(root: Path) -> Path:
    """An empty project: the MkDocs configuration, theme overrides and hand-written pages."""
    (root / "data" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    return root


def write_hostile_sources(sources: Path) -> None:
    shutil.copy(SEED, sources / SEED.name)
    (sources / HOSTILE_NAME).write_text(HOSTILE_FRONT + "\n".join(HOSTILE_LINES) + "\n",
                                        encoding="utf-8")
    (sources / "Новости ОДКБ.txt").write_bytes(RU_TEXT.encode("windows-1251"))
    for name, (content, _) in UNIT_SOURCES.items():
        (sources / name).write_text(content, encoding="utf-8")
    for name, content in BAD_SOURCES.items():
        (sources / name).write_bytes(content)
    for name, content in BROKEN_FRONT.items():
        (sources / name).write_text(content, encoding="utf-8")
    with open(sources / "huge.txt", "wb") as f:  # sparse: refused by its size, never read
        f.truncate(MAX_SOURCE_BYTES + 1)


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def output_snapshot(root: Path) -> dict[str, bytes]:
    """Every byte of the build's outputs: records, pages, site."""
    out = {}
    for sub in ("data/records", "docs", "site"):
        out.update({f"{sub}/{k}": v for k, v in files_under(root / sub).items()})
    return out


def html_pages(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root / "site")): p.read_text(encoding="utf-8")
            for p in sorted((root / "site").rglob("*.html"))}


