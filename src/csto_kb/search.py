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

**What is indexed, by both engines**, is marked in the pages themselves, so that a site
built by another engine (ProperDocs, a later Material) searches the same: the page
templates (``pages/templates/*.md.j2``) mark what is left out, the theme override
(``theme/main.html``) what Pagefind indexes. Every sentence of a source is indexed
once, in its source page; the pages that repeat it are indexed by what is their own:

- an entity page by its title, aliases, abbreviations, posts, titles and dates (the
  summary above its first section, less its mentions count); its "Mentioned in", "On
  the timeline" and "Related" sections repeat sentences and names indexed elsewhere;
- a date page by its date, event and "What happened", without its mentions count,
  "Entities", "Mentioned in" and "Related";
- a source page by its title and text (Material: and its metadata), without the
  paragraphs of page furniture (``.boilerplate``) and the "Entities found" list;
- the index pages, the timeline and What's new not at all (``search: exclude: true``
  in their front matter).

The marks: ``data-search-exclude`` on a left-out section's heading or a left-out block,
which Material's search plugin honours and removes from the page
(:data:`MATERIAL_EXCLUDE`); ``data-pagefind-ignore`` on the blocks that hold what
Pagefind leaves out, and ``data-pagefind-body`` around the content of every page that
is searched (:data:`PAGEFIND_BODY`, in ``theme/main.html``). For Pagefind an entity
page's H1, aliases and abbreviations weigh 10 (``data-pagefind-weight``; text weighs
1), and its aliases and abbreviations are also its metadata ``aliases`` and
``abbreviations``, which Pagefind searches as it searches the title: the search box
(``theme/assets/javascripts/csto-pagefind.js``) gives them the title's weight, so
that any name of an entity finds its page first.
"""

from __future__ import annotations

import logging
import re
import subprocess
import time
from pathlib import Path

__all__ = ["DEFAULT_PAGEFIND_ABOVE", "MATERIAL", "MATERIAL_EXCLUDE", "PAGEFIND", "PAGEFIND_BODY",
           "PAGEFIND_IGNORE", "PagefindError", "choose_engine", "count_pages", "pagefind_above",
           "pagefind_executable", "pagefind_view", "run_pagefind"]

log = logging.getLogger(__name__)

MATERIAL = "material"
PAGEFIND = "pagefind"
DEFAULT_PAGEFIND_ABOVE = 2000

# The marks of the page templates and the theme override (module docstring).
MATERIAL_EXCLUDE = "data-search-exclude"
PAGEFIND_BODY = "data-pagefind-body"
PAGEFIND_IGNORE = "data-pagefind-ignore"


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


def pagefind_executable() -> Path:
    """The Pagefind binary installed with the ``pagefind[extended]`` package."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            package = __import__(module)
        except ImportError:
            continue
        return Path(package.get_executable())
    raise PagefindError("Pagefind is not installed: pip install 'pagefind[extended]==1.5.2'")


_BODY_START = re.compile(rf"<([a-z][a-z0-9]*)\b[^>]*\b{PAGEFIND_BODY}\b[^>]*>")


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

    Only the parts of pages inside ``data-pagefind-body`` are indexed (see the module
    docstring), less the headings' permalinks (the "¶"); result URLs keep
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
