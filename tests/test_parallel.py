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
