"""Running MkDocs through its Python API: the configuration csto-kb loads (its theme
overrides, the search engine's plugins), warnings collected for strict mode, and the
plugins csto-kb adds (search markup; an incremental build's, :mod:`csto_kb.site_plugin`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from csto_kb import search
from csto_kb.site_plugin import IncrementalSite

__all__ = ["THEME_DIR", "SiteBuildError", "load_site_config", "read_config", "run_mkdocs"]


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


def read_config(config_file: Path) -> dict:
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


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links wrong; the plugin
    of an incremental build (:mod:`csto_kb.site_plugin`) keeps them right, so the
    warning, which strict mode would count, is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def load_site_config(config_file: Path, out_dir: Path, strict: bool, docs_dir: Path | None,
                     engine: str, raw: dict | None) -> Any:
    """MkDocs' configuration of a build (see :func:`run_mkdocs`), plugins loaded, none run."""
    from mkdocs.config import load_config

    extra = {"docs_dir": str(docs_dir)} if docs_dir is not None else {}
    extra.update(_config_overrides(raw if raw is not None else read_config(config_file),
                                   config_file, engine))
    cfg = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=strict, **extra)
    settings = cfg.extra.get("csto_kb")
    cfg.extra["csto_kb"] = {**(settings if isinstance(settings, dict) else {}), "search": engine}
    return cfg


def run_mkdocs(config_file: Path, out_dir: Path, strict: bool,
                docs_dir: Path | None = None, engine: str = search.MATERIAL,
                raw: dict | None = None, plugin: IncrementalSite | None = None,
                redirects: dict[str, str] | None = None) -> list[str]:
    """Build with MkDocs into ``out_dir``; return the warnings; raise on failure.

    ``engine`` is the site search (:data:`csto_kb.search.MATERIAL` or ``PAGEFIND``);
    ``raw`` is mkdocs.yml as read by :func:`read_config` (read again when omitted);
    ``plugin``, when given, is added last; with a last build's state it makes the build
    an incremental one (MkDocs' dirty build, which renders only the pages it says);
    ``redirects`` (old page -> new page, both under docs/) become redirect pages
    (mkdocs-redirects).
    """
    from mkdocs.commands.build import build

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    dirty = plugin is not None and plugin.state is not None
    quiet = _NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        cfg = load_site_config(config_file, out_dir, strict, docs_dir, engine, raw)
        if redirects:
            from mkdocs_redirects.plugin import RedirectPlugin

            moved = RedirectPlugin()
            moved.load_config({"redirect_maps": dict(redirects)})
            cfg.plugins["csto_kb/redirects"] = moved
        if plugin is not None:
            cfg.plugins["csto_kb/incremental"] = plugin
        # Plugins are told of no dirty build: Material's search would then keep its index
        # across the builds of this process (MkDocs keeps plugin instances) and mix it
        # into the next; IncrementalSite merges the index itself.
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except Exception as exc:  # mkdocs' Abort (a ClickException), ConfigurationError, ...
        raise SiteBuildError(f"MkDocs build failed: {exc}", collector.messages) from exc
    finally:
        logger.removeHandler(collector)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    if strict and collector.messages:
        raise SiteBuildError("MkDocs logged warnings in strict mode", collector.messages)
    return collector.messages
