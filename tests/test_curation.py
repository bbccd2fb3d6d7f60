"""The curation file: loading (with line numbers) and applying."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from csto_kb.resolution.curation import Curation, CurationError, load_curation

TYPES = {"people": "person", "bodies": "body", "forces": "force", "operations": "operation",
         "dates": "date"}


# ---------------------------------------------------------------- helpers

def mention(source: str = "doc", quote: str = "A sentence.", paragraph: int = 0) -> dict:
    return {"source": source, "quote": quote, "paragraph": paragraph, "text": "x"}


def rec(address: str, name: str | None = None, *, aliases=(), mentions=None, refs=(),
        **extra) -> dict:
    """A minimal record at ``address`` (``kind/id``) in the shape of records/build.py."""
    kind, rid = address.split("/")
    record = {"id": rid, "type": TYPES[kind], "name": name or rid.replace("-", " ").title(),
              "aliases": list(aliases),
              "mentions": mentions if mentions is not None else [mention(quote=f"About {rid}.")]}
    if kind == "people":
        record["titles"] = []
    if kind == "dates":
        record.update(date=rid, event=f"About {rid}.", entities=sorted(refs))
    else:
        record["related"] = sorted(refs)
    record.update(extra)
    return record


def by_address(records: list[dict]) -> dict[str, dict]:
    kinds = {v: k for k, v in TYPES.items()}
    return {f"{kinds[r['type']]}/{r['id']}": r for r in records}


def curation(**sections) -> Curation:
    """A Curation from plain Python values, as the loader would sort them."""
    return Curation(
        merge=tuple(sorted(tuple(g) for g in sections.get("merge", []))),
        rename=tuple(sorted(sections.get("rename", {}).items())),
        retype=tuple(sorted(sections.get("retype", {}).items())),
        reject=tuple(sorted(sections.get("reject", []))),
        aliases=tuple(sorted((a, tuple(n)) for a, n in sections.get("aliases", {}).items())))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CurationError) as info:
        load_curation(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    return message[len(str(path)) + 1:]


# ---------------------------------------------------------------- loading

def test_missing_or_empty_file_is_no_curation(tmp_path):
    assert load_curation(tmp_path / "nope.yaml") == Curation.empty()
    assert load_curation(write(tmp_path, "")) == Curation.empty()
    assert load_curation(write(tmp_path, "# nothing yet\n")) == Curation.empty()
    assert load_curation(write(tmp_path, "merge:\nreject: []\n")) == Curation.empty()


def test_full_file_is_read_and_sorted(tmp_path):
    path = write(tmp_path, """
        merge:
          - [people/sergey-lavrov, people/sergei-lavrov]
          - [bodies/b, bodies/a]
        rename:
          people/stanislav-zas: "  Stanislav   Vasilievich Zas "
        retype:
          bodies/unifil: operations
        reject:
          - bodies/z
          - bodies/international-structures
          - bodies/z
        aliases:
          operations/mercenary: [Operation Mercenary, mercenary op, Operation Mercenary]
    """)
    c = load_curation(path)
    assert c.merge == (("bodies/b", "bodies/a"), ("people/sergey-lavrov", "people/sergei-lavrov"))
    assert c.rename == (("people/stanislav-zas", "Stanislav Vasilievich Zas"),)
    assert c.retype == (("bodies/unifil", "operations"),)
    assert c.reject == ("bodies/international-structures", "bodies/z")
    assert c.aliases == (("operations/mercenary", ("mercenary op", "Operation Mercenary")),)


@pytest.mark.parametrize("text, expected", [
    ("merge:\n  - [people/a, people/b]\n  - people/c\n",
     "3: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("# comment\n\n\nmerge:\n  - [people/a]\n",
     "5: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("merge: people/a\n",
     "1: merge: each entry must be a list of at least two record addresses like people/some-id"),
    ("retype:\n  bodies/x: people\n  bodies/unifil: organisations\n",
     "3: retype: unknown kind 'organisations' (one of people, bodies, forces, operations, dates)"),
    ("retype:\n  bodies/x: bodies\n", "2: retype: bodies/x is already in bodies"),
    ("retype:\n  bodies/x: operations\n  operations/x: forces\n",
     "2: retype: bodies/x would move onto operations/x, which is itself retyped"),
    ("reject:\n  - bodies/ok\n  - Bodies/Bad\n",
     "3: reject: unknown kind 'Bodies' in 'Bodies/Bad' (one of people, bodies, forces, "
     "operations, dates)"),
    ("reject:\n  - nobody\n", "2: reject: 'nobody' is not a record address like people/some-id"),
    ("reject:\n  - people/Not_A_Slug\n",
     "2: reject: 'people/Not_A_Slug' is not a record address like people/some-id "
     "(ids are lower-case letters, digits and hyphens)"),
    ("reject:\n  - [people/a]\n", "2: reject: this is not a record address like people/some-id"),
    ("reject: people/a\n", "1: reject: must be a list of record addresses like people/some-id"),
    ("rename:\n  people/a: A\n  people/b: '  '\n", "3: rename: people/b: the new name is empty"),
    ("rename:\n  people/b:\n", "2: rename: people/b: the new name is empty"),
    ("rename:\n  - people/a\n", "2: rename: must be a mapping of record address to new name"),
    ("retype:\n  bodies/x: operations\nrename:\n  bodies/x: X\n  operations/x: Y\n",
     "5: rename: operations/x is renamed twice (also as bodies/x)"),
    ("aliases:\n  people/a: Just One\n", "2: aliases: people/a: must be a list of names"),
    ("aliases:\n  people/a:\n    - ok\n    - {not: a string}\n",
     "4: aliases: people/a: every alias must be a non-empty string"),
    ("aliases:\n  people/a: [Foo]\n  people/b: [foo]\n",
     "3: aliases: 'foo' is given for both people/a and people/b"),
    ("merge:\n  - [people/a, people/b]\n  - [people/c, people/b]\n",
     "3: merge: people/b is already in the merge on line 2"),
    ("merge:\n  - [people/a, people/a]\n", "2: merge: people/a is already in the merge on line 2"),
    ("retype:\n  bodies/x: operations\nmerge:\n  - [operations/y, bodies/x]\n"
     "  - [operations/x, operations/z]\n",
     "5: merge: operations/x is already in the merge on line 4"),
    ("merge: []\nrenames:\n  people/a: B\n",
     "2: unknown section 'renames' (one of merge, rename, retype, reject, aliases, reject_facts)"),
    ("reject: []\nreject: []\n", "2: the file: 'reject' is given twice"),
    ("- people/a\n", "1: the file must be a mapping with sections merge, rename, retype, "
                     "reject, aliases"),
    ("merge:\n  - [people/a, people/b\nreject: []\n", "3: YAML syntax error: "),
    ("rename:\n  people/a: \"unclosed\n", "3: YAML syntax error: "),
    ("reject:\n\t- people/a\n", "2: YAML syntax error: "),
])
def test_errors_name_the_line(tmp_path, text, expected):
    assert load_error(tmp_path, text).startswith(expected)


def test_error_message_names_the_file(tmp_path):
    path = write(tmp_path, "retype:\n  bodies/unifil: organisations\n")
    with pytest.raises(CurationError, match=r"curation\.yaml:2: retype: unknown kind") as info:
        load_curation(path)
    assert isinstance(info.value, ValueError)


def test_fingerprint_is_stable_and_tracks_content(tmp_path):
    a = load_curation(write(tmp_path, "reject: [bodies/b, bodies/a]\n"))
    b = load_curation(write(tmp_path, "reject:\n  - bodies/a\n  - bodies/b\n"))
    c = load_curation(write(tmp_path, "reject: [bodies/a]\n"))
    assert a.fingerprint() == b.fingerprint() != c.fingerprint()
    assert Curation.empty().fingerprint() == Curation.empty().fingerprint()
    assert len(a.fingerprint()) == 64


def test_recognised_names_follow_retype_and_skip_dates():
    c = curation(retype={"bodies/unifil": "operations"},
                 aliases={"bodies/unifil": ["UNIFIL mission"], "people/zas": ["S. Zas"],
                          "dates/2022-01-06": ["Epiphany 2022"]})
    assert c.recognised_names() == {"S. Zas": "people", "UNIFIL mission": "operations"}
    assert Curation.empty().recognised_names() == {}
