"""What the last site build left, so that the next one renders only the pages that changed.

One file, ``.cache/csto-kb/site.json``: the *key* of the build (a digest of everything
every page depends on: the versions of MkDocs, Material, Markdown and Pagefind, the
settings of mkdocs.yml, the theme overrides, csto-kb's site code, the search engine), the
digest of each file under docs/, the anchors of each page (so that MkDocs checks the
links of a page it renders to one it keeps), and the size and time of each file of
site/ (so that a page damaged or removed by hand is rendered again, not trusted).

A build that finds the same key renders a page again when its Markdown changed, when it
is in the navigation, when it is not one of the pages csto-kb generates (those link only
to pages that exist, which their own digests track), or when its file in site/ is not
the one the last build wrote. Another key, or no readable state, means a full build.
The state is dropped before site/ changes and written again once it has changed, so a
build cut short leaves none, and the next build is a full one.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from csto_kb.fsutil import tree_digest, write_text_atomic

FORMAT = 2
# What a page's HTML depends on besides its own Markdown: these distributions' versions.
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments",
                 "jinja2", "pagefind", "mkdocs-redirects")
# csto-kb's own code that shapes the built site.
SITE_CODE = ("site.py", "site_mkdocs.py", "site_state.py", "site_plugin.py", "site_render.py",
             "search.py")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def build_key(raw_config: dict, engine: str, theme_dirs: list[Path]) -> str:
    """The digest of everything besides its own Markdown that every page depends on:
    mkdocs.yml as loaded (``raw_config``), the search ``engine``, the theme folders of
    the project or of csto-kb (``theme_dirs``), the versions of the site's libraries and
    csto-kb's site code."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(f"{FORMAT}\x1f{engine}".encode())
    digest.update(json.dumps(raw_config, sort_keys=True, default=str).encode())
    digest.update(repr([(d, _version(d)) for d in DISTRIBUTIONS]).encode())
    for name in SITE_CODE:
        digest.update((package / name).read_bytes())
    for folder in theme_dirs:
        digest.update(tree_digest(folder, (".html", ".js", ".css", ".svg", ".png", ".yml")).encode())
    return digest.hexdigest()


def incremental_safe(raw_config: dict) -> bool:
    """True when no page shows anything of another page but its nav title, and those
    titles are in mkdocs.yml: an explicit ``nav`` whose every entry has a title."""
    def titled(items: object) -> bool:
        if not isinstance(items, list):
            return False
        for item in items:
            if not isinstance(item, dict) or len(item) != 1:
                return False
            value = next(iter(item.values()))
            if isinstance(value, list) and not titled(value):
                return False
        return True

    return titled(raw_config.get("nav"))


Stat = tuple[int, int]  # size, modification time in ns


def stat_of(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass
class SiteState:
    """What one site build left (see the module docstring)."""

    key: str
    docs: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # rel -> size, ns, sha1
    anchors: dict[str, list[str]] = field(default_factory=dict)  # page src_uri -> its ids
    outputs: dict[str, Stat] = field(default_factory=dict)  # site rel -> size, ns
    views: dict[str, Stat] = field(default_factory=dict)  # Pagefind view rel -> size, ns
    bundle: dict[str, Stat] = field(default_factory=dict)  # site/pagefind/ rel -> size, ns

    @classmethod
    def load(cls, path: Path) -> SiteState | None:
        """The state in ``path``, or ``None`` when it is missing or unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls(str(data["key"]),
                       {k: (int(a), int(b), str(c)) for k, (a, b, c) in data["docs"].items()},
                       {k: [str(a) for a in v] for k, v in data["anchors"].items()},
                       {k: (int(a), int(b)) for k, (a, b) in data["outputs"].items()},
                       {k: (int(a), int(b)) for k, (a, b) in data["views"].items()},
                       {k: (int(a), int(b)) for k, (a, b) in data["bundle"].items()})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def save(self, path: Path) -> None:
        write_text_atomic(path, json.dumps({
            "format": FORMAT, "key": self.key, "docs": self.docs, "anchors": self.anchors,
            "outputs": self.outputs, "views": self.views, "bundle": self.bundle},
            sort_keys=True, separators=(",", ":")))


def scan_docs(docs_dir: Path, known: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """Size, time and SHA-1 of every file under ``docs_dir``; a file whose size and time
    are those ``known`` keeps its known digest (it is not read)."""
    out = {}
    root = str(docs_dir)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel_dir = os.path.relpath(folder, root)
        prefix = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        for name in sorted(files):
            rel = prefix + name
            path = f"{folder}/{name}"
            st = stat_of(path)
            if st is None:
                continue
            old = known.get(rel)
            if old is not None and old[:2] == st:
                out[rel] = old
                continue
            try:
                with open(path, "rb") as fd:
                    sha = hashlib.sha1(fd.read()).hexdigest()
            except OSError:
                continue
            out[rel] = (st[0], st[1], sha)
    return out


def stat_tree(root: Path, skip: str = "pagefind") -> dict[str, Stat]:
    """Size and time of every file under ``root`` but those of its folder ``skip``
    (``""``: every file)."""
    out = {}
    base = str(root)
    for folder, dirs, files in os.walk(base):
        rel_dir = os.path.relpath(folder, base)
        if rel_dir == ".":
            dirs[:] = [d for d in dirs if d != skip]
            prefix = ""
        else:
            prefix = rel_dir.replace(os.sep, "/") + "/"
        for name in files:
            st = stat_of(f"{folder}/{name}")
            if st is not None:
                out[prefix + name] = st
    return out
