"""Plain YAML only in the files a person writes (front matter, the curation file): no
anchors or aliases, no tags but YAML's own (``!!python/object`` and the like name code
to run), nesting at most :data:`MAX_DEPTH` levels.

Such files never need more, and hostile values would otherwise be read ("a: &a [*a]"
is a list holding itself; nested aliases expand exponentially) or refused differently
by each PyYAML release (deep nesting exhausts Python's recursion). :func:`check_plain`
scans the tokens (no recursion) and names the line of the first problem.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 50

_OPENS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
          yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
_YAML_TAGS = {"str", "seq", "map", "null", "bool", "int", "float"}


class NotPlainYAML(ValueError):
    """YAML that is not plain; ``line`` (from 1) is where the problem is."""

    def __init__(self, problem: str, line: int):
        self.problem = problem
        self.line = line
        super().__init__(problem)


def _tag(token: yaml.TagToken) -> str:
    handle, suffix = token.value
    return f"{handle or ''}{suffix}"


def check_plain(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`NotPlainYAML` if ``text`` holds an anchor, an alias, a tag other
    than YAML's own (``!!str``, ``!!int``...) or nesting deeper than ``max_depth``;
    a YAML syntax error is raised as PyYAML raises it."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        line = token.start_mark.line + 1
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            raise NotPlainYAML("YAML anchors and aliases are not allowed", line)
        if isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            if handle != "!!" or suffix not in _YAML_TAGS:
                raise NotPlainYAML(f"the tag {_tag(token)} is not allowed (plain YAML only: "
                                   "text, numbers, lists and mappings)", line)
        if isinstance(token, _OPENS):
            depth += 1
            if depth > max_depth:
                raise NotPlainYAML(f"nested too deeply (more than {max_depth} levels)", line)
        elif isinstance(token, _CLOSES):
            depth -= 1
