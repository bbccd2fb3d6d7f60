"""``csto-kb-properdocs``: the ``csto-kb`` command on ProperDocs instead of MkDocs 1.6.

MkDocs 1.x gets no releases; ProperDocs (the ``properdocs`` extra, pinned) is its
maintained fork and builds the same site (``tests/test_engines.py``). Its module
``properdocs.replacement`` makes every later ``import mkdocs...`` load ``properdocs...``,
so csto-kb, Material and its plugins run on it unchanged, provided nothing imported
MkDocs before: hence a command of its own, which switches first.
"""

from __future__ import annotations

import sys

__all__ = ["main", "use_properdocs"]


def use_properdocs() -> None:
    """Make ``mkdocs`` and its modules ProperDocs' for the rest of this process."""
    loaded = sorted(name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs."))
    if loaded and sys.modules["mkdocs"].__name__ != "properdocs":
        raise RuntimeError(f"MkDocs is already loaded ({', '.join(loaded[:3])}): cannot switch to ProperDocs")
    try:
        import properdocs.replacement  # noqa: F401  (the import does the switch)
    except ImportError as exc:
        raise RuntimeError("ProperDocs is not installed: pip install -e '.[properdocs]'") from exc


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``csto-kb-properdocs`` console script: ``csto-kb`` on ProperDocs."""
    try:
        use_properdocs()
    except RuntimeError as exc:
        print(f"csto-kb: error: {exc}", file=sys.stderr)
        return 1
    from csto_kb.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
