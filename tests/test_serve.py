"""``csto-kb serve`` under abuse: its address is refused before any build, a request no
file can answer gets 400 (no traceback), a source that vanishes while it looks is left
out."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from csto_kb.config import Settings
from csto_kb.serve import _inputs_state, serve_directory
from helpers import seed_project


def cli(*args):
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_a_port_in_use_or_out_of_range_is_refused_before_any_build(tmp_path):
    project = seed_project(tmp_path / "p", 1)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        in_use = cli("serve", "--root", project, "--port", port)
    out_of_range = cli("serve", "--root", project, "--port", 99999)
    assert in_use.returncode == 1 and in_use.stderr == (
        f"csto-kb: error: 127.0.0.1:{port}: cannot serve there (address already in use); "
        "stop what uses it, or give another --port or --host\n")
    assert out_of_range.returncode == 1 and out_of_range.stderr.startswith(
        "csto-kb: error: --port 99999: ")
    assert out_of_range.stderr.endswith("; give a port from 1 to 65535\n")
    assert len(out_of_range.stderr.splitlines()) == 1
    assert not (project / "data" / "records").exists()  # nothing was built


def test_a_path_with_a_nul_byte_gets_400_and_the_server_goes_on(tmp_path, capfd):
    (tmp_path / "index.html").write_text("hello", encoding="utf-8")
    with serve_directory(tmp_path, quiet=True) as url:
        with pytest.raises(HTTPError) as refused:
            urlopen(f"{url}%00", timeout=30)
        with urlopen(url, timeout=30) as response:
            assert response.read() == b"hello"
    assert refused.value.code == 400
    assert "Traceback" not in capfd.readouterr().err


def test_a_source_that_vanishes_while_serve_looks_is_left_out(tmp_path, monkeypatch):
    project = seed_project(tmp_path / "p", 2)
    sources = sorted((project / "data" / "sources").iterdir())
    real_stat = Path.stat
    looks = []

    def stat_then_vanish(self, *args, **kwargs):  # removed after its first look
        if self == sources[0]:
            looks.append(self)
            if len(looks) > 1:
                raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_then_vanish)
    state = _inputs_state(Settings(root=project))
    assert str(sources[1]) in [name for name, _, _ in state]
    assert _inputs_state(Settings(root=project))[-1][0] == str(sources[1])  # gone now
