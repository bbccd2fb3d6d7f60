"""``csto-kb serve``: build, serve the site on loopback, rebuild when inputs change."""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from csto_kb import pipeline
from csto_kb.config import Settings

POLL_SECONDS = 1.0


def _inputs_state(settings: Settings) -> tuple:
    """File names, sizes and modification times of the sources and the curation file."""
    files = sorted(settings.sources_dir.glob("*")) + [settings.curation_file]
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, host: str = "127.0.0.1", port: int = 0,
                    quiet: bool = False):
    """Serve ``directory`` over HTTP in a thread (port 0: a free one); yield the base URL."""
    handler = functools.partial(_QuietHandler if quiet else SimpleHTTPRequestHandler,
                                directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _rebuild(settings: Settings) -> None:
    try:
        result = pipeline.build(settings)
        print(pipeline.summary(result), flush=True)
    except (OSError, ValueError, RuntimeError) as exc:  # keep serving the last good site
        print(f"build failed, the last good site stays: {exc}", file=sys.stderr, flush=True)


class Watcher:
    """Rebuilds the site when a source or the curation file changed since it last looked
    (the state is taken when it is made: a change made during the first build is seen)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.state = _inputs_state(settings)

    def poll(self) -> bool:
        """Rebuild if the inputs changed since the last poll; True when it did."""
        now = _inputs_state(self.settings)
        if now == self.state:
            return False
        self.state = now
        _rebuild(self.settings)
        return True


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000,
          max_polls: int | None = None) -> None:
    """Serve ``settings.site_dir`` until interrupted (or ``max_polls`` polls)."""
    watcher = Watcher(settings)
    _rebuild(settings)
    with serve_directory(settings.site_dir, host, port) as url:
        print(f"serving {url} (Ctrl-C stops)", flush=True)
        polls = 0
        while max_polls is None or polls < max_polls:
            time.sleep(POLL_SECONDS)
            polls += 1
            watcher.poll()
