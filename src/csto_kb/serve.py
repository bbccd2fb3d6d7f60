"""``csto-kb serve``: serve the site on loopback, rebuild when inputs change, and have the
open pages reload themselves when a build is done.

The port is taken before anything is built (a port in use is one clear error, at
once); the last good site is served meanwhile. Each build is the incremental build of
:func:`csto_kb.pipeline.build`. Every HTML page served gets a small script that asks the
server, once a second, for the number of the last build (``/__csto-kb/build``) and
reloads the page when it changes; the files of site/ are not touched. A request the file
system cannot answer (a NUL in the path: ``/%00``) is refused with 400.
"""

from __future__ import annotations

import contextlib
import functools
import io
import stat
import sys
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from csto_kb import pipeline
from csto_kb.config import Settings

POLL_SECONDS = 1.0
BUILD_URL = "/__csto-kb/build"
RELOAD_SCRIPT = (
    "<script>/* csto-kb serve: reload this page when a new build is done */"
    "(function(){var seen=null;function poll(){fetch('" + BUILD_URL + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(b){if(seen===null){seen=b}"
    "else if(b!==seen){location.reload();return}setTimeout(poll,1000)})"
    ".catch(function(){setTimeout(poll,2000)})}poll()})();</script>")


class ServeError(OSError):
    """The preview server cannot start (the port is taken, the address is wrong)."""


def _inputs_state(settings: Settings) -> tuple:
    """Names, sizes and times of the sources, the curation file and mkdocs.yml (files
    only; a file that vanishes while it is looked at is left out: the next poll sees it
    gone)."""
    try:
        files = sorted(settings.sources_dir.iterdir())
    except OSError:
        files = []
    state = []
    for path in [*files, settings.curation_file, settings.mkdocs_file]:
        try:
            st = path.stat()
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            state.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(state)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    build = 0  # the number of the last build done, for the pages' reload script
    reload = False


class _Handler(SimpleHTTPRequestHandler):
    server: _SiteServer
    quiet = False

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if "\x00" in path:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request: a NUL in the path")
            return None
        if path == BUILD_URL:
            return self._text(str(self.server.build).encode(), "text/plain")
        try:
            if self.server.reload and (path.endswith(".html") or path.endswith("/")):
                return self._page(path)
            return super().send_head()
        except (OSError, ValueError):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None

    def _page(self, path: str):
        """An HTML page with the reload script before its ``</body>``."""
        fs_path = Path(self.translate_path(path))
        if fs_path.is_dir():
            if not path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            fs_path = fs_path / "index.html"
        if not fs_path.is_file():
            return super().send_head()
        html = fs_path.read_bytes()
        end = html.rfind(b"</body>")
        script = RELOAD_SCRIPT.encode()
        html = html[:end] + script + html[end:] if end >= 0 else html + script
        return self._text(html, "text/html; charset=utf-8")

    def _text(self, body: bytes, content_type: str):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def open_server(directory: Path, host: str = "127.0.0.1", port: int = 0, quiet: bool = False,
                reload: bool = False) -> _SiteServer:
    """A server of ``directory`` bound to ``host:port`` (0: a free port), not yet serving;
    ``reload``: HTML pages reload themselves after the next build. Raises
    :class:`ServeError` when the address cannot be had."""
    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} is out of range (0-65535)")
    handler = functools.partial(type("Handler", (_Handler,), {"quiet": quiet}),
                                directory=str(directory))
    try:
        server = _SiteServer((host, port), handler)
    except OSError as exc:
        raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror or exc}"
                         + ("; choose another port with --port" if port else "")) from exc
    server.reload = reload
    return server


@contextlib.contextmanager
def running(server: _SiteServer) -> Iterator[str]:
    """Serve with ``server`` in a thread; yield its base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = str(server.server_address[0]), server.server_address[1]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def serve_directory(directory: Path, host: str = "127.0.0.1", port: int = 0,
                    quiet: bool = False) -> Iterator[str]:
    """Serve ``directory`` over HTTP in a thread (port 0: a free one); yield the base URL."""
    with running(open_server(directory, host, port, quiet)) as url:
        yield url


def _rebuild(settings: Settings) -> bool:
    try:
        result = pipeline.build(settings)
        print(pipeline.summary(result), flush=True)
        return True
    except (OSError, ValueError, RuntimeError) as exc:  # keep serving the last good site
        print(f"build failed, the last good site stays: {exc}", file=sys.stderr, flush=True)
        return False


class Watcher:
    """Rebuilds the site when a source or the curation file changed since it last looked
    (the state is taken when it is made: a change made during the first build is seen)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.state = _inputs_state(settings)

    def poll(self) -> bool | None:
        """Rebuild if the inputs changed since the last poll: whether the build
        succeeded, or ``None`` when nothing changed."""
        now = _inputs_state(self.settings)
        if now == self.state:
            return None
        self.state = now
        return _rebuild(self.settings)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000,
          max_polls: int | None = None, on_url=None) -> None:
    """Serve ``settings.site_dir`` until interrupted (or ``max_polls`` polls): the port
    first, then a build, then a rebuild whenever the inputs change; ``on_url(url)`` is
    told the address once it serves."""
    server = open_server(settings.site_dir, host, port, quiet=True, reload=True)
    watcher = Watcher(settings)
    with running(server) as url:
        print(f"serving {url} (Ctrl-C stops); building ...", flush=True)
        if on_url is not None:
            on_url(url)
        if _rebuild(settings):
            server.build += 1
        polls = 0
        while max_polls is None or polls < max_polls:
            time.sleep(POLL_SECONDS)
            polls += 1
            if watcher.poll():
                server.build += 1
