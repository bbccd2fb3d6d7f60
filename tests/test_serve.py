"""``csto-kb serve``: the port before any build, requests that must not break the server,
inputs that vanish while they are looked at, and pages that reload after a build."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from csto_kb.config import Settings
from csto_kb.serve import BUILD_URL, _inputs_state, serve, serve_directory
from helpers import ROOT, copy_project, seed_project, site_project


def _cli(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csto_kb", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
def test_a_port_in_use_is_one_error_before_any_build(tmp_path):
    site_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _cli("serve", "--root", tmp_path, "--port", port)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"csto-kb: error: cannot serve on 127.0.0.1:{port}: Address already in use; "
        "choose another port with --port"]
    assert not (tmp_path / "site").exists() and not (tmp_path / "data" / "records").exists()


@pytest.mark.slow
@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_port_out_of_range_is_one_error(tmp_path, port):
    site_project(tmp_path)
    result = _cli("serve", "--root", tmp_path, "--port", port)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"csto-kb: error: port {port} is out of range (0-65535)"]
    assert not (tmp_path / "site").exists()


def test_a_request_for_a_nul_is_refused_without_a_traceback(tmp_path, capfd):
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    with serve_directory(tmp_path, quiet=True) as url:
        host, port = url.split("//")[1].strip("/").split(":")
        for path in ("/%00", "/a%00b.html", "/%2e%2e/%00"):
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.request("GET", path)
            assert conn.getresponse().status == 400
            conn.close()
        with urlopen(url, timeout=10) as response:  # and it goes on serving
            assert b"home" in response.read()
    assert "Traceback" not in capfd.readouterr().err


def test_a_source_that_vanishes_while_it_is_looked_at_is_left_out(tmp_path, monkeypatch):
    settings = Settings(root=site_project(tmp_path))
    sources = sorted(settings.sources_dir.iterdir())
    gone = settings.sources_dir / "vanished.txt"
    monkeypatch.setattr(Path, "iterdir", lambda self: iter([*sources, gone]))
    names = [entry[0] for entry in _inputs_state(settings)]
    assert str(gone) not in names and str(sources[0]) in names


def test_a_source_that_vanishes_between_the_scan_and_the_stat_is_left_out(tmp_path, monkeypatch):
    settings = Settings(root=seed_project(tmp_path / "p", 2))
    sources = sorted(settings.sources_dir.iterdir())
    real_stat = Path.stat
    looks = []

    def stat_then_vanish(self, *args, **kwargs):  # removed after its first look
        if self == sources[0]:
            looks.append(self)
            if len(looks) > 1:
                raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_then_vanish)
    assert str(sources[0]) in [entry[0] for entry in _inputs_state(settings)]
    names = [entry[0] for entry in _inputs_state(settings)]  # gone now
    assert str(sources[0]) not in names and str(sources[1]) in names


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.mark.browser
def test_the_open_page_reloads_when_its_build_is_done(browser, seed_site, tmp_path):
    from browser_support import watched_page

    settings = Settings(root=copy_project(seed_site, tmp_path / "p"), jobs=1)
    urls: list[str] = []
    serving = threading.Event()
    thread = threading.Thread(target=serve, args=(settings, "127.0.0.1", 0, 120,
                                                  lambda url: (urls.append(url), serving.set())),
                              daemon=True)
    thread.start()
    assert serving.wait(30)

    def built(n: str) -> bool:
        with urlopen(urls[0] + BUILD_URL.lstrip("/"), timeout=10) as response:
            return response.read().decode() == n

    _wait_for(lambda: built("1"), 120)  # the first build (the counter the page polls)
    with watched_page(browser) as page:
        page.goto(urls[0] + "index.html")
        page.evaluate("window.__before_build = true")
        shutil.copy(sorted((ROOT / "eval" / "dev").glob("*.txt"))[0], settings.sources_dir)
        page.wait_for_function("window.__before_build === undefined", timeout=120_000)
        assert built("2")
        assert page.locator("h1").first.inner_text()
