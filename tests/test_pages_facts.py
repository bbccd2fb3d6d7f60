"""The facts of the records on their pages: posts, office holders, relations and events,
each linked to the sentence that states it, bounded, escaped, and part of the page's scope
(a page showing a fact is rendered again when the fact changes)."""

from __future__ import annotations

import copy

import pytest

import fixtures_pages as fx
from csto_kb.pages import render_pages
from csto_kb.pages.context_facts import MAX_EVENTS, MAX_POSTS
from csto_kb.pages.plan import pages as plan_pages


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(fx.records(), fx.sources(), fx.CHANGES)


def _head(text: str) -> str:
    """The part of a page above its quotes."""
    return text.split("## Mentioned in")[0]


def test_person_shows_posts_with_body_date_and_sentence(pages):
    head = _head(pages["people/stanislav-zas.md"])
    assert ("- **Post:**\n        - Secretary General · [Collective Security Treaty Organization]"
            "(../bodies/csto.md) · as of 30 November 2021 · "
            "<span data-pagefind-ignore>[source](../sources/zas-interview.md#p-1)</span>"
            ) in head
    assert "- **Rank:** Colonel General" in head
    assert "**Title:**" not in head  # the posts replace the titles they were read from


def test_body_shows_office_holders_and_parts(pages):
    head = _head(pages["bodies/csto.md"])
    assert ("| Secretary General | [Stanislav Zas](../people/stanislav-zas.md) | as of 30 November 2021"
            " | <span data-pagefind-ignore>[source](../sources/zas-interview.md#p-1)</span> |") in head
    assert ("- **Parts:** [Collective Security Council](csc.md) (stated 7 January 2022, "
            "<span data-pagefind-ignore>[¶&#160;0](../sources/kazakhstan-2022.md#p-0)</span>)") in head


def test_relation_to_a_record_without_page_is_text(pages):
    head = _head(pages["forces/cpf.md"])
    assert "- **Part of:** people/missing-person (stated 7 January 2022" in head
    assert "missing-person.md" not in head


def test_date_page_lists_what_happened_sentence_by_sentence(pages):
    text = pages["dates/2022-01-06.md"]
    section = text.split("## What happened")[1].split("## Entities")[0]
    assert "On 6 January 2022 the CSTO Collective Security Council" in section
    assert "[¶&#160;0](../sources/kazakhstan-2022.md#p-0)" in section
    assert "[Collective Security Council](../bodies/csc.md)" in section
    assert "[Collective Peacekeeping Forces](../forces/cpf.md)" in section


def test_entity_timeline_rows_are_the_sentences_naming_it(pages):
    section = pages["forces/crrf.md"].split("## On the timeline")[1].split("## Related")[0]
    assert "- **[2019](../dates/2019.md)** · " in section
    assert "[¶&#160;2](../sources/zas-interview.md#p-2)" in section
    # a date naming the entity in none of its sentences is not on the entity's timeline
    assert "On the timeline" not in pages["people/stanislav-zas.md"]


def test_timeline_page_quotes_each_dates_sentences(pages):
    text = pages["timeline.md"]
    assert "- **[6 January 2022](dates/2022-01-06.md)**<br>On 6 January 2022" in text
    assert "[¶&#160;0](sources/kazakhstan-2022.md#p-0)" in text


def test_hostile_facts_are_escaped(pages):
    for path in ("people/hostile-person.md", "dates/2000s.md"):
        text = pages[path]
        for raw in ("<script", "<b>", "**Chief**", "{{", "[x]("):
            assert raw not in text, (path, raw)
    assert "&#42;&#42;Chief&#42;&#42; &#60;b&#62;x&#60;/b&#62;" in pages["people/hostile-person.md"]


def _busy_records() -> list[dict]:
    records = fx.records()
    zas = next(r for r in records if r["id"] == "stanislav-zas")
    zas["posts"] = [{"role": f"Envoy {i}", "body": None, "title": f"Envoy {i}", "source": "zas-interview",
                     "paragraph": 1, "date": f"20{i:02d}"} for i in range(MAX_POSTS + 5)]
    day = next(r for r in records if r["id"] == "2022-01-06")
    day["events"] = [{"source": "kazakhstan-2022", "paragraph": 0, "quote": f"Sentence {i}.",
                      "entities": ["bodies/csc"]} for i in range(MAX_EVENTS + 70)]
    return records


def test_pages_stay_bounded_with_many_facts():
    pages = render_pages(_busy_records(), fx.sources(), fx.CHANGES)
    zas = _head(pages["people/stanislav-zas.md"])
    assert zas.count("- Envoy ") == MAX_POSTS and "5 earlier posts not shown" in zas
    assert "Envoy 24" in zas and "Envoy 0 " not in zas  # the newest evidence is kept
    day = pages["dates/2022-01-06.md"]
    assert day.count("- Sentence ") == MAX_EVENTS and "… and 70 more" in day
    csc = pages["bodies/csc.md"].split("## On the timeline")[1]
    assert csc.count("Sentence ") == 30 and "of 100 sentences" in csc


def _digests(records: list[dict]) -> dict[str, str]:
    return {path: scope.digest(template) for path, template, scope, _ in
            plan_pages(records, fx.sources(), fx.CHANGES)}


def test_a_changed_event_renders_the_pages_of_its_entities_again():
    before = _digests(fx.records())
    records = fx.records()
    day = next(r for r in records if r["id"] == "2019")
    day["events"] = copy.deepcopy(day["events"]) + [
        {"source": "zas-interview", "paragraph": 1, "quote": "Another.", "entities": ["forces/crrf"]}]
    after = _digests(records)
    changed = {p for p in before if before[p] != after.get(p)}
    assert {"dates/2019.md", "forces/crrf.md", "timeline.md"} <= changed
    assert "people/stanislav-zas.md" not in changed and "forces/cpf.md" not in changed
