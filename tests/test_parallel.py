"""Work spread over worker processes gives what one process gives, and no worker
outlives the work (nor the process that started it)."""

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from csto_kb import parallel


def _pid_and(value):
    return os.getpid(), value


def _fail(value):
    raise ValueError(f"bad item {value}")


def test_process_map_keeps_the_order_of_the_items():
    items = list(range(103))
    assert parallel.process_map(abs, [-n for n in items], jobs=2, min_items=10) == items
    assert parallel.process_map(str, [], jobs=2, min_items=0) == []


def test_process_map_runs_in_other_processes_only_when_there_is_enough_work():
    here = os.getpid()
    assert {pid for pid, _ in parallel.process_map(_pid_and, range(8), 2, min_items=100)} == {here}
    assert here not in {pid for pid, _ in parallel.process_map(_pid_and, range(8), 2, min_items=1)}


def test_an_error_in_a_worker_is_raised_here_and_no_worker_is_left():
    import multiprocessing

    with pytest.raises(ValueError, match="bad item 3"):
        parallel.process_map(_fail, [3, 4, 5], jobs=2, min_items=1)
    assert multiprocessing.active_children() == []


def test_process_map_starts_no_fork_beside_a_running_thread():
    """The workers are spawned (a fresh interpreter), so a thread of this process, such
    as serve's preview server, is never forked with it."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert parallel.START_METHOD == "spawn"
        assert parallel.process_map(abs, [-1, -2, -3], jobs=2, min_items=1) == [1, 2, 3]
    finally:
        stop.set()
        thread.join()


_KILLED_PARENT = textwrap.dedent("""
    import os, sys, time
    from functools import partial
    from csto_kb.parallel import process_map

    def sleep_and_tell(folder, n):
        open(os.path.join(folder, str(os.getpid())), "w").close()
        time.sleep(60)
        return n

    if __name__ == "__main__":
        import __main__
        process_map(partial(__main__.sleep_and_tell, sys.argv[1]), range(4), 2, 1)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie is gone but not yet reaped
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _killed_parent(tmp_path: Path, script_text: str, workers: int) -> tuple[list[int], list[int]]:
    """Run ``script_text`` (given a folder where each worker writes its pid), SIGKILL it
    once ``workers`` are busy; the pids of the workers, and of those still alive a few
    seconds later."""
    script = tmp_path / "parent.py"
    script.write_text(script_text, encoding="utf-8")
    folder = tmp_path / "workers"
    folder.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(folder)])
    pids: list[int] = []
    try:
        pids = _wait_for_files(folder, workers)
        time.sleep(0.5)  # well inside their work
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        for _ in range(100):  # the workers notice within a fraction of a second
            if not any(_alive(pid) for pid in pids):
                break
            time.sleep(0.1)
        return pids, [pid for pid in pids if _alive(pid)]
    finally:
        parent.kill()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_process_that_started_them_is_killed(tmp_path):
    workers, alive = _killed_parent(tmp_path, _KILLED_PARENT, 2)
    assert len(workers) == 2 and alive == []


def test_a_build_with_two_processes_writes_what_one_process_writes(tmp_path, monkeypatch):
    import shutil

    from csto_kb import pipeline
    from csto_kb.config import Settings
    from helpers import SEEDS, seed_project

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_DOCS", 2)  # extraction in two processes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # What's new: the same date in both
    trees = {}
    for jobs in (1, 2):
        root = seed_project(tmp_path / f"jobs-{jobs}", 3)
        pipeline.build(Settings(root=root, jobs=jobs), site=False)
        for path in SEEDS[3:5]:  # two more documents: a rebuild, few records written
            shutil.copy(path, root / "data" / "sources" / path.name)
        pipeline.build(Settings(root=root, jobs=jobs), site=False)
        trees[jobs] = {p.relative_to(root): p.read_bytes()
                       for folder in ("data/records", "docs") for p in (root / folder).rglob("*")
                       if p.is_file()}
    assert trees[2] == trees[1] and len(trees[1]) > 50


