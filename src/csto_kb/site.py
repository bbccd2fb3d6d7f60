"""Building the static site with MkDocs, atomically.

:func:`build_site` runs MkDocs through its Python API into a fresh directory beside the
target and swaps it into place only when the build succeeded; with ``strict`` every
warning MkDocs logs (a broken link, a missing anchor, a configuration warning) fails
the build, as ``mkdocs build --strict`` does. A failed build leaves the previous site
untouched and raises :class:`SiteBuildError` carrying the warnings.

Search: a site of more than ``extra.csto_kb.pagefind_above`` Markdown pages (mkdocs.yml;
default 2,000) is built without Material's search plugin and indexed with Pagefind in
the temporary directory, before the swap; a smaller one keeps Material's search. What both
index is marked in the page templates and the theme; see :mod:`csto_kb.search`.

The theme overrides (Pagefind's search box, in ``csto_kb/theme/``) are package data: a
build uses them as Material's ``theme.custom_dir``, unless mkdocs.yml names a
``custom_dir`` of the project's own, so that an installed csto-kb builds the same site
as a checkout.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from csto_kb import search
from csto_kb.fsutil import swap_dir

__all__ = ["SiteBuildError", "build_site"]

log = logging.getLogger(__name__)


class SiteBuildError(RuntimeError):
    """MkDocs failed, or logged warnings in strict mode; ``warnings`` lists the messages."""

    def __init__(self, message: str, warnings: list[str] | tuple[str, ...] = ()):
        self.warnings = list(warnings)
        details = "".join(f"\n  - {w}" for w in self.warnings)
        super().__init__(message + details)


class _Collect(logging.Handler):
    """Remembers the messages of WARNING and above logged under ``mkdocs``."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(f"{record.levelname}: {record.getMessage()}")
        except Exception:  # a broken log call must not hide the build result
            self.messages.append(f"{record.levelname}: {record.msg!r}")


# The theme overrides shipped with the package.
THEME_DIR = Path(__file__).resolve().parent / "theme"


def _read_config(config_file: Path) -> dict:
    """mkdocs.yml as a plain mapping (MkDocs' own YAML loader: !ENV, INHERIT)."""
    from mkdocs.utils import yaml_load

    try:
        with open(config_file, "rb") as fd:
            raw = yaml_load(fd)
    except Exception as exc:  # a YAML error, an INHERIT that is missing
        raise SiteBuildError(f"cannot read {config_file}: {exc}") from exc
    if not isinstance(raw, dict):
        raise SiteBuildError(f"{config_file} is not a mapping")
    return raw


def _config_overrides(raw: dict, config_file: Path, engine: str) -> dict:
    """The options that replace mkdocs.yml's at load time for the search ``engine``."""
    overrides: dict[str, Any] = {}
    theme = raw.get("theme")
    if isinstance(theme, dict):
        custom = theme.get("custom_dir")
        if not custom or not (config_file.parent / str(custom)).is_dir():
            overrides["theme"] = {**theme, "custom_dir": str(THEME_DIR)}
    if engine == search.PAGEFIND:
        plugins = raw.get("plugins")
        if plugins is None:
            plugins = []  # MkDocs' default is [search]
        elif isinstance(plugins, dict):
            plugins = {k: v for k, v in plugins.items() if k not in ("search", "material/search")}
        else:
            plugins = [p for p in plugins
                       if (p if isinstance(p, str) else next(iter(p), None))
                       not in ("search", "material/search")]
        overrides["plugins"] = plugins
    return overrides


def _run_mkdocs(config_file: Path, out_dir: Path, strict: bool,
                docs_dir: Path | None = None, engine: str = search.MATERIAL,
                raw: dict | None = None) -> list[str]:
    """Build with MkDocs into ``out_dir``; return the warnings; raise on failure.

    ``engine`` is the site search (:data:`csto_kb.search.MATERIAL` or ``PAGEFIND``);
    ``raw`` is mkdocs.yml as read by :func:`_read_config` (read again when omitted).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        extra = {"docs_dir": str(docs_dir)} if docs_dir is not None else {}
        extra.update(_config_overrides(raw if raw is not None else _read_config(config_file),
                                       config_file, engine))
        cfg = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=strict, **extra)
        settings = cfg.extra.get("csto_kb")
        cfg.extra["csto_kb"] = {**(settings if isinstance(settings, dict) else {}), "search": engine}
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
    except Exception as exc:  # mkdocs' Abort (a ClickException), ConfigurationError, ...
        raise SiteBuildError(f"MkDocs build failed: {exc}", collector.messages) from exc
    finally:
        logger.removeHandler(collector)
    if strict and collector.messages:
        raise SiteBuildError("MkDocs logged warnings in strict mode", collector.messages)
    return collector.messages


def build_site(project_root: Path, site_dir: Path, strict: bool = True,
               docs_dir: Path | None = None) -> None:
    """Build the site of ``project_root`` (its ``mkdocs.yml`` and docs/) into ``site_dir``.

    The build goes to a temporary directory beside ``site_dir``, which replaces
    ``site_dir`` only when MkDocs succeeded (and, with ``strict``, logged no warning)
    and, for a site of more than ``extra.csto_kb.pagefind_above`` pages (mkdocs.yml,
    default 2,000), Pagefind indexed it. Raises :class:`SiteBuildError` otherwise;
    ``site_dir`` is then left as it was.
    """
    project_root, site_dir = Path(project_root).resolve(), Path(site_dir).resolve()
    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteBuildError(f"no mkdocs.yml in {project_root}")
    raw = _read_config(config_file)
    docs = Path(docs_dir).resolve() if docs_dir else config_file.parent / raw.get("docs_dir", "docs")
    try:
        threshold = search.pagefind_above(raw.get("extra") if isinstance(raw.get("extra"), dict)
                                          else None)
    except ValueError as exc:
        raise SiteBuildError(f"{config_file}: {exc}") from exc
    pages = search.count_pages(docs)
    engine = search.choose_engine(pages, threshold)
    log.info("%d pages, search with %s (Pagefind above %d pages)", pages, engine, threshold)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        start = time.monotonic()
        _run_mkdocs(config_file, tmp, strict, Path(docs_dir).resolve() if docs_dir else None,
                    engine, raw)
        if engine == search.PAGEFIND:
            try:
                search.run_pagefind(tmp)
            except search.PagefindError as exc:
                raise SiteBuildError(str(exc)) from exc
        swap_dir(tmp, site_dir)
        log.info("site built into %s in %.2f s", site_dir, time.monotonic() - start)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
