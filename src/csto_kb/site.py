"""Building the static site with MkDocs, atomically.

:func:`build_site` runs MkDocs through its Python API into a fresh directory beside the
target and swaps it into place only when the build succeeded; with ``strict`` every
warning MkDocs logs (a broken link, a missing anchor, a configuration warning) fails
the build, as ``mkdocs build --strict`` does. A failed build leaves the previous site
untouched and raises :class:`SiteBuildError` carrying the warnings.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

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


def _run_mkdocs(config_file: Path, out_dir: Path, strict: bool,
                docs_dir: Path | None = None) -> list[str]:
    """Build with MkDocs into ``out_dir``; return the warnings; raise on failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        extra = {"docs_dir": str(docs_dir)} if docs_dir is not None else {}
        cfg = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=strict, **extra)
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
    ``site_dir`` only when MkDocs succeeded (and, with ``strict``, logged no warning).
    Raises :class:`SiteBuildError` otherwise; ``site_dir`` is then left as it was.
    """
    project_root, site_dir = Path(project_root).resolve(), Path(site_dir).resolve()
    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteBuildError(f"no mkdocs.yml in {project_root}")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        start = time.monotonic()
        _run_mkdocs(config_file, tmp, strict, Path(docs_dir).resolve() if docs_dir else None)
        swap_dir(tmp, site_dir)
        log.info("site built into %s in %.2f s", site_dir, time.monotonic() - start)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
