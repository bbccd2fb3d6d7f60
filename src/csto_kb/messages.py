"""What the command line prints: safe for a terminal, one line per error.

A file name or a curation value can hold anything, escape sequences among them (which
a terminal obeys: colours, a moved cursor, a changed window title) and Unicode
controls that reorder the text after them: :func:`shown` writes every character that
is not printable as an escape (``\\x1b``, ``\\u202e``). :func:`error_line` turns any
error into one line naming the file and saying what to do.
"""

from __future__ import annotations

import errno

_HINTS = {
    errno.ENOSPC: "no space left on the device; free some space and run the command again",
    errno.EDQUOT: "disk quota exceeded; free some space and run the command again",
    errno.EACCES: "permission denied; csto-kb must be able to read and write there (check "
                  "the owner and mode of the file and of its folder)",
    errno.EPERM: "operation not permitted; check the owner and mode of the file and of its "
                 "folder",
    errno.EROFS: "read-only file system; build on a file system csto-kb can write to",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a file is where a folder should be; move it away",
    errno.EISDIR: "a folder is where a file should be; move it away",
    errno.EEXIST: "a file is where a folder should be; move it away",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) or use fewer --jobs",
}


def shown(text: str) -> str:
    """``text`` with every character a terminal would not simply show (controls, escape
    sequences, bidirectional and zero-width marks) written as a Python escape; line
    breaks stay."""
    if text.isprintable():
        return text
    return "\n".join("".join(c if c.isprintable() else repr(c)[1:-1] for c in line)
                     for line in text.split("\n"))


def error_line(exc: BaseException) -> str:
    """One line for the error ``exc``: the file (if any), what went wrong, what to do."""
    if isinstance(exc, OSError) and exc.filename is not None:
        what = _HINTS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
        other = f" (to {exc.filename2})" if exc.filename2 is not None else ""
        return f"{exc.filename}{other}: {what}"
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = "; ".join(lines) or type(exc).__name__
    if isinstance(exc, (OSError, ValueError, RuntimeError)):
        return text
    return (f"unexpected {type(exc).__name__}: {text} (a bug in csto-kb: please report it; "
            "CSTO_KB_TRACEBACK=1 shows where it happened)")
