"""The commands around a build: add, check, serve."""

import shutil
import subprocess
import sys
from pathlib import Path

from csto_kb.config import Settings
from csto_kb.sources.add import add_sources

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "data" / "sources").glob("*.txt"))[0]


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_add_copies_under_safe_unique_names_and_refuses_duplicates(tmp_path):
    sources = tmp_path / "data" / "sources"
    new = tmp_path / "Отчёт о встрече (final).txt"
    new.write_text("Defence Minister Oleg Tarasenko visited Minsk.\n", encoding="utf-8")
    other = tmp_path / "otchyot o vstreche, final.txt"
    other.write_text("Another text about the CSTO.\n", encoding="utf-8")
    added, refused = add_sources([new, other, new, tmp_path / "missing.txt"], sources)
    assert added == ["otchyot-o-vstreche-final.txt", "otchyot-o-vstreche-final-2.txt"]
    assert any("same content" in r for r in refused) and any("no such file" in r for r in refused)
    assert sorted(p.name for p in sources.iterdir()) == sorted(added)


def test_add_refuses_other_file_types(tmp_path):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert add_sources([pdf], tmp_path / "src") == ([], [f"{pdf}: not a .txt or .md document"])


def test_add_command_builds_and_reports(tmp_path):
    (tmp_path / "data" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", tmp_path / "docs")
    result = cli("add", SEED, "--root", tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"added: data/sources/{SEED.name}" in result.stdout and "first build" in result.stdout
    assert (tmp_path / "site" / "index.html").exists()
    again = cli("add", SEED, "--root", tmp_path)
    assert again.returncode == 1 and "same content" in again.stderr


def test_check_reports_a_bad_curation_file_with_its_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "curation.yaml").write_text("reject:\n  - nowhere\n", encoding="utf-8")
    result = cli("check", "--root", tmp_path)
    assert result.returncode == 1 and "curation.yaml:2" in result.stderr


def test_check_passes_on_extracted_records(tmp_path):
    assert cli("extract", "--sources", ROOT / "data" / "sources", "--out",
               tmp_path / "data" / "records").returncode == 0
    result = cli("check", "--root", tmp_path)
    assert result.returncode == 0, result.stderr


def test_serve_rebuilds_when_a_source_changes_and_serves_the_site(tmp_path):
    from urllib.request import urlopen

    from csto_kb.serve import Watcher, _rebuild, serve_directory

    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    shutil.copy(SEED, sources)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", tmp_path / "docs")
    settings = Settings(root=tmp_path)
    watcher = Watcher(settings)
    _rebuild(settings)
    assert not watcher.poll()  # nothing changed since
    with serve_directory(settings.site_dir, quiet=True) as url:  # the server thread runs
        (sources / "new.txt").write_text("Defence Minister Oleg Tarasenko visited Minsk.\n",
                                         encoding="utf-8")
        assert watcher.poll()
        with urlopen(f"{url}people/oleg-tarasenko.html", timeout=30) as response:
            assert b"Oleg Tarasenko" in response.read()
    assert not watcher.poll()


def test_python_m_csto_kb_is_the_command_line():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "csto_kb", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("csto-kb ")
