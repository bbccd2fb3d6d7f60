"""Progress: stage, count and time left as bars on a terminal, as plain lines otherwise."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from csto_kb import progress
from helpers import site_project


def test_plain_lines_give_the_stage_the_count_and_the_time_left(monkeypatch):
    monkeypatch.setattr(progress, "EVERY", 0.0)
    out = io.StringIO()
    progress.use(progress.Reporter("lines", out))
    try:
        with progress.stage("extract", 4, "documents") as shown:
            for _ in range(4):
                shown.advance()
    finally:
        progress.use(progress.Reporter())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("extract: 1/4 documents, 0 s, about 0 s left")
    assert lines[-1] == "extract: 4 documents in 0 s"
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()  # no bars


def test_a_short_stage_shows_nothing_when_not_on_a_terminal():
    out = io.StringIO()
    shown = progress.Reporter("lines", out).stage("pages", 3, "pages")
    shown.advance(3)
    shown.close()
    assert out.getvalue() == ""


def test_not_a_terminal_means_plain_lines_on_stdout():
    out, err = io.StringIO(), io.StringIO()
    reporter = progress.for_terminal(err, out)
    assert reporter.mode == "lines" and reporter.out is out


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_bars(tmp_path):
    root = site_project(tmp_path)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "csto_kb", "build", "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=300)
    os.close(leader)
    assert proc.returncode == 0 and "first build" in out
    text = shown.decode("utf-8", "replace")
    assert "MkDocs" in text and "steps" in text and "\r" in text  # a bar, redrawn in place
