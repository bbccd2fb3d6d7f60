"""Reading a file a person gave (a source, a record, a document to add): a regular file
only, never a symbolic link (which could publish any file of the machine), a pipe or a
device (which could block or never end), and never more than a limit."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UnreadableFile(ValueError):
    """A file that is not read: ``reason`` says why ("a symbolic link, not a regular file")."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISLNK, "a symbolic link"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular(mode: int) -> str:
    """What a file of ``mode`` is when it is not a regular file ("a symbolic link")."""
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, never following a symbolic link nor
    opening a pipe or a device (which could block or never end). Raises
    :class:`UnreadableFile` for anything else, or a file larger than ``limit``."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile(path, "a symbolic link, not a regular file") from exc
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(path, f"{not_regular(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise UnreadableFile(path, f"too large ({st.st_size} bytes; the limit is {limit})")
        with open(fd, "rb", closefd=False) as held:
            data = held.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew meanwhile
        raise UnreadableFile(path, f"too large (over {limit} bytes; the limit is {limit})")
    return data
