"""Facts the texts state about entities, for their records: a person's posts (each with
the body record its office belongs to, its source, paragraph and the date of the news
item that states it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from csto_kb.model import Mention
from csto_kb.resolution.resolve import Entity
from csto_kb.rules_data import load_rules

Place = tuple[str, int]  # source, start of a mention


@cache
def _home() -> tuple[str | None, frozenset[str]]:
    rules = load_rules("lexicon.yaml")
    return rules.get("home"), frozenset(o.casefold() for o in rules.get("home_offices") or [])


@cache
def _held_post_qualifiers() -> frozenset[str]:
    """Qualifiers that state the post the person holds, as the bare office does."""
    return frozenset(q.lower() for q in load_rules("people.yaml").get("held_post_qualifiers") or [])


def body_index(entities: list[Entity]) -> dict[Place, str]:
    """Where each body mention stands -> the address of its record ("bodies/csto"), and
    under (source, -1) the home organisation in the sources that name it."""
    home, _ = _home()
    index = {(m.source, m.start): f"bodies/{e.id}" for e in entities if e.kind == "bodies"
             for m in e.mentions}
    for e in entities:
        if e.kind == "bodies" and e.id == home:
            index.update({(m.source, -1): f"bodies/{e.id}" for m in e.mentions})
    return index


def _body_of(post, source: str, bodies: dict[Place, str]) -> str | None:
    """The record of the body an office names, or the home organisation's for one of its
    offices stated alone ("Secretary General Stanislav Zas") where the source names it."""
    if post.body_start is not None:
        return bodies.get((source, post.body_start))
    return bodies.get((source, -1)) if post.role.casefold() in _home()[1] else None


def posts_of(entity: Entity, bodies: dict[Place, str],
             date_of: Callable[[Mention], str | None]) -> list[dict]:
    """The posts of a person, each once per source (role, qualifier and body; "newly
    appointed Secretary General" and "Secretary General" are one post), at its first
    statement there; sorted by date, role and source."""
    found: dict[tuple, dict] = {}
    for m in sorted(entity.mentions, key=lambda m: (m.source, m.start)):
        for post in m.posts:
            body = _body_of(post, m.source, bodies)
            qualifier = None if post.qualifier in _held_post_qualifiers() else post.qualifier
            key = (post.role.casefold(), qualifier, body, m.source)
            if key in found:
                continue
            item = {"role": post.role, "body": body, "title": post.title, "source": m.source,
                    "paragraph": m.paragraph}
            if post.qualifier:
                item["qualifier"] = post.qualifier
            if post.rank:
                item["rank"] = post.rank
            if (date := date_of(m)):
                item["date"] = date
            found[key] = item
    named = {(p["source"], p["body"]) for p in found.values() if p["body"] and not _by_verb(p["title"])}
    kept = [p for p in found.values() if not (_by_verb(p["title"]) and (p["source"], p["body"]) in named)]
    return sorted(kept, key=lambda p: (p.get("date") or "", p["role"], p["source"],
                                       p["paragraph"], p["body"] or ""))


def _by_verb(title: str) -> bool:
    """Whether an office was read from a verb ("headed the Joint Staff", "the Joint Staff, led
    by"): where the source names the same body's office ("Chief of the Joint Staff"), the
    verb says it again."""
    verbs = load_rules("people.yaml").get("office_verbs") or {}
    return title.split()[0] in verbs or title.endswith(" by")
