"""Hard-wrapped paragraphs (text out of a PDF, a mail or a terminal) read as one line each.

A text wrapped at a fixed width breaks names across lines ("the Collective Security /
Treaty Organization"). A line break is a wrap when the document's lines all fit a narrow
width and the next line's first word would not have fitted on the line: it is then read
as a space, in a view of the text of the same length: paragraphs and names are found in the
view, quotes are copied from the text as written.
"""

from __future__ import annotations

import re

from csto_kb.sources.datelines import rules

_NOT_A_CONTINUATION = re.compile(r"\s*(?:[-–—•*>|]|\d+[.)]\s|[A-Z][A-Za-z ]{0,20}:\s)")
_COLUMNS = re.compile(r"\S {4,}\S")  # a letterhead or a table: text in columns


def unwrap(text: str) -> str:
    """``text`` with the line breaks inside its hard-wrapped paragraphs made spaces."""
    settings = rules()
    lines = text.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    if width > settings["wrap_max_width"]:
        return text
    breaks = [i for i in range(len(lines) - 1) if _is_wrap(lines[i], lines[i + 1], width, settings)]
    if len(breaks) < settings["wrap_min_breaks"]:
        return text
    out = list(text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in breaks:
        out[offsets[i + 1] - 1] = " "
    return "".join(out)


def _is_wrap(line: str, following: str, width: int, settings: dict) -> bool:
    this, first_word = line.rstrip(), following.split(maxsplit=1)
    if not this.strip() or not first_word or len(this) < settings["wrap_min_length"]:
        return False
    if this.endswith((":", ";")) or _NOT_A_CONTINUATION.match(following) \
            or _COLUMNS.search(this) or _COLUMNS.search(following) \
            or _indent(following) > _indent(this) + settings["wrap_max_indent"]:
        return False
    return len(this) + 1 + len(first_word[0]) > width * settings["wrap_min_fill"]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
