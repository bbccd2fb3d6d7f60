"""Template contexts for the facts of a record: a person's posts, a body's office holders
and parts, what an entity took part in and who met whom, the events of a date. Every
fact is shown with a link to the sentence that states it (its source's paragraph); dates
are the dates of the news items that state a fact, shown as evidence ("as of"), never as
a term of office."""

from __future__ import annotations

from collections.abc import Iterable

from . import dates
from .catalog import Entry
from .escape import Md, md_escape
from .scope import Scope

MAX_POSTS = 20  # (role, body) groups on a person's page
MAX_HOLDERS = 10  # holders of one role on a body's page
MAX_ROLES = 20
MAX_FACTS = 30  # relations of one type
MAX_EVENTS = 30  # events on a date's page
MAX_EVENT_LINKS = 5  # entities listed with one event
RELATION_LABELS = {"part_of": "Part of", "has_part": "Parts", "took_part_in": "Took part in",
                   "participant": "Participants", "met_with": "Met with"}


def _items(record: object, field: str) -> list[dict]:
    values = record.get(field) if isinstance(record, dict) else None
    return [v for v in values or () if isinstance(v, dict)] if isinstance(values, list) else []


def sentence_link(scope: Scope, item: dict, from_path: str, label: str | None = None) -> Md:
    """A link to the paragraph of the source that states ``item`` ("¶ 12", or ``label``);
    to the source page when it has no such paragraph; text when the site has no such source."""
    source, paragraph = item.get("source"), item.get("paragraph")
    if label is None:
        found = scope.paragraph_anchor(source, paragraph) is not None
        label = f"¶&#160;{paragraph}" if found else "source"
    return scope.source_link(source, from_path, paragraph, label=Md(label))


def _as_of(stated: Iterable[object]) -> str:
    """"as of 28 June 2019" or "as of 2019 – 2022": the earliest and latest item dates."""
    found = sorted({str(d) for d in stated if d}, key=dates.sort_key)
    if not found:
        return ""
    span = [dates.display(d) for d in dict.fromkeys(found[:1] + found[-1:])]
    return "as of " + " – ".join(span)


def posts_rows(scope: Scope, entry: Entry) -> tuple[list[dict], int]:
    """A person's posts, each (role, qualifier, body) once, the newest evidence first: role,
    linked body (or the title as stated when it names none), "as of" dates, the sentence
    that states it last and how many more sources do."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for post in _items(entry.record, "posts"):
        key = (str(post.get("role") or ""), str(post.get("qualifier") or ""), str(post.get("body") or ""))
        if key[0]:
            groups.setdefault(key, []).append(post)
    keyed: list[tuple[tuple, dict]] = []
    for (role, qualifier, body), posts in groups.items():
        posts.sort(key=lambda p: (dates.sort_key(p.get("date")), str(p.get("source"))))
        last = posts[-1]
        stated = " ".join(str(last.get("title") or "").split())
        latest = dates.sort_key(last.get("date"))
        keyed.append(((latest[0] == 0, latest), {  # undated last
            "role": md_escape(role),
            "qualifier": md_escape(qualifier) if qualifier else None,
            "body": scope.entity_link(body, entry.path) if body else None,
            "stated": md_escape(stated) if not body and stated.casefold() != role.casefold() else None,
            "as_of": _as_of(p.get("date") for p in posts),
            "source": sentence_link(scope, last, entry.path, "source"),
            "more": len({str(p.get("source")) for p in posts}) - 1,
        }))
    keyed.sort(key=lambda kr: kr[0], reverse=True)
    rows = [row for _, row in keyed]
    return rows[:MAX_POSTS], max(0, len(rows) - MAX_POSTS)


def ranks_of(entry: Entry) -> list[str]:
    """The ranks stated with a person's posts, latest first, each once."""
    posts = sorted(_items(entry.record, "posts"), key=lambda p: dates.sort_key(p.get("date")),
                   reverse=True)
    return list(dict.fromkeys(str(p["rank"]) for p in posts if p.get("rank")))


