"""What a record file must hold (the :class:`~csto_kb.model.Record` type), checked when
records are loaded: every problem names the file and the line.

Records are read with libyaml's fast loader; only a file with a problem is parsed again,
node by node, to find the line of the field at fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import yaml

from csto_kb.model import KIND_OF_TYPE, SLUG, TYPE_OF_KIND, Record, is_slug
from csto_kb.reading import UnreadableFile, read_regular_file
from csto_kb.resolution.curation_apply import valid_date

REQUIRED = ("id", "type", "name", "mentions")
REF = re.compile(rf"(?:{'|'.join(TYPE_OF_KIND)})/{SLUG.pattern}")
_STRING_LISTS = ("aliases", "abbreviations")
_REF_LISTS = ("related", "entities")
_STRINGS = ("first_seen", "last_seen", "date", "event")

Where = tuple[str | int, ...]  # keys and indices from the top of the record to a value
Problem = tuple[Where, str]


class RecordError(ValueError):
    """A record file that cannot be read or is not a record: names the file and line."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _mention_problems(n: int, m: object) -> Iterator[Problem]:
    where: Where = ("mentions", n)
    if not isinstance(m, dict):
        yield where, f"mention {n + 1} is not a mapping"
        return
    for key in ("source", "quote"):
        if not isinstance(m.get(key), str) or not m[key]:
            yield where + (key,), f"mention {n + 1} has no {key}"
    if "paragraph" in m and not (_is_int(m["paragraph"]) and m["paragraph"] >= 0):
        yield where + ("paragraph",), f"mention {n + 1}: paragraph must be a number >= 0"
    spans = m.get("spans", [])
    if not isinstance(spans, list) or not all(
            isinstance(s, list) and len(s) == 2 and all(map(_is_int, s)) and 0 <= s[0] < s[1]
            for s in spans):
        yield where + ("spans",), f"mention {n + 1}: spans must be a list of [start, end]"


def problems(data: object, kind: str | None = None) -> list[Problem]:
    """What is wrong with ``data`` as a record (of ``kind``, when its folder says)."""
    if not isinstance(data, dict):
        return [((), "not a record (a mapping with id, type, name and mentions)")]
    found: list[Problem] = [((), f"missing {key}") for key in REQUIRED if key not in data]
    if "id" in data and not is_slug(data["id"]):
        found.append((("id",), f"id {data['id']!r} is not a slug (a-z, 0-9, hyphens)"))
    if "type" in data and data["type"] not in KIND_OF_TYPE:
        found.append((("type",), f"type {data['type']!r} is not one of "
                                 f"{', '.join(KIND_OF_TYPE)}"))
    elif kind is not None and "type" in data and data["type"] != TYPE_OF_KIND.get(kind):
        found.append((("type",), f"type {data['type']!r} does not match the folder {kind!r} "
                                 f"(expected {TYPE_OF_KIND.get(kind)!r})"))
    if "name" in data and (not isinstance(data["name"], str) or not data["name"].strip()):
        found.append((("name",), "name must be a non-empty string"))
    mentions = data.get("mentions", [])
    if not isinstance(mentions, list):
        found.append((("mentions",), "mentions must be a list"))
    else:
        for n, m in enumerate(mentions):
            found += _mention_problems(n, m)
    for key in _STRING_LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            found.append(((key,), f"{key} must be a list of names"))
    for key in _REF_LISTS:
        value = data.get(key, [])
        if not isinstance(value, list):
            found.append(((key,), f"{key} must be a list of record addresses"))
            continue
        found += [((key, n), f"{key}: {r!r} is not a record address like people/some-id")
                  for n, r in enumerate(value) if not (isinstance(r, str) and REF.fullmatch(r))]
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            found.append(((key,), f"{key} must be a string"))
    if data.get("type") == "date" and not valid_date(data.get("date")):
        found.append((("date",), f"date {data.get('date')!r} is not a date like 2022, "
                                 "2022-01, 2022-01-06 or 2000s"))
    titles = data.get("titles", [])
    if not isinstance(titles, list) or not all(
            isinstance(t, dict) and isinstance(t.get("title"), str) for t in titles):
        found.append((("titles",), "titles must be a list of mappings with a title"))
    return found


# libyaml's loader when PyYAML has it: fast, and it nests in C, not in Python's stack.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record file is never that large


def line_of(text: str, where: Where) -> int:
    """The line (from 1) of the value at ``where`` in the YAML ``text``, or of the
    nearest mapping or list above it that is there."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):  # too deep for Python's recursion: line 1
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for step in where:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def check_file(path: Path, kind: str | None = None) -> tuple[Record | None, list[str]]:
    """The record in the file ``path`` (in the folder of ``kind``, if given) and its
    problems, each ``file:line: problem`` (the record is None when the file holds no
    mapping)."""
    try:
        text = read_regular_file(Path(path), MAX_RECORD_BYTES).decode("utf-8")
    except UnreadableFile as exc:
        return None, [f"{path}:1: {exc.reason}"]
    except UnicodeDecodeError:
        return None, [f"{path}:1: not UTF-8 text"]
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = str(getattr(exc, "problem", None) or exc)
        if isinstance(exc, yaml.constructor.ConstructorError) and "for the tag" in problem:
            tag = problem.split("for the tag ", 1)[1].strip("'").replace("tag:yaml.org,2002:", "!!")
            problem = f"the tag {tag} is not allowed in a record"
        return None, [f"{path}:{line}: not valid YAML: {problem}"]
    except RecursionError:
        return None, [f"{path}:1: not valid YAML: nested too deeply"]
    found = problems(data, kind)
    if kind is not None and isinstance(data, dict) and "id" in data \
            and data["id"] != Path(path).stem:
        found.append((("id",), f"id {data['id']!r} does not match the file name "
                               f"{Path(path).name!r}"))
    record = cast(Record, data) if isinstance(data, dict) else None
    return record, [f"{path}:{line_of(text, where)}: {problem}" for where, problem in found]


def read_record(path: Path, kind: str | None = None) -> Record:
    """The record in the file ``path``, checked (see :func:`check_file`); raises
    :class:`RecordError` with its first problem."""
    record, found = check_file(path, kind)
    if found or record is None:
        raise RecordError(found[0] if found else f"{path}:1: not a record")
    return record
