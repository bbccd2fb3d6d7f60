"""The ``csto-kb`` command line: a thin layer over ``csto_kb.pipeline``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csto_kb import __version__, pipeline

EXAMPLES = """examples:
  csto-kb build                      extract, write data/records/, docs/ and site/
  csto-kb extract --sources data/sources --out /tmp/records
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csto-kb", description="Turn news texts about the CSTO into a knowledge-base site.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"csto-kb {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ext = sub.add_parser("extract", help="extract records from a directory of documents",
                         description="Parse every .txt/.md document in SOURCES and write one "
                                     "YAML record per entity under OUT/<kind>/<id>.yaml. "
                                     "Touches nothing else.")
    ext.add_argument("--sources", required=True, type=Path, metavar="DIR")
    ext.add_argument("--out", required=True, type=Path, metavar="DIR")
    ext.set_defaults(func=_extract)
    return parser


def _extract(args: argparse.Namespace) -> int:
    corpus = pipeline.extract(args.sources, args.out)
    for line in corpus.warnings:
        print(f"warning: {line}", file=sys.stderr)
    print(f"{len(corpus.documents)} documents, {len(corpus.records)} records -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``csto-kb`` console script."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except (OSError, ValueError) as exc:
        print(f"csto-kb: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
