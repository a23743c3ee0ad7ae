"""Serve the built site on this machine, as a static host would."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import sys
from pathlib import Path

EXIT_USAGE = 2


def make_server(out: Path, port: int, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """Create a local server for out (port 0 picks a free one); quiet: log no requests."""
    handler = functools.partial(_Quiet if quiet else _Handler, directory=str(out))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(out: Path, port: int) -> None:
    """Serve the built site on localhost until interrupted."""
    try:
        server = make_server(out, port)
    except OSError as err:
        print(
            f"Could not serve on port {port}: {err.strerror or err}. Try --port {port + 1}.",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_USAGE) from None
    with server:
        print(f"Serving {out}/ at http://localhost:{port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files, with the site's own 404 page, gzipping text as static hosts do."""

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            wants and path.suffix in _COMPRESSIBLE and path.is_file() and self.path.startswith("/")
        ):
            super().do_GET()
            return
        if path.name == "index.html" and not self.path.split("?")[0].endswith("/"):
            super().do_GET()  # let the base redirect /a to /a/
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


_COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg"}


class _Quiet(_Handler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass
