"""The ``csto-kb`` command line: a thin layer over ``csto_kb.pipeline``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from csto_kb import __version__, interrupts
from csto_kb.config import Settings, default_jobs
from csto_kb.messages import error_line, shown

EXAMPLES = """examples:
  csto-kb build                         extract, then write data/records/, docs/ and site/
  csto-kb add ~/Downloads/report.txt    copy a document into data/sources/ and rebuild
  csto-kb check                         validate data/curation.yaml and data/records/
  csto-kb serve                         preview on http://127.0.0.1:8000/, rebuild on change
  csto-kb extract --sources DIR --out /tmp/records
  csto-kb export --format csv --out /tmp/tables   one CSV table per kind, from data/records/
"""

EXPORT_EXAMPLES = """examples:
  csto-kb export --format jsonl --out /tmp/kb      /tmp/kb/records.jsonl (one record a line)
                                                   and /tmp/kb/record.schema.json
  csto-kb export --format csv --out /tmp/kb        /tmp/kb/people.csv, bodies.csv, forces.csv,
                                                   operations.csv, dates.csv
  csto-kb export --format csv --out /tmp/kb --base-url https://kb.example.org/
                                                   the same, with absolute page addresses
  python -c "import json; [print(json.loads(l)['name']) for l in open('/tmp/kb/records.jsonl')]"

The files are those of the site's downloads/ folder (same bytes, without --base-url).
CSV cells that start with = + - @, a tab or a carriage return get a leading apostrophe,
so that a spreadsheet never takes source text for a formula.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                        help="project directory holding data/, docs/ and mkdocs.yml (default: .)")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    return value


def _jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=_count, default=default_jobs(), metavar="N",
                        help="processes (default and most: the number of cores, "
                             f"{default_jobs()} here)")


def _wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=_seconds, default=Settings.lock_wait, metavar="SECONDS",
                        help="how long to wait for another build of the project to finish "
                             f"(default {Settings.lock_wait:g})")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csto-kb", description="Turn news texts about the CSTO into a knowledge-base site.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"csto-kb {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cmd = sub.add_parser("build", help="run the whole pipeline and build the site",
                         description="Read data/sources/, extract, apply data/curation.yaml, "
                                     "write data/records/ and docs/, and build site/ with MkDocs. "
                                     "Nothing is replaced unless every stage succeeds.")
    _common(cmd)
    _jobs(cmd)
    _wait(cmd)
    cmd.add_argument("--strict", action="store_true",
                     help="fail on any warning (skipped file, unknown curation address ...)")
    cmd.set_defaults(func=_build)

    cmd = sub.add_parser("extract", help="extract records from a directory of documents",
                         description="Parse every .txt/.md document in SOURCES and write one "
                                     "YAML record per entity under OUT/<kind>/<id>.yaml. "
                                     "Touches nothing else.")
    cmd.add_argument("--sources", required=True, type=Path, metavar="DIR")
    cmd.add_argument("--out", required=True, type=Path, metavar="DIR")
    _jobs(cmd)
    cmd.set_defaults(func=_extract)

    cmd = sub.add_parser("add", help="add documents to data/sources/ and rebuild",
                         description="Copy each FILE into data/sources/ under a safe, unique "
                                     "name (a document whose content is already there is "
                                     "refused), then rebuild.")
    cmd.add_argument("files", nargs="+", type=Path, metavar="FILE")
    cmd.add_argument("--no-build", action="store_true", help="copy only, do not rebuild")
    _common(cmd)
    _jobs(cmd)
    _wait(cmd)
    cmd.set_defaults(func=_add)

    cmd = sub.add_parser("check", help="validate the curation file and the records",
                         description="Validate data/curation.yaml and data/records/ without "
                                     "building. Exit status 1 when a problem is found.")
    _common(cmd)
    cmd.set_defaults(func=_check)

    cmd = sub.add_parser("export", help="write the records as JSON Lines or CSV tables",
                         description="Write the records of data/records/ (built by 'csto-kb "
                                     "build') into OUT: all of them as JSON Lines "
                                     "(records.jsonl, with its JSON Schema), or one CSV table "
                                     "per kind. Touches nothing else.",
                         epilog=EXPORT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(cmd)
    cmd.add_argument("--format", required=True, choices=("jsonl", "csv"),
                     help="jsonl: every record, one JSON object a line; csv: a table per kind")
    cmd.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write into")
    cmd.add_argument("--base-url", default="", metavar="URL",
                     help="put URL before the page addresses of the CSV tables (default: "
                          "addresses from the site's root, such as people/stanislav-zas.html)")
    cmd.set_defaults(func=_export)

    cmd = sub.add_parser("serve", help="preview the site and rebuild on change",
                         description="Build, serve site/ on http://HOST:PORT/ and rebuild when a "
                                     "source or the curation file changes. Ctrl-C stops.")
    _common(cmd)
    _wait(cmd)
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8000,
                     help="port on HOST (default 8000; 0: any free port)")
    cmd.set_defaults(func=_serve)
    return parser


