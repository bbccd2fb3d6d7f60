"""Escaping untrusted text (sources, records) for Markdown pages.

Every string that comes from a source document or a record reaches a page through
:func:`md_escape`. It turns the text into one line of inert Markdown: HTML-significant
characters and every character that Markdown, its extensions (attr_list, admonition,
tables, toc) or Jinja2 give a meaning to become numeric character references, which
Python-Markdown passes through untouched and the browser shows as the literal
characters. Text that this package builds itself (links to slug paths, the
escaped pieces joined together) is wrapped in :class:`Md` so that it is not escaped
twice.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeGuard
from urllib.parse import quote

from csto_kb.invisible import INVISIBLE, drop_invisible
from csto_kb.model import is_slug

__all__ = [
    "Md",
    "is_slug",
    "is_source_id",
    "md_escape",
    "md_link",
    "md_separator",
    "safe_url",
    "shows_as_space",
]

# Characters that are replaced by a numeric character reference wherever they occur.
# HTML: & < > " '   Markdown and extensions: \ ` * _ [ ] ( ) { } # | ! ~ ^ + = :
# Jinja2 / templating: { } % $ @
_ALWAYS = frozenset("&<>\"'\\`*_[](){}#|!~^+=:%$@")
_WHITESPACE = re.compile(r"\s+")
# A leading "-" (list, rule) or "1." / "1)" (ordered list) would start a block.
_LEADING_LIST = re.compile(r"^(\d+)([.)])")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")
# Characters allowed unencoded in the href of an external link.
_URL_SAFE = "/:?#@!$&*+,;=%~.-_"


class Md(str):
    """Markdown text that this package produced and vouches for (already escaped)."""

    __slots__ = ()


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


# Unicode categories Cc (controls), Zl and Zp (line and paragraph separators).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_REFS = {ord(ch): f"&#{ord(ch)};" for ch in _ALWAYS}


# Anything _clean would change: a control character, an invisible one (a bidirectional
# control, a zero-width space: see csto_kb.invisible) or a space that is not single.
_UNCLEAN = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029]|{INVISIBLE.pattern}|\\s\\s|^\\s|\\s$|[^\\S ]")


# Of the characters _UNCLEAN looks for, only the space and the variation selectors are
# printable (str.isprintable): a test of a printable text for them is a quick one.
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f]")


def _is_clean(text: str) -> bool:
    """``not _UNCLEAN.search(text)``, in a fraction of its time for most texts (the
    pattern's lookarounds make its search try every position)."""
    if text.isprintable() and not (text.startswith(" ") or text.endswith(" ") or "  " in text):
        if text.isascii() or not _VARIATION_SELECTORS.search(text):
            return True
    return not _UNCLEAN.search(text)


def _clean(value: object) -> str:
    """Return ``value`` as one line: no control characters, no invisible ones (which
    could reorder the text after them), runs of spaces collapsed."""
    text = "" if value is None else str(value)
    if _is_clean(text):  # the common case
        return text
    return _WHITESPACE.sub(" ", _CONTROL.sub(" ", drop_invisible(text))).strip()


def shows_as_space(char: str) -> bool:
    """True when the one character ``char`` is white space on a page: a space, a line
    break, a control character (which :func:`md_escape` turns into a space); not an
    invisible one, which shows nothing."""
    return len(char) == 1 and not _clean(char) and not INVISIBLE.fullmatch(char)


def md_escape(value: object) -> Md:
    """Escape ``value`` (any object; ``None`` is the empty string) as inert inline Markdown.

    The result is a single line that renders as exactly the (whitespace-collapsed)
    text: no markup, no link, no HTML tag, no Jinja2 delimiter, no block syntax.
    An :class:`Md` value is returned unchanged.
    """
    if isinstance(value, Md):
        return value
    if type(value) is str and len(value) <= _MEMO_CHARS:
        return _escape_str(value)
    return _escape(value)


# The same names, titles and quotes are escaped on page after page: remember the results
# for strings up to a few sentences long.
_MEMO_CHARS = 2_000


@lru_cache(maxsize=1 << 17)
def _escape_str(value: str) -> Md:
    return _escape(value)


def _escape(value: object) -> Md:
    text = _clean(value)
    escaped = text.translate(_REFS)  # one pass in C: this runs for every string on every page
    if escaped.startswith("-"):
        escaped = _ref("-") + escaped[1:]
    if escaped[:1].isdigit():
        escaped = _LEADING_LIST.sub(lambda m: m.group(1) + _ref(m.group(2)), escaped)
    return Md(escaped)


def md_separator(value: str) -> Md:
    """Escape a separator such as ``", "`` or ``" · "`` keeping its spaces."""
    return Md("".join(_ref(ch) if ch in _ALWAYS else ch for ch in _clean_keep(value)))


def _clean_keep(value: str) -> str:
    return _CONTROL.sub(" ", str(value))


def is_source_id(value: object) -> TypeGuard[str]:
    """True when ``value`` is a source id usable as a file name (letters, digits, ``-``, ``_``)."""
    return isinstance(value, str) and bool(_SOURCE_ID.match(value))


def safe_url(value: object) -> str | None:
    """Return an http(s) URL made safe for a Markdown link target, or ``None``.

    Only ``http://`` and ``https://`` URLs are accepted; spaces, quotes, brackets,
    parentheses and other characters that could end the link are percent-encoded.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not re.match(r"^https?://[^\s/]", url, flags=re.IGNORECASE):
        return None
    return quote(url, safe=_URL_SAFE)


_RELATIVE = re.compile(r"^[A-Za-z0-9_./-]+(?:#[A-Za-z0-9_-]+)?$")


def md_link(text: object, href: str) -> Md:
    """A Markdown link with escaped ``text`` to ``href``.

    ``href`` is either a relative path built from slugs (letters, digits, ``-``, ``_``,
    ``.``, ``/`` and an optional ``#fragment``) or a URL that went through :func:`safe_url`.
    """
    relative = _RELATIVE.match(href)
    if not relative and safe_url(href) != href:
        raise ValueError(f"unsafe link target: {href!r}")
    label = md_escape(text) or Md(_ref("?"))
    return Md(f"[{label}]({href})")
