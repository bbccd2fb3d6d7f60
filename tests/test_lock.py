"""One build at a time per project: a second command waits a while, then says clearly
that a build is running; the lock of a killed build is taken over."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from csto_kb.config import Settings
from csto_kb.lock import BuildLocked, project_lock
from helpers import SEEDS, seed_project

HOLD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from csto_kb.config import Settings
    from csto_kb.lock import project_lock

    with project_lock(Settings(root=Path(sys.argv[1]))):
        print("locked", flush=True)
        sys.stdin.readline()  # until told (or killed)
""")


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "csto_kb.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture
def project(tmp_path):
    return seed_project(tmp_path / "p", 1)


def hold(root: Path) -> subprocess.Popen:
    """Another process holding the project's lock until a line is written to its stdin."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_second_build_says_that_a_build_is_running_then_takes_over_a_dead_ones_lock(project):
    holder = hold(project)
    try:
        busy = cli("build", "--root", project, "--wait", "0")
        added = cli("add", SEEDS[1], "--root", project, "--wait", "0")
    finally:
        holder.send_signal(signal.SIGKILL)  # the kill leaves the lock file
        holder.wait()
    lock = project / ".cache" / "csto-kb" / "build.lock"
    assert busy.returncode == 1 and busy.stderr == (
        f"csto-kb: error: {lock}: a build of this project is running (process {holder.pid}); "
        "run this command again when it has finished\n")
    assert added.returncode == 1 and "a build of this project is running" in added.stderr
    assert sorted(p.name for p in (project / "data").iterdir()) == ["sources"]  # nothing done
    assert sorted(p.name for p in (project / "data" / "sources").iterdir()) == [SEEDS[0].name]
    assert lock.read_text() == f"{holder.pid}\n"
    after = cli("add", SEEDS[1], "--no-build", "--root", project, "--wait", "0")
    assert after.returncode == 0, after.stderr


def test_a_second_command_waits_for_the_running_build(project):
    holder = hold(project)
    adding = subprocess.Popen([sys.executable, "-m", "csto_kb.cli", "add", str(SEEDS[1]), "--no-build",
                               "--root", str(project), "--wait", "120"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert adding.stderr is not None
        said = adding.stderr.readline()  # it waits: the build ends only now
    finally:
        holder.communicate("done\n", timeout=60)
    out, err = adding.communicate(timeout=300)
    assert adding.returncode == 0, err
    assert said + err == (f"csto-kb: waiting for the build of this project running in "
                          f"process {holder.pid} (at most 120 s)\n")
    assert (project / "data" / "sources" / SEEDS[1].name).is_file()


def test_the_process_that_holds_the_lock_may_take_it_again(project):
    settings = Settings(root=project, lock_wait=0)
    with project_lock(settings), project_lock(settings):
        pass
    with project_lock(settings):  # released: taken again
        pass


def test_a_build_in_another_process_cannot_take_a_held_lock(project):
    from csto_kb import pipeline

    holder = hold(project)
    try:
        with pytest.raises(BuildLocked, match="a build of this project is running"):
            pipeline.build(Settings(root=project, lock_wait=0.3), site=False)
    finally:
        holder.kill()
        holder.wait()


def test_serve_does_not_rebuild_while_another_build_runs(project, capsys):
    from csto_kb.serve import _rebuild

    holder = hold(project)
    try:
        _rebuild(Settings(root=project, lock_wait=0))
    finally:
        holder.kill()
        holder.wait()
    assert "build failed, the last good site stays: " in capsys.readouterr().err
    assert not (project / "data" / "records").exists()
