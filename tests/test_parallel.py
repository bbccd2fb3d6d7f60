"""Work spread over forked processes gives what one process gives."""

import pytest

from csto_kb import parallel
from csto_kb.model import KIND_OF_TYPE
from csto_kb.pages.escape import is_slug
from csto_kb.pages import render as render_module
from csto_kb.records import io as records_io

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")


def test_fork_map_keeps_the_order_of_the_items():
    items = list(range(103))
    assert parallel.fork_map(lambda n: n * n, items, jobs=2, min_items=10) == [n * n for n in items]
    assert parallel.fork_map(str, [], jobs=2, min_items=0) == []


def test_fork_map_runs_in_other_processes_only_when_there_is_enough_work():
    import os

    here = os.getpid()
    assert set(parallel.fork_map(lambda _: os.getpid(), range(8), 2, min_items=100)) == {here}
    assert here not in parallel.fork_map(lambda _: os.getpid(), range(8), 2, min_items=1)


def test_pages_and_records_are_the_same_with_two_processes(tmp_path, monkeypatch):
    from fixtures_pages import records, sources

    one = render_module.render_site(records(), sources())
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 1)
    two = render_module.render_site(records(), sources(), jobs=2)
    assert two.texts == one.texts and two.signatures == one.signatures

    monkeypatch.setattr(records_io, "PARALLEL_MIN_RECORDS", 1)
    good = [r for r in records() if is_slug(r["id"]) and r["type"] in KIND_OF_TYPE]
    records_io.write_records(good, tmp_path / "one", jobs=1)
    records_io.write_records(good, tmp_path / "two", jobs=2)
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*.yaml")}  # noqa: E731
    assert files(tmp_path / "two") == files(tmp_path / "one") and files(tmp_path / "one")


def _pid_and(value):
    import os

    return os.getpid(), value


def _fail(message):
    raise ValueError(message)


def test_a_helper_runs_tasks_in_its_own_process_and_returns_their_results():
    import os

    with parallel.Helper(True) as helper:
        pid, value = helper.submit(_pid_and, [1, "a"]).result()
        assert pid != os.getpid() and value == [1, "a"]
        failing = helper.submit(_fail, "bad record")
        with pytest.raises(ValueError, match="bad record"):
            failing.result()
        assert failing.settle() is None
        done = helper.submit(_pid_and, 5)
        assert done.result()[1] == 5 and done.settle()[1] == 5
    with parallel.Helper(False) as inline:
        task = inline.submit(_pid_and, 2)
        assert task.settle() is None  # an inline task that was not asked for never runs
        assert task.result() == (os.getpid(), 2)


def test_a_task_whose_helper_died_fails_with_a_clear_message():
    import os
    import signal

    with parallel.Helper(True) as helper:
        worker = helper.submit(os.getpid).result()
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(RuntimeError, match="helper process died"):
            helper.submit(_pid_and, 3).result()


def test_a_build_whose_pages_fail_undoes_what_the_helper_wrote(tmp_path, monkeypatch):
    """The helper writes records/ while the pages render: when rendering fails, the
    records it wrote meanwhile are taken back too."""
    from helpers import seed_project

    from csto_kb import pipeline
    from csto_kb.config import Settings

    root = seed_project(tmp_path / "p", 2)
    settings = Settings(root=root, jobs=2)
    pipeline.build(settings, site=False)
    records = {p: p.read_bytes() for p in (root / "data" / "records").rglob("*") if p.is_file()}
    (root / "data" / "sources" / "extra.txt").write_text("On 3 May 2023 Imangali Tasmagambetov, CSTO Secretary "
                                 "General, met the Collective Security Council.\n")

    def broken(*args, **kwargs):
        import time

        for _ in range(100):  # until the helper has written the new records
            if len(list((root / "data" / "records").rglob("*.yaml"))) > len(records):
                raise RuntimeError("template broken")
            time.sleep(0.05)
        raise AssertionError("the helper wrote no records in 5 s")

    monkeypatch.setattr(pipeline, "render_site", broken)
    with pytest.raises(RuntimeError, match="template broken"):
        pipeline.build(settings, site=False)
    assert {p: p.read_bytes() for p in (root / "data" / "records").rglob("*")
            if p.is_file()} == records
    assert not list(root.glob("data/.undo-*"))


def test_a_build_with_the_helper_writes_what_one_process_writes(tmp_path, monkeypatch):
    import shutil

    from helpers import SEEDS, seed_project

    from csto_kb import pipeline
    from csto_kb.config import Settings

    monkeypatch.setattr(pipeline, "SHARED_WRITE_MIN_PAGES", 20)  # the helper writes pages too
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


def test_a_helper_that_cannot_start_a_process_runs_tasks_here(monkeypatch):
    import os
    from concurrent.futures import ProcessPoolExecutor

    def no_process(self, *args, **kwargs):
        raise OSError("fork: Resource temporarily unavailable")

    monkeypatch.setattr(ProcessPoolExecutor, "submit", no_process)
    with parallel.Helper(True) as helper:
        assert not helper.enabled
        assert helper.submit(_pid_and, 4).result() == (os.getpid(), 4)
