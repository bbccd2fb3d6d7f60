"""``csto-kb serve``: build, serve the site on loopback, rebuild when inputs change.

The address is taken before the first build (a port in use is said at once), a request
the file system cannot answer (``/%00``) is refused with 400, and a source that vanishes
while the inputs are looked at is simply not there.
"""

from __future__ import annotations

import contextlib
import functools
import stat
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from csto_kb import pipeline
from csto_kb.config import Settings

POLL_SECONDS = 1.0


def _inputs_state(settings: Settings) -> tuple:
    """File names, sizes and modification times of the sources and the curation file
    (a file removed meanwhile is left out)."""
    state = []
    for path in sorted(settings.sources_dir.glob("*")) + [settings.curation_file]:
        try:
            st = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            state.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(state)


class _Handler(SimpleHTTPRequestHandler):
    def send_head(self):
        try:
            return super().send_head()
        except ValueError:  # a path the file system cannot name: a NUL byte
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None


class _QuietHandler(_Handler):
    def log_message(self, format, *args):
        pass


def _server(host: str, port: int, handler) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OverflowError as exc:  # a port out of range
        raise ValueError(f"--port {port}: {exc}; give a port from 1 to 65535") from exc
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise RuntimeError(f"{host}:{port}: cannot serve there ({reason}); stop what uses "
                           "it, or give another --port or --host") from exc


@contextlib.contextmanager
def serve_directory(directory: Path, host: str = "127.0.0.1", port: int = 0,
                    quiet: bool = False):
    """Serve ``directory`` over HTTP in a thread (port 0: a free one); yield the base URL."""
    handler = functools.partial(_QuietHandler if quiet else _Handler, directory=str(directory))
    server = _server(host, port, handler)
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
    with serve_directory(settings.site_dir, host, port) as url:  # the port first
        _rebuild(settings)
        print(f"serving {url} (Ctrl-C stops)", flush=True)
        polls = 0
        while max_polls is None or polls < max_polls:
            time.sleep(POLL_SECONDS)
            polls += 1
            watcher.poll()
