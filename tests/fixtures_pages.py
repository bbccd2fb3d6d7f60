"""Hand-made records and sources for the page, site and browser tests.

Two small documents about the CSTO and records for every kind, including hostile text
(HTML, Markdown and Jinja2 syntax) in names, aliases, quotes, titles and source text.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = "<script>alert(1)</script> **bold** {{ x }} {% raw %} [x](javascript:alert(1)) a|b"
HOSTILE_IMG = "<img src=x onerror=alert(2)>"

_P_ZAS = ("Stanislav Zas, the Secretary General of the Collective Security Treaty Organization, "
          "said the Collective Rapid Reaction Forces are ready.")
_P_NAEMNIK = ("The operation Mercenary (Naemnik) was held in 2019 by the CSTO with the CRRF "
              "taking part.")
_P_KZ = ("On 6 January 2022 the CSTO Collective Security Council decided to send the "
         "collective peacekeeping forces to Kazakhstan.")
_P_HOSTILE = f"Hostile paragraph: {HOSTILE} and {HOSTILE_IMG} # not a heading"


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _link(paragraph: int, text: str, surface: str, ref: str) -> dict:
    start, end = _span(text, surface)
    return {"paragraph": paragraph, "start": start, "end": end, "ref": ref}


SOURCES = [
    {
        "id": "zas-interview",
        "path": "zas-interview.txt",
        "title": "Stanislav Zas on the CSTO forces",
        "date": "2021-11-30",
        "publisher": "TASS",
        "url": "https://tass.com/world/zas?a=1&b=(2)",
        "paragraphs": [
            {"text": "Home | News | Contacts", "boilerplate": True, "date": None},
            {"text": _P_ZAS, "boilerplate": False, "date": "2021-11-30"},
            {"text": _P_NAEMNIK, "boilerplate": False, "date": "2021-11-30"},
        ],
        "links": [
            _link(1, _P_ZAS, "Stanislav Zas", "people/stanislav-zas"),
            _link(1, _P_ZAS, "Collective Security Treaty Organization", "bodies/csto"),
            _link(1, _P_ZAS, "Collective Rapid Reaction Forces", "forces/crrf"),
            _link(2, _P_NAEMNIK, "Mercenary", "operations/mercenary"),
            _link(2, _P_NAEMNIK, "CRRF", "forces/crrf"),
        ],
    },
    {
        "id": "kazakhstan-2022",
        "path": "kazakhstan-2022.md",
        "title": "Peacekeepers sent to Kazakhstan </title><script>alert(4)</script> #x",
        "date": "2022-01-07",
        "publisher": None,
        "url": "javascript:alert(3)",
        "paragraphs": [
            {"text": _P_KZ, "boilerplate": False, "date": "2022-01-07"},
            {"text": _P_HOSTILE, "boilerplate": False, "date": "2022-01-07"},
            {"text": "1. Not a list - just text > not a quote", "boilerplate": False,
             "date": None},
        ],
        "links": [
            _link(0, _P_KZ, "CSTO Collective Security Council", "bodies/csc"),
            _link(0, _P_KZ, "collective peacekeeping forces", "forces/cpf"),
            _link(1, _P_HOSTILE, HOSTILE, "people/hostile-person"),
        ],
    },
]


def _mention(source: str, paragraph: int, text: str, quote: str) -> dict:
    return {"source": source, "quote": quote, "paragraph": paragraph, "text": text}


RECORDS = [
    {
        "id": "stanislav-zas", "type": "person", "name": "Stanislav Zas",
        "aliases": ["Stanislav Vasilievich", "Zas"],
        "titles": [{"title": "Secretary General of the CSTO", "source": "zas-interview",
                    "date": "2021-11-30"}],
        "posts": [{"role": "Secretary General", "body": "bodies/csto",
                   "title": "Secretary General of the CSTO", "source": "zas-interview",
                   "paragraph": 1, "date": "2021-11-30", "rank": "Colonel General"}],
        "mentions": [_mention("zas-interview", 1, "Stanislav Zas", _P_ZAS)],
        "first_seen": "2021-11-30", "last_seen": "2021-11-30",
        "related": ["bodies/csto", "forces/crrf"],
    },
    {
        "id": "hostile-person", "type": "person", "name": f"Evil </title>{HOSTILE}",
        "aliases": [HOSTILE_IMG, "x|y"],
        "titles": [{"title": "**Chief** of <b>nothing</b>", "source": "kazakhstan-2022",
                    "date": "2022-01-07"}],
        "posts": [{"role": "**Chief** <b>x</b>", "body": None, "title": f"**Chief** of {HOSTILE}",
                   "source": "kazakhstan-2022", "paragraph": 1, "date": "2022-01-07"}],
        "mentions": [_mention("kazakhstan-2022", 1, HOSTILE, _P_HOSTILE)],
        "first_seen": "2022-01-07", "last_seen": "2022-01-07",
        "related": ["people/stanislav-zas", "people/missing-person"],
    },
    {
        "id": "csto", "type": "body", "name": "Collective Security Treaty Organization",
        "aliases": ["CSTO"],
        "mentions": [_mention("zas-interview", 1, "Collective Security Treaty Organization",
                              _P_ZAS),
                     _mention("zas-interview", 2, "CSTO", _P_NAEMNIK)],
        "first_seen": "2021-11-30", "last_seen": "2021-11-30",
        "related": ["people/stanislav-zas"],
        "office_holders": [{"person": "people/stanislav-zas", "role": "Secretary General",
                            "source": "zas-interview", "paragraph": 1, "date": "2021-11-30"}],
        "relations": [{"type": "has_part", "ref": "bodies/csc", "source": "kazakhstan-2022",
                       "paragraph": 0, "date": "2022-01-07"}],
    },
    {
        "id": "csc", "type": "body", "name": "Collective Security Council",
        "aliases": ["CSC"],
        "mentions": [_mention("kazakhstan-2022", 0, "CSTO Collective Security Council", _P_KZ)],
        "first_seen": "2022-01-07", "last_seen": "2022-01-07",
        "related": ["forces/cpf"],
    },
    {
        "id": "crrf", "type": "force", "name": "Collective Rapid Reaction Forces",
        "aliases": ["CRRF"],
        "mentions": [_mention("zas-interview", 1, "Collective Rapid Reaction Forces", _P_ZAS),
                     _mention("zas-interview", 2, "CRRF", _P_NAEMNIK)],
        "first_seen": "2021-11-30", "last_seen": "2021-11-30",
        "related": ["operations/mercenary"],
    },
    {
        "id": "cpf", "type": "force", "name": "Collective Peacekeeping Forces",
        "aliases": ["CPF", "collective peacekeeping forces"],
        "mentions": [_mention("kazakhstan-2022", 0, "collective peacekeeping forces", _P_KZ)],
        "first_seen": "2022-01-07", "last_seen": "2022-01-07",
        "related": ["bodies/csc"],
        "relations": [{"type": "part_of", "ref": "people/missing-person", "source": "kazakhstan-2022",
                       "paragraph": 0, "date": "2022-01-07"}],
    },
    {
        "id": "mercenary", "type": "operation", "name": "Mercenary",
        "aliases": ["Naemnik"],
        "mentions": [_mention("zas-interview", 2, "Mercenary", _P_NAEMNIK)],
        "first_seen": "2021-11-30", "last_seen": "2021-11-30",
        "related": ["forces/crrf"],
    },
    {
        "id": "2022-01-06", "type": "date", "name": "6 January 2022", "date": "2022-01-06",
        "event": _P_KZ, "entities": ["bodies/csc", "forces/cpf"],
        "events": [{"source": "kazakhstan-2022", "paragraph": 0, "quote": _P_KZ,
                    "entities": ["bodies/csc", "forces/cpf"]}],
        "mentions": [_mention("kazakhstan-2022", 0, "6 January 2022", _P_KZ)],
    },
    {
        "id": "2019", "type": "date", "name": "2019", "date": "2019",
        "event": _P_NAEMNIK, "entities": ["operations/mercenary", "forces/crrf"],
        "events": [{"source": "zas-interview", "paragraph": 2, "quote": _P_NAEMNIK,
                    "entities": ["operations/mercenary", "forces/crrf"]}],
        "mentions": [_mention("zas-interview", 2, "2019", _P_NAEMNIK)],
    },
    {
        "id": "2000s", "type": "date", "name": "2000s", "date": "2000s",
        "event": f"A decade of {HOSTILE}", "entities": [],
        "events": [{"source": "kazakhstan-2022", "paragraph": 1, "quote": f"A decade of {HOSTILE}",
                    "entities": ["people/hostile-person"]}],
        "mentions": [],
    },
    {"id": "Bad Id", "type": "person", "name": "Skipped", "mentions": []},
    {"id": "../escape", "type": "body", "name": "Skipped too", "mentions": []},
]

CHANGES = {"new": ["forces/cpf", "people/hostile-person"], "changed": ["bodies/csto"],
           "removed": ["people/old-person"]}


def records() -> list[dict]:
    """A fresh deep copy of the fixture records."""
    return copy.deepcopy(RECORDS)


def sources() -> list[dict]:
    """A fresh deep copy of the fixture sources."""
    return copy.deepcopy(SOURCES)


def write_project(root: Path, pages: dict[str, str]) -> Path:
    """A project at ``root``: the real mkdocs.yml, docs/about.md, docs/assets and ``pages``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copy2(ROOT / "docs" / "about.md", docs / "about.md")
    assets = ROOT / "docs" / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs / "assets", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("screenshot-*.png"))
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root
