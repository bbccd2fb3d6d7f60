"""docs/, site/ and data/records/ each on a file system of their own (a Docker volume, a
CI cache): builds work, nothing is renamed across a mount (EXDEV) nor a mount point
renamed (EBUSY). Run in a mount namespace of its own (``unshare``), skipped where the
machine does not allow one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "sources").glob("*.txt"))

SCRIPT = textwrap.dedent("""
    import shutil, subprocess, sys
    from pathlib import Path
    from csto_kb import pipeline
    from csto_kb.config import Settings

    def main():
        root, first, second = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
        for tree in ("docs", "site", "data/records"):
            (root / tree).mkdir(parents=True, exist_ok=True)
            subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(root / tree)], check=True)
        shutil.copy(sys.argv[4], root / "docs" / "about.md")
        settings = Settings(root=root, jobs=2)
        pipeline.build(settings)                                   # a first build
        shutil.copy(second, root / "data" / "sources" / second.name)
        pipeline.build(settings)                                   # files replaced, site swapped
        (root / "data" / "sources" / second.name).unlink()
        pipeline.build(settings, site=False)                       # files removed
        found = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                       if p.name.startswith((".undo-", ".site-")))
        print("leftovers", found)
        print("pages", len(list((root / "site").rglob("*.html"))))
        print("removed", not (root / "docs" / "sources" / (second.stem + ".md")).exists())

    if __name__ == "__main__":  # not again in the spawned workers
        main()
""")


def _namespaces() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _namespaces(), reason="needs a mount namespace (unshare -rm)")
def test_builds_work_with_docs_site_and_records_on_their_own_mounts(tmp_path):
    root = tmp_path / "p"
    (root / "data" / "sources").mkdir(parents=True)
    shutil.copy(SEEDS[0], root / "data" / "sources")
    shutil.copy(ROOT / "mkdocs.yml", root)
    script = tmp_path / "in_namespace.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(["unshare", "-rm", sys.executable, str(script), str(root), str(SEEDS[0]),
                             str(SEEDS[1]), str(ROOT / "docs" / "about.md")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "leftovers []" and lines[2] == "removed True"
    assert int(lines[1].split()[1]) > 20
