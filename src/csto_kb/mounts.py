"""Mount points: a tree of outputs may be one (a Docker volume, a CI cache). A mount point
cannot be renamed (EBUSY), nor a file renamed between it and its parent (EXDEV), so the
temporary folders of such a tree go inside it (:func:`work_folder`)."""

from __future__ import annotations

import os
import re
from pathlib import Path


def _mount_points() -> set[str]:
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as info:
            lines = info.read().splitlines()
    except OSError:
        return set()
    octal = re.compile(r"\\([0-7]{3})")  # mountinfo writes a space as \040
    return {octal.sub(lambda m: chr(int(m.group(1), 8)), line.split()[4])
            for line in lines if len(line.split()) > 4}


def is_mount_point(path: Path | str) -> bool:
    """True when ``path`` is where a file system (or a bind mount) is mounted: it cannot
    be renamed, and nothing can be renamed between it and its parent."""
    path = os.path.realpath(path)
    return os.path.isdir(path) and (os.path.ismount(path) or path in _mount_points())


def work_folder(target: Path) -> Path:
    """Where temporary folders for the directory ``target`` go: beside it, or inside it
    when it is a mount point or (through a symbolic link, say) on another file system
    than its parent: on its file system either way, so that renames work."""
    target = Path(target)
    try:
        if os.stat(target).st_dev != os.stat(target.parent).st_dev:
            return target
    except OSError:
        return target.parent
    return target if is_mount_point(target) else target.parent
