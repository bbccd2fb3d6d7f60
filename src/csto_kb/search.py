"""Site search that stays usable at archive scale: Material's lunr index or Pagefind.

Material's search plugin writes one JSON index of the whole site, which the browser
downloads and turns into a lunr index on the first search: about 2.7 MB, and about
1 s, per 1,000 pages before this module trimmed it (6.6 s at 5,000 pages, 36 s and
1.4 GB at 20,000). Pagefind instead writes a chunked index after the build; a search
downloads only the chunks of the words typed (a few hundred KB), whatever the size of
the site.

**The threshold.** :func:`csto_kb.site.build_site` counts the Markdown pages of the
docs directory; a site with more than ``pagefind_above`` pages is searched with
Pagefind, a smaller one with Material's search, as before. ``pagefind_above``
defaults to :data:`DEFAULT_PAGEFIND_ABOVE` (2,000) and is set in mkdocs.yml::

    extra:
      csto_kb:
        pagefind_above: 2000     # 0: always Pagefind; a huge number: never

With Pagefind the site is built without Material's search plugin (no
``search/search_index.json``), the templates get ``config.extra.csto_kb.search ==
"pagefind"`` (``csto_kb/theme/main.html`` then puts Pagefind's search box in the header
where Material's was), and :func:`run_pagefind` indexes the built site before it is
swapped into place. The binary comes with the ``pagefind[extended]`` package
(``pagefind_bin_extended``); nothing is downloaded at build or run time.

**What is indexed, by both engines** (:class:`SearchMarkup`, a MkDocs plugin that
``build_site`` adds at load time). Every sentence of a source is indexed once, in its
source page; the pages that repeat it are indexed by what is their own:

- an entity page by its title, aliases, abbreviations, titles and dates (the summary
  above its first section); its "Mentioned in", "On the timeline" and "Related"
  sections repeat sentences and names indexed elsewhere and are left out;
- a date page by its date and event, without its "Entities" and "Mentioned in";
- a source page by its title, metadata and text, without the paragraphs marked as
  page furniture (``.boilerplate``) and the "Entities found" list;
- the timeline (every event again, by year) is left out, as the index pages already
  are (``search: exclude: true`` in their front matter).

Section headings are recognised by the ids MkDocs' toc extension gives them
(:data:`SKIPPED_SECTIONS`, plus the ``_1``, ``_2`` ... suffix of a repeated id).
For Material the skipped sections and paragraphs get ``data-search-exclude`` (which
Material's plugin honours and removes from the page); for Pagefind the indexed part of
a page is wrapped in ``data-pagefind-body`` and the skipped parts in
``data-pagefind-ignore``. Entity pages weigh their H1 and aliases lines with
``data-pagefind-weight`` (in ``entity.md.j2``) so that an alias finds its entity first.
"""

from __future__ import annotations

import logging
import re
import subprocess
import time
from pathlib import Path

from mkdocs.plugins import BasePlugin

__all__ = ["DEFAULT_PAGEFIND_ABOVE", "MATERIAL", "PAGEFIND", "SKIPPED_PAGES", "SKIPPED_SECTIONS",
           "PagefindError", "SearchMarkup", "choose_engine", "count_pages", "pagefind_above",
           "pagefind_executable", "pagefind_view", "run_pagefind"]

log = logging.getLogger(__name__)

MATERIAL = "material"
PAGEFIND = "pagefind"
DEFAULT_PAGEFIND_ABOVE = 2000

# Ids of the h2 sections that repeat what other pages index (see the module docstring).
SKIPPED_SECTIONS = frozenset({"mentioned-in", "on-the-timeline", "related", "entities",
                              "entities-found"})
# Pages (docs-relative) left out of the index entirely, on top of those whose front
# matter says ``search: exclude: true``.
SKIPPED_PAGES = frozenset({"timeline.md"})

_H2_ID = re.compile(r'<h2\b[^>]*?\bid="([^"]+)"')
_HEADING_START = re.compile(r"(?=<h[12][\s>])")
_BOILERPLATE = re.compile(r'<p\b(?=[^>]*\bclass="(?:[^"]*\s)?boilerplate[\s"])([^>]*)>')


class PagefindError(RuntimeError):
    """Pagefind is missing or failed."""


def pagefind_above(extra: dict | None) -> int:
    """The threshold set in mkdocs.yml's ``extra.csto_kb.pagefind_above`` (or the default)."""
    settings = (extra or {}).get("csto_kb") or {}
    if not isinstance(settings, dict):
        raise ValueError("extra.csto_kb in mkdocs.yml must be a mapping")
    value = settings.get("pagefind_above", DEFAULT_PAGEFIND_ABOVE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"extra.csto_kb.pagefind_above must be a whole number >= 0, not {value!r}")
    return value


def count_pages(docs_dir: Path) -> int:
    """The number of Markdown pages under ``docs_dir``."""
    return sum(1 for _ in Path(docs_dir).rglob("*.md"))


