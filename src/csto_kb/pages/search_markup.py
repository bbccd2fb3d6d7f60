"""The names of an entity as Pagefind filters, for the search box to find its page first.

Pagefind ranks pages by the words they match, not by whole names: "Channel" ranks the
pages of the operations "Channel-Rovisovka", "Channel-Nulagovka" ... (as many as the
corpus holds) above the page of the operation "Channel", and "CIS" the CIS
Anti-Terrorism Center above the Commonwealth of Independent States. So an entity page
also carries each of its names as the value of a Pagefind filter (a hidden block that
neither engine indexes as text), and the search box asks Pagefind, beside the search
itself, for the pages that have the query as one of their names, which it lists first
(``theme/assets/javascripts/csto-pagefind/pagefind.js``).

A filter's values are stored, and loaded by the browser, per filter name: the names
are spread over filters named by the first two characters of the name
(:func:`name_filter`, ``name-63-73`` for "cs..."), so that a search loads the values
of one of them, not every name of the site. Values are lower case with single spaces
(:func:`normal_name`); the search box does the same to the query.
"""

from __future__ import annotations

from collections.abc import Iterable

from .escape import Md, md_escape

__all__ = ["name_filter", "name_filters", "normal_name"]


def normal_name(name: object) -> str:
    """``name`` in lower case, with single spaces: how names and queries are compared."""
    return " ".join(str(name).split()).lower()


def name_filter(normal: str) -> str:
    """The Pagefind filter that holds the normalised name ``normal``."""
    return "name-" + "-".join(format(ord(ch), "x") for ch in normal[:2])


def name_filters(names: Iterable[object]) -> Md:
    """A hidden block giving each of ``names`` (escaped, once each) as a filter value."""
    seen: dict[str, None] = {}
    for name in names:
        normal = normal_name(name)
        if normal:
            seen.setdefault(normal)
    spans = "".join(f'<span data-pagefind-filter="{name_filter(n)}">{md_escape(n)}</span>' for n in seen)
    return Md(f'<div hidden data-pagefind-ignore data-search-exclude="true">{spans}</div>' if spans else "")