def holders_rows(scope: Scope, entry: Entry) -> list[dict]:
    """A body's office holders by role, the newest evidence first (as records/relations.py
    orders them): linked person, "as of", the sentence."""
    roles: dict[str, dict[str, list[dict]]] = {}  # role -> person -> statements, newest first
    for item in _items(entry.record, "office_holders"):
        role, person = str(item.get("role") or ""), str(item.get("person") or "")
        if role and person:
            roles.setdefault(role, {}).setdefault(person, []).append(item)
    out = []
    for role, holders in list(roles.items())[:MAX_ROLES]:
        rows = [{"person": scope.entity_link(person, entry.path),
                 "as_of": _as_of(i.get("date") for i in items),
                 "source": sentence_link(scope, items[0], entry.path, "source")}
                for person, items in holders.items()]
        out.append({"role": md_escape(role), "holders": rows[:MAX_HOLDERS],
                    "more": max(0, len(rows) - MAX_HOLDERS)})
    return out


def relation_groups(scope: Scope, entry: Entry) -> list[dict]:
    """The relations of a record by type: each other record once, linked, with the date and
    the sentence of its latest statement."""
    by_type: dict[str, dict[str, dict]] = {}
    for fact in _items(entry.record, "relations"):
        kind, other = str(fact.get("type") or ""), str(fact.get("ref") or "")
        if kind in RELATION_LABELS and other:
            known = by_type.setdefault(kind, {})
            if other not in known or dates.sort_key(fact.get("date")) >= dates.sort_key(known[other].get("date")):
                known[other] = fact
    groups = []
    for kind, label in RELATION_LABELS.items():
        facts = sorted(by_type.get(kind, {}).values(), key=lambda f: str(f.get("ref")))
        if not facts:
            continue
        items = [{"link": scope.entity_link(f.get("ref"), entry.path),
                  "date": dates.display(f.get("date")),
                  "source": sentence_link(scope, f, entry.path)} for f in facts[:MAX_FACTS]]
        groups.append({"label": label, "facts": items, "more": max(0, len(facts) - MAX_FACTS)})
    return groups


def event_rows(scope: Scope, events: Iterable[dict], from_path: str,
               limit: int = MAX_EVENTS) -> list[dict]:
    """Events as rows: the sentence (trimmed), a link to its paragraph, the entities in it
    (at most MAX_EVENT_LINKS: a busy sentence must not make the page grow)."""
    rows = []
    for event in list(events)[:limit]:
        refs = [r for r in event.get("entities") or () if isinstance(r, str) and r in scope.entities]
        more = [Md(f"and {len(refs) - MAX_EVENT_LINKS} more")] if len(refs) > MAX_EVENT_LINKS else []
        rows.append({
            "quote": md_escape(trim(str(event.get("quote") or ""), 400)),
            "source": sentence_link(scope, event, from_path),
            "entities": [scope.entity_link(r, from_path) for r in refs[:MAX_EVENT_LINKS]] + more,
        })
    return rows


def events_of(entry: Entry) -> list[dict]:
    """The events of a date record."""
    return _items(entry.record, "events")


def trim(sentence: str, limit: int = 240) -> str:
    """A sentence on one line, cut at a word boundary after ``limit`` characters."""
    sentence = " ".join(sentence.split()).strip(" -–—•")
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def facts_context(scope: Scope, entry: Entry) -> dict:
    """The facts part of an entity page's context."""
    posts, more_posts = posts_rows(scope, entry)
    return {"posts": posts, "more_posts": more_posts, "ranks": ranks_of(entry),
            "holders": holders_rows(scope, entry), "relations": relation_groups(scope, entry)}


def fact_refs(record: object) -> list[str]:
    """The records a page of ``record`` links to for its facts (for its scope)."""
    refs = [str(p.get("body")) for p in _items(record, "posts") if p.get("body")]
    refs += [str(h.get("person")) for h in _items(record, "office_holders") if h.get("person")]
    refs += [str(f.get("ref")) for f in _items(record, "relations") if f.get("ref")]
    refs += [r for e in _items(record, "events") for r in e.get("entities") or () if isinstance(r, str)]
    return refs


def fact_sources(record: object) -> list[str]:
    """The sources a page of ``record`` links to for its facts (for its scope)."""
    return [str(item.get("source")) for field in ("posts", "office_holders", "relations", "events")
            for item in _items(record, field) if item.get("source")]