def test_a_build_whose_pages_fail_leaves_the_records_as_they_were(tmp_path, monkeypatch):
    from csto_kb import pipeline
    from csto_kb.config import Settings
    from helpers import seed_project

    root = seed_project(tmp_path / "p", 2)
    settings = Settings(root=root, jobs=2)
    pipeline.build(settings, site=False)
    before = {p: p.read_bytes() for folder in ("data/records", "docs")
              for p in (root / folder).rglob("*") if p.is_file()}
    (root / "data" / "sources" / "extra.txt").write_text(
        "On 3 May 2023 Imangali Tasmagambetov, CSTO Secretary General, met the Collective "
        "Security Council.\n")

    def broken(*args, **kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(pipeline, "build_site", broken, raising=False)
    monkeypatch.setattr("csto_kb.site.build_site", broken)
    with pytest.raises(RuntimeError, match="template broken"):
        pipeline.build(settings)
    assert {p: p.read_bytes() for folder in ("data/records", "docs")
            for p in (root / folder).rglob("*") if p.is_file()} == before
    assert not list(root.glob("data/.undo-*")) and not list(root.glob(".undo-*"))


def test_pages_rendered_with_a_worker_are_those_rendered_alone(monkeypatch):
    from csto_kb.pages import render as render_module
    from fixtures_pages import CHANGES, records, sources

    alone = render_module.render_site(records(), sources(), CHANGES)
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 1)  # the worker renders half
    with parallel.worker_pool(2) as pool:
        shared = render_module.render_site(records(), sources(), CHANGES, pool=pool)
    assert shared.texts == alone.texts and shared.signatures == alone.signatures
    assert len(shared.texts) > 20


def _tell_and_sleep(folder: str) -> int:
    open(os.path.join(folder, str(os.getpid())), "w").close()
    time.sleep(60)
    open(os.path.join(folder, "finished"), "w").close()
    return 0


def _wait_for_files(folder: Path, count: int) -> list[int]:
    for _ in range(600):  # 60 s at most: a spawned worker imports csto_kb first
        if len(list(folder.iterdir())) >= count:
            break
        time.sleep(0.1)
    return [int(p.name) for p in folder.iterdir()]


def test_a_pool_left_by_an_exception_kills_its_running_workers(tmp_path):
    """Ctrl-C, SIGTERM or a failure elsewhere: the block does not wait for work whose
    result no one wants (the task below would take a minute)."""
    with pytest.raises(KeyboardInterrupt):
        with parallel.worker_pool(2) as pool:
            assert pool is not None
            pool.submit(_tell_and_sleep, str(tmp_path))
            workers = _wait_for_files(tmp_path, 1)
            raise KeyboardInterrupt
    assert workers and not any(_alive(pid) for pid in workers)
    assert not (tmp_path / "finished").exists()  # killed in its work, not waited for


def test_a_worker_leaves_ctrl_c_to_the_build(tmp_path):
    """The terminal sends SIGINT to every process of the group: the worker carries on
    (the build stops it), rather than dying with a traceback on the terminal."""
    with parallel.worker_pool(2) as pool:
        assert pool is not None
        task = pool.submit(_work_until_told, str(tmp_path))
        workers = _wait_for_files(tmp_path, 1)
        os.kill(workers[0], signal.SIGINT)  # in its work: it waits for the file "go"
        (tmp_path / "go").touch()
        try:
            result = task.result(timeout=60)
        except KeyboardInterrupt:  # what the worker raised, sent back
            result = "interrupted"
        assert result == "slept"


def _work_until_told(folder: str) -> str:
    open(os.path.join(folder, str(os.getpid())), "w").close()
    for _ in range(1200):  # a minute at most
        if os.path.exists(os.path.join(folder, "go")):
            break
        time.sleep(0.05)
    return "slept"


_STUCK_IN_C = textwrap.dedent("""
    import os, re, sys
    from csto_kb.parallel import worker_pool

    def backtrack(folder):
        open(os.path.join(folder, str(os.getpid())), "w").close()
        return re.fullmatch(r"(a+)+b", "a" * 40)  # hours, in C, holding the GIL

    if __name__ == "__main__":
        import __main__
        with worker_pool(2) as pool:
            pool.submit(__main__.backtrack, sys.argv[1]).result()
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_a_worker_stuck_in_c_code_ends_with_the_killed_build(tmp_path):
    """A regular expression backtracking on a hostile text holds the GIL: no thread of
    the worker runs, but the kernel ends it when its parent is killed."""
    workers, alive = _killed_parent(tmp_path, _STUCK_IN_C, 1)
    assert workers and alive == []
