"""The seed site built by MkDocs 1.6 and by ProperDocs (its maintained fork, the
``properdocs`` extra, pinned) through the same csto_kb.site.build_site: the two sites are
byte-identical but for the generator meta tag, with Material's search and with Pagefind.

Pagefind itself is not byte-deterministic (tests/pagefind_bundle.py): its bundle is
compared decoded, with the filters sorted.

ProperDocs runs csto-kb unchanged once csto_kb.properdocs.use_properdocs() has made every
``mkdocs.*`` import load ``properdocs.*`` (as the ``csto-kb-properdocs`` command does), so
each build runs in its own process."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pagefind_bundle import files_of as _files
from pagefind_bundle import pagefind_bundle as _pagefind_bundle

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
BUILD = """
import sys
if sys.argv[1] == "properdocs":
    from csto_kb.properdocs import use_properdocs
    use_properdocs()
from pathlib import Path
import mkdocs
from csto_kb.site import build_site
build_site(Path(sys.argv[2]), Path(sys.argv[3]))
print(mkdocs.__name__)
"""


def _build(engine: str, project: Path, site: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", BUILD, engine, str(project), str(site)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split()[-1] == engine  # the engine that ran


def _compare(project: Path, out: Path) -> set[str]:
    """Build ``project`` with both engines into ``out``; the files (and Pagefind filters)
    of the site, once the two are shown to be the same."""
    pytest.importorskip("properdocs", reason="pip install -e '.[properdocs]'")
    _build("mkdocs", project, out / "mkdocs")
    _build("properdocs", project, out / "properdocs")
    mk, pd = _files(out / "mkdocs"), _files(out / "properdocs")
    mk_index, pd_index = _pagefind_bundle(mk), _pagefind_bundle(pd)
    assert mk_index == pd_index
    mk = {p: data for p, data in mk.items() if not p.startswith("pagefind/")}
    pd = {p: data for p, data in pd.items() if not p.startswith("pagefind/")}
    assert sorted(mk) == sorted(pd)
    differ = [p for p in mk if GENERATOR.sub(b"", mk[p]) != GENERATOR.sub(b"", pd[p])]
    assert not differ, differ[:10]
    pages = [p for p in mk if p.endswith(".html")]
    tags = {(m.group(1) if (m := GENERATOR.search(mk[p])) else None,
             m.group(1) if (m := GENERATOR.search(pd[p])) else None) for p in pages}
    assert len(tags) == 1, tags  # every page names its engine, the same on every page
    (mk_tag, pd_tag), = tags
    assert mk_tag.startswith(b"mkdocs-1.6") and pd_tag.startswith(b"mkdocs-ProperDocs 1.6"), tags
    return set(mk) | set(mk_index)


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_properdocs_command_runs_csto_kb_on_properdocs():
    pytest.importorskip("properdocs", reason="pip install -e '.[properdocs]'")
    proc = _run("import sys; from csto_kb.properdocs import main; sys.exit(main(sys.argv[1:]))", "build", "--help")
    assert proc.returncode == 0 and "usage: csto-kb build" in proc.stdout, proc.stderr
    proc = _run("from csto_kb.properdocs import use_properdocs; use_properdocs()\n"
                "import mkdocs.commands.build as b, material.plugins.search.plugin as s\n"
                "print(b.__name__, b.__file__, s.SearchPlugin.__mro__[1].__module__)")
    name, path, base = proc.stdout.split()
    assert name == "properdocs.commands.build" and "/properdocs/" in path, proc.stderr
    assert base.startswith("properdocs."), base  # Material's plugins subclass ProperDocs' classes


def test_the_switch_is_refused_once_mkdocs_is_loaded():
    proc = _run("import mkdocs.config, sys; from csto_kb.properdocs import main; sys.exit(main(['--help']))")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("csto-kb: error: MkDocs is already loaded (mkdocs"), proc.stderr


@pytest.mark.slow
def test_properdocs_builds_the_same_site(seed_site, tmp_path):
    files = _compare(seed_site, tmp_path)
    assert not any(p.startswith("pagefind/") for p in files)
    assert "search/search_index.json" in files and "search/search_index.js" in files
    assert len(files) > 100


@pytest.mark.slow
def test_properdocs_builds_the_same_pagefind_site(seed_site, tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(seed_site / "docs", project / "docs")
    config = (seed_site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pagefind_above: 2000" in config
    (project / "mkdocs.yml").write_text(config.replace("pagefind_above: 2000", "pagefind_above: 0"),
                                        encoding="utf-8")
    files = _compare(project, tmp_path / "out")
    assert "pagefind/pagefind.js" in files and "search/search_index.json" not in files
    assert sum(p.startswith("filter name-") for p in files) > 20  # the names of the entities