def _warn(lines) -> None:
    for line in lines:
        print(f"warning: {shown(line)}", file=sys.stderr)


def _settings(args: argparse.Namespace) -> Settings:
    """The settings of the command; a root that is no folder is refused before anything
    is made in it. Processes: at most the number of cores."""
    root = args.root.resolve()
    if not root.is_dir():
        raise ValueError(f"{root}: no such folder; give the project's folder (the one "
                         "holding data/sources/) with --root DIR")
    return Settings(root=root, strict=getattr(args, "strict", False),
                    jobs=min(getattr(args, "jobs", 1), default_jobs()),
                    lock_wait=getattr(args, "wait", Settings.lock_wait))


def _build(args: argparse.Namespace) -> int:
    from csto_kb import pipeline

    result = pipeline.build(_settings(args))
    _warn(result.warnings)
    print(shown(pipeline.summary(result)))
    return 0


def _extract(args: argparse.Namespace) -> int:
    from csto_kb import pipeline

    corpus = pipeline.extract(args.sources, args.out, jobs=min(args.jobs, default_jobs()))
    _warn(corpus.warnings)
    print(shown(f"{len(corpus.documents)} documents, {len(corpus.records)} records -> {args.out}"))
    return 0


def _add(args: argparse.Namespace) -> int:
    from csto_kb.lock import project_lock
    from csto_kb.sources.add import add_sources

    settings = _settings(args)
    with project_lock(settings):  # no build may read the sources halfway
        added, refused = add_sources(args.files, settings.sources_dir)
        for line in refused:
            print(f"refused: {shown(line)}", file=sys.stderr)
        for name in added:
            print(f"added: data/sources/{shown(name)}")
        if added and not args.no_build:
            return _build(args)
    return 1 if refused and not added else 0


def _check(args: argparse.Namespace) -> int:
    from csto_kb import pipeline

    problems = pipeline.check(_settings(args))
    for line in problems:
        print(shown(line), file=sys.stderr)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _export(args: argparse.Namespace) -> int:
    from csto_kb.exports.command import export

    url = args.base_url
    if url and not url.endswith("/"):
        url += "/"
    for path in export(_settings(args).records_dir, args.out, args.format, url):
        print(path)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from csto_kb.serve import serve

    serve(_settings(args), args.host, args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``csto-kb`` console script: every error is one line on stderr
    (``CSTO_KB_TRACEBACK=1`` shows where an unexpected one came from)."""
    args = _parser().parse_args(argv)
    interrupts.install()
    from csto_kb import progress

    progress.use(progress.for_terminal())
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("csto-kb: interrupted", file=sys.stderr)
        return 130
    except interrupts.Interrupted as stop:
        print(f"csto-kb: {stop}", file=sys.stderr)
        return 128 + stop.signum
    except Exception as exc:
        if os.environ.get("CSTO_KB_TRACEBACK") and not isinstance(exc, (OSError, ValueError,
                                                                         RuntimeError)):
            raise
        print(f"csto-kb: error: {shown(error_line(exc))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
