"""A reader's questions answered in a real browser, from the seed site's pages, each by a
fact stated with a link to its sentence (which the link opens, scrolled into view):

- who was the CSTO Secretary General in 2022;
- the posts of a person who held two at once;
- which forces and bodies took part in Indestructible Brotherhood-2024;
- what happened on 1 October 2024.

Serves the seed site (conftest.py) on 127.0.0.1 and drives Debian's Chromium; any
JavaScript error, console error or request to another host fails the test.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(seed_url):
    """The seed site, served (conftest.py)."""
    return seed_url


def _open(page, base_url: str, tab: str, name: str) -> None:
    """From the home page: the navigation tab ``tab``, then the link named ``name``."""
    page.goto(base_url + "index.html")
    page.locator("nav.md-tabs").get_by_role("link", name=tab).click()
    page.locator("article").get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()


def _follow_to_sentence(page, link, *words: str) -> None:
    """Click ``link`` (a link to a source paragraph): the paragraph it opens is in view and
    states ``words``."""
    from playwright.sync_api import expect

    link.click()
    page.wait_for_url("**/sources/**#p-*")
    target = page.locator(f"[id='{urlsplit(page.url).fragment}']")
    expect(target).to_be_in_viewport()
    text = " ".join(target.inner_text().split())
    for word in words:
        assert word in text, (word, text)


def test_who_was_csto_secretary_general_in_2022(page, base_url):
    _open(page, base_url, "Bodies", "Collective Security Treaty Organization")
    rows = page.locator("article table tr").filter(has_text="Secretary General")
    in_2022 = [r for r in rows.all() if r.locator("td").nth(0).inner_text().strip() == "Secretary General"
               and "2022" in r.locator("td").nth(2).inner_text()]
    assert len(in_2022) == 1, rows.all_inner_texts()
    holder = in_2022[0].locator("td").nth(1)
    assert holder.inner_text().strip() == "Stanislav Zas"
    assert holder.locator("a").get_attribute("href").endswith("people/stanislav-zas.html")
    _follow_to_sentence(page, in_2022[0].locator("td").nth(3).locator("a"), "Stanislav Zas", "Secretary General")


def test_the_posts_of_a_person_who_held_two(page, base_url):
    _open(page, base_url, "People", "Murat Nurtleu")
    infobox = page.locator(".admonition").first
    posts = infobox.locator("li", has_text="Posts").locator("li")
    roles = sorted(p.inner_text().split("·")[0].strip() for p in posts.all())
    assert roles == ["Deputy Prime Minister", "Minister of Foreign Affairs"], posts.all_inner_texts()
    assert all("as of 27 September 2024" in p.inner_text() for p in posts.all())
    _follow_to_sentence(page, posts.first.get_by_role("link", name="source"),
                        "Deputy Prime Minister - Minister of Foreign Affairs", "Murat Nurtleu")


def test_forces_and_bodies_in_indestructible_brotherhood_2024(page, base_url):
    _open(page, base_url, "Operations", "Indestructible Brotherhood-2024")
    line = page.locator(".admonition li", has_text="Participants:")
    hrefs = sorted(a.get_attribute("href") for a in line.locator("a").all()
                   if "/sources/" not in (a.get_attribute("href") or ""))
    assert hrefs == ["../bodies/csto.html", "../forces/cpf.html"], line.inner_text()
    assert "1 October 2024" in page.locator(".admonition li", has_text="When:").inner_text()
    _follow_to_sentence(page, line.locator("a[href*='/sources/']").first,
                        "Indestructible Brotherhood-2024", "Peacekeeping Forces")


def test_what_happened_on_1_october_2024(page, base_url):
    page.goto(base_url + "index.html")
    page.locator("nav.md-tabs").get_by_role("link", name="Timeline").click()
    page.locator("article").get_by_role("link", name="1 October 2024", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("article h2", has_text="What happened").count() == 1
    events = page.locator("article h2:has-text('What happened') ~ ul").first.locator("li")
    event = events.filter(has_text="opening ceremony")
    assert event.count() == 1, events.all_inner_texts()
    named = sorted(a.inner_text() for a in event.locator("small a").all())
    assert "Indestructible Brotherhood-2024" in named and "Collective Peacekeeping Forces" in named
    _follow_to_sentence(page, event.locator("a[href*='/sources/']").first,
                        "opening ceremony", "Indestructible Brotherhood-2024")