def choose_engine(pages: int, threshold: int) -> str:
    """:data:`PAGEFIND` for a site of more than ``threshold`` pages, else :data:`MATERIAL`."""
    return PAGEFIND if pages > threshold else MATERIAL


def _skipped_section(section_id: str) -> bool:
    return re.sub(r"_\d+$", "", section_id) in SKIPPED_SECTIONS


def _excluded(page) -> bool:
    search = page.meta.get("search") or {}
    return bool(isinstance(search, dict) and search.get("exclude"))


class SearchMarkup(BasePlugin):
    """Marks what the search engine ``engine`` indexes in each page (module docstring)."""

    def __init__(self, engine: str = MATERIAL):
        super().__init__()
        if engine not in (MATERIAL, PAGEFIND):
            raise ValueError(f"unknown search engine {engine!r}")
        self.engine = engine

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if page.file.src_uri in SKIPPED_PAGES:
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        if _excluded(page):
            return html  # Material skips it; Pagefind skips pages without data-pagefind-body
        if self.engine == MATERIAL:
            html = _H2_ID.sub(lambda m: m.group(0) + ' data-search-exclude="section"'
                              if _skipped_section(m.group(1)) else m.group(0), html)
            return _BOILERPLATE.sub(r'<p\1 data-search-exclude="boilerplate">', html)
        parts = []
        for part in _HEADING_START.split(html):
            match = _H2_ID.match(part)
            if match and _skipped_section(match.group(1)):
                part = f"<div data-pagefind-ignore>{part}</div>"
            parts.append(part)
        html = _BOILERPLATE.sub(r"<p\1 data-pagefind-ignore>", "".join(parts))
        return f"<div data-pagefind-body>{html}</div>"


def pagefind_executable() -> Path:
    """The Pagefind binary installed with the ``pagefind[extended]`` package."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            package = __import__(module)
        except ImportError:
            continue
        return Path(package.get_executable())
    raise PagefindError("Pagefind is not installed: pip install 'pagefind[extended]>=1.4,<2'")


_BODY_START = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")


def pagefind_view(html: str) -> str:
    """What Pagefind reads of a built page: the page without Material's chrome (header,
    navigation, footer, scripts: about two thirds of its bytes), which Pagefind ignores
    once the page has a ``data-pagefind-body`` element. Kept: the ``<html>`` tag (its
    language), the head and the body element. A page Pagefind would read otherwise
    (no body element, several, or ``data-pagefind-*`` attributes outside it) is kept
    whole. Indexing these views gives the bundle indexing the pages gives, byte for
    byte (tests/test_site_incremental.py), in about half the time."""
    found = _BODY_START.search(html)
    head_end = html.find("</head>")
    if found is None or head_end < 0 or head_end > found.start() \
            or html.count("data-pagefind-body") != 1:
        return html
    tag, depth, end = found.group(1), 0, None
    for token in re.finditer(rf"<(/?){tag}\b[^>]*>", html[found.start():]):
        depth += -1 if token.group(1) else 1
        if depth == 0:
            end = found.start() + token.end()
            break
    body_tag = re.compile(r"<body\b[^>]*>").search(html, head_end)
    if end is None or body_tag is None or body_tag.end() > found.start():
        return html
    head = html[:head_end + len("</head>")]
    rest = html[head_end:found.start()] + html[end:]
    if "data-pagefind-" in rest:
        return html
    return f"{head}{body_tag.group(0)}{html[found.start():end]}</body></html>\n"


def run_pagefind(site_dir: Path, output_dir: Path | None = None) -> dict:
    """Index the built pages under ``site_dir`` (a site, or the :func:`pagefind_view`
    of each of its pages at the same paths) into ``output_dir`` (default
    ``site_dir/pagefind/``); return counts.

    Only the parts of pages inside ``data-pagefind-body`` are indexed (see
    :class:`SearchMarkup`), less the headings' permalinks (the "¶"); result URLs keep
    their ``.html`` (``use_directory_urls`` is off, so ``people/index.html`` stays).
    """
    output_dir = Path(output_dir) if output_dir is not None else Path(site_dir) / "pagefind"
    cmd = [str(pagefind_executable()), "--site", str(site_dir), "--output-path", str(output_dir),
           "--keep-index-url", "--exclude-selectors", ".headerlink"]
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PagefindError(f"cannot run Pagefind: {exc}") from exc
    output = (proc.stdout or "") + (proc.stderr or "")
    if proc.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise PagefindError(f"Pagefind failed ({proc.returncode}):\n{tail}")
    indexed = re.search(r"Indexed (\d+) pages?", output)
    pages = int(indexed.group(1)) if indexed else 0
    if not pages or not (output_dir / "pagefind.js").is_file():
        raise PagefindError("Pagefind indexed no page:\n" + output.strip()[-2000:])
    seconds = time.monotonic() - start
    log.info("Pagefind indexed %d pages in %.1f s", pages, seconds)
    return {"pages": pages, "seconds": seconds}
