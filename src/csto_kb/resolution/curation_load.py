"""Reading ``data/curation.yaml``: a person's corrections to the extracted records.

The file is parsed with ``yaml.compose`` so that every problem names the line of the
offending node: ``CurationError("data/curation.yaml:4: merge: ...")``. Records are
addressed as ``<kind>/<id>``; see ``csto_kb.resolution.curation`` for the sections.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from csto_kb.model import KINDS, is_slug
from csto_kb.resolution.curation_facts import FactRule, read_reject_facts

SECTIONS = ("merge", "rename", "retype", "reject", "aliases", "reject_facts")
_KINDS_TEXT = ", ".join(KINDS)
_MERGE_SHAPE = "each entry must be a list of at least two record addresses like people/some-id"


class CurationError(ValueError):
    """An invalid curation file: ``"<file>:<line>: <problem>"`` (line 1-based)."""


@dataclass(frozen=True)
class Curation:
    """The parsed curation file; every field sorted, so equal files give equal objects."""

    merge: tuple[tuple[str, ...], ...] = ()  # the first address absorbs the rest
    rename: tuple[tuple[str, str], ...] = ()  # (address, new name)
    retype: tuple[tuple[str, str], ...] = ()  # (address, target kind)
    reject: tuple[str, ...] = ()
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (address, extra names)
    reject_facts: tuple[tuple[str, tuple[FactRule, ...]], ...] = ()  # (address, its facts to reject)

    @classmethod
    def empty(cls) -> Curation:
        """No curation at all."""
        return cls()

    def fingerprint(self) -> str:
        """A stable hash of the content (for cache keys): equal curations, equal strings."""
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()

    def moved(self, address: str) -> str:
        """Where ``address`` lives after the retype section (itself when not retyped)."""
        target = dict(self.retype).get(address)
        return f"{target}/{address.split('/', 1)[1]}" if target else address

    def recognised_names(self) -> dict[str, str]:
        """Alias name -> kind (after any retype), for the extractor to recognise these
        names in new documents. Dates are left out: a date is recognised by its value."""
        names = {}
        for address, extra in self.aliases:
            kind = self.moved(address).split("/", 1)[0]
            if kind != "dates":
                names.update(dict.fromkeys(extra, kind))
        return dict(sorted(names.items()))


def load_curation(path: Path) -> Curation:
    """The curation in ``path``; a missing or empty file is ``Curation.empty()``.

    Raises ``CurationError`` ("<file>:<line>: <problem>") on anything invalid.
    """
    path = Path(path)
    if not path.exists():
        return Curation.empty()
    root = _compose(path)
    if root is None or _is_null(root):
        return Curation.empty()
    return _Reader(str(path)).read(root)


def _compose(path: Path) -> yaml.Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(f"{path}:1: not UTF-8 text ({exc.reason})") from exc
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise CurationError(f"{path}:{line}: YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise CurationError(f"{path}:1: YAML syntax error: {exc}") from exc


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _text(node: yaml.Node) -> str | None:
    """The text of a non-null scalar, else None."""
    if isinstance(node, yaml.ScalarNode) and not _is_null(node):
        return node.value
    return None


class _Reader:
    """Turns the composed node tree into a ``Curation``, checking as it goes."""

    def __init__(self, filename: str):
        self.filename = filename

    def fail(self, node: yaml.Node, problem: str) -> CurationError:
        return CurationError(f"{self.filename}:{node.start_mark.line + 1}: {problem}")

    def read(self, root: yaml.Node) -> Curation:
        if not isinstance(root, yaml.MappingNode):
            raise self.fail(root, f"the file must be a mapping with sections {', '.join(SECTIONS)}")
        nodes = self.mapping(root, "the file")
        for key, (key_node, _) in nodes.items():
            if key not in SECTIONS:
                raise self.fail(key_node, f"unknown section {key!r} (one of {', '.join(SECTIONS)})")
        get = {s: nodes[s][1] for s in SECTIONS if s in nodes and not _is_null(nodes[s][1])}
        retype = self.retype(get["retype"]) if "retype" in get else {}
        curation = Curation(retype=tuple(sorted(retype.items())))
        merge = self.merge(get["merge"], curation) if "merge" in get else ()
        rename = self.rename(get["rename"], curation) if "rename" in get else {}
        reject = self.reject(get["reject"]) if "reject" in get else ()
        aliases = self.aliases(get["aliases"], curation) if "aliases" in get else {}
        facts = read_reject_facts(self, get["reject_facts"]) if "reject_facts" in get else ()
        return Curation(merge=merge, rename=tuple(sorted(rename.items())),
                        retype=curation.retype, reject=reject,
                        aliases=tuple(sorted(aliases.items())), reject_facts=facts)

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Key text -> (key node, value node); duplicate or non-scalar keys are errors."""
        out = {}
        for key_node, value_node in node.value:
            key = _text(key_node)
            if key is None:
                raise self.fail(key_node, f"{what}: keys must be plain text")
            if key in out:
                raise self.fail(key_node, f"{what}: {key!r} is given twice")
            out[key] = (key_node, value_node)
        return out

    def address(self, node: yaml.Node, section: str) -> str:
        value = _text(node)
        kind, _, slug = (value or "").partition("/")
        if value is None or not slug:
            shown = repr(value) if value is not None else "this"
            raise self.fail(node, f"{section}: {shown} is not a record address like people/some-id")
        if kind not in KINDS:
            raise self.fail(node, f"{section}: unknown kind {kind!r} in {value!r} (one of {_KINDS_TEXT})")
        if not is_slug(slug):
            raise self.fail(node, f"{section}: {value!r} is not a record address like people/some-id "
                                  "(ids are lower-case letters, digits and hyphens)")
        return value

    def section_mapping(self, node: yaml.Node, section: str, shape: str) -> dict:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{section}: must be a mapping of {shape}")
        return self.mapping(node, section)

    def retype(self, node: yaml.Node) -> dict[str, str]:
        entries = self.section_mapping(node, "retype", "record address to kind")
        out = {}
        for key, (key_node, value_node) in entries.items():
            address = self.address(key_node, "retype")
            kind = _text(value_node)
            if kind not in KINDS:
                raise self.fail(value_node, f"retype: unknown kind {kind!r} (one of {_KINDS_TEXT})")
            if kind == address.split("/", 1)[0]:
                raise self.fail(value_node, f"retype: {address} is already in {kind}")
            out[address] = kind
        for address, kind in out.items():
            target = f"{kind}/{address.split('/', 1)[1]}"
            if target in out:
                raise self.fail(entries[address][0], f"retype: {address} would move onto {target}, "
                                                     "which is itself retyped")
        return out

    def merge(self, node: yaml.Node, curation: Curation) -> tuple[tuple[str, ...], ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"merge: {_MERGE_SHAPE}")
        seen: dict[str, int] = {}
        groups = []
        for entry in node.value:
            if not isinstance(entry, yaml.SequenceNode) or len(entry.value) < 2:
                raise self.fail(entry, f"merge: {_MERGE_SHAPE}")
            group = []
            for item in entry.value:
                address = self.address(item, "merge")
                where = curation.moved(address)
                if where in seen:
                    raise self.fail(item, f"merge: {address} is already in the merge on line {seen[where]}")
                seen[where] = entry.start_mark.line + 1
                group.append(address)
            groups.append(tuple(group))
        return tuple(sorted(groups))

    def rename(self, node: yaml.Node, curation: Curation) -> dict[str, str]:
        entries = self.section_mapping(node, "rename", "record address to new name")
        out: dict[str, str] = {}
        where: dict[str, str] = {}
        for key, (key_node, value_node) in entries.items():
            address = self.address(key_node, "rename")
            name = " ".join((_text(value_node) or "").split())
            if not name:
                raise self.fail(value_node, f"rename: {address}: the new name is empty")
            moved = curation.moved(address)
            if moved in where:
                raise self.fail(key_node, f"rename: {address} is renamed twice (also as {where[moved]})")
            where[moved] = address
            out[address] = name
        return out

    def reject(self, node: yaml.Node) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "reject: must be a list of record addresses like people/some-id")
        return tuple(sorted({self.address(item, "reject") for item in node.value}))

    def aliases(self, node: yaml.Node, curation: Curation) -> dict[str, tuple[str, ...]]:
        entries = self.section_mapping(node, "aliases", "record address to a list of names")
        out: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}
        for key, (key_node, value_node) in entries.items():
            address = self.address(key_node, "aliases")
            moved = curation.moved(address)
            if not isinstance(value_node, yaml.SequenceNode):
                raise self.fail(value_node, f"aliases: {address}: must be a list of names")
            names = set(out.get(address, ()))
            for item in value_node.value:
                name = " ".join((_text(item) or "").split())
                if not isinstance(item, yaml.ScalarNode) or not name:
                    raise self.fail(item, f"aliases: {address}: every alias must be a non-empty string")
                other = owner.setdefault(name.casefold(), moved)
                if other != moved:
                    raise self.fail(item, f"aliases: {name!r} is given for both {other} and {address}")
                names.add(name)
            out[address] = tuple(sorted(names, key=lambda f: (f.casefold(), f)))
        return out
