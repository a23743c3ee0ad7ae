"""Serve the site on this machine: as a static host would, or as a live preview for editors.

`build.py serve` builds, serves site/ on 127.0.0.1, watches content/, templates/ and static/,
rebuilds when they change (the build cache makes that quick: only what a change affects is
made again) and reloads open pages. The reload script is added to pages as they are sent, in
this server only: it is never written into site/. While the content has problems, every page
is a list of them, each `path:line: field: message`, until they are fixed.
"""

from __future__ import annotations

import functools
import gc
import gzip
import html
import http.server
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

EXIT_USAGE = 2
CHANGES = "/_careersite/changes"  # long-polled by the reload script
REPORT = "/_careersite/report/"  # the content health report, in serve mode only
WAIT = 25  # seconds a reload script's request waits for a change before asking again
WATCHED = ("content", "templates", "static")

RELOAD_SCRIPT = """<script>/* careersite serve: reload when the site is rebuilt (never in site/) */
(function () {
  var version = %d;
  function poll() {
    fetch("%s?since=" + version, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.version !== version) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""


def make_server(out: Path, port: int, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """Create a local server for out (port 0 picks a free one); quiet: log no requests."""
    handler = functools.partial(_Quiet if quiet else _Handler, directory=str(out))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def _listen(
    make: Callable[[], http.server.ThreadingHTTPServer], port: int
) -> http.server.ThreadingHTTPServer:
    try:
        return make()
    except OSError as err:
        print(
            f"Could not serve on port {port}: {err.strerror or err}. Try --port {port + 1}.",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_USAGE) from None


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
            self._send(404, page.read_bytes(), "text/html; charset=utf-8")
            return
        super().send_error(code, message, explain)

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


_COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg"}


class _Quiet(_Handler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


# --- live preview -------------------------------------------------------------------------


class Preview:
    """What the preview shows: the latest build's problems, and a version each build moves on."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self._changed = threading.Condition()

    def update(self, problems: list[str]) -> None:
        with self._changed:
            self.version += 1
            self.problems = problems
            self._changed.notify_all()

    def wait(self, since: int, timeout: float = WAIT) -> int:
        """The version, once it is not since (or after timeout)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout)
            return self.version


class _PreviewHandler(_Quiet):
    """The site as built, each page with the reload script; the problems while there are any."""

    def __init__(self, *args: object, preview: Preview, root: Path, **kwargs: object) -> None:
        self.preview, self.root = preview, root
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        parts = urlsplit(self.path)
        if parts.path == CHANGES:
            since = parse_qs(parts.query).get("since", ["-1"])[0]
            version = self.preview.wait(int(since) if since.lstrip("-").isdigit() else -1)
            self._send(200, json.dumps({"version": version}).encode(), "application/json")
            return
        version, problems = self.preview.version, self.preview.problems
        if parts.path == REPORT:
            self._page(200, _report_page(self.root), version)
            return
        page = parts.path.endswith(("/", ".html")) or "." not in parts.path.rsplit("/", 1)[-1]
        if problems and page:
            self._page(200, _problem_page(problems), version)
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and parts.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._page(200, path.read_text(encoding="utf-8"), version)
            return
        super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            self._page(404, page.read_text(encoding="utf-8"), self.preview.version)
            return
        super().send_error(code, message, explain)

    def _page(self, code: int, text: str, version: int) -> None:
        script = RELOAD_SCRIPT % (version, CHANGES)
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        self._send(code, text.encode("utf-8"), "text/html; charset=utf-8")


def _problem_page(problems: list[str]) -> str:
    count = len(problems)
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{count} problem{"s" if count != 1 else ""} to fix - careersite preview</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;line-height:1.5}}
code{{white-space:pre-wrap;word-break:break-word}}li{{margin:.5rem 0}}h1{{color:#a00}}</style></head>
<body><main>
<h1>{count} problem{"s" if count != 1 else ""} to fix</h1>
<p>The site was not rebuilt. Each line is <code>file:line: field: message</code>. Save a fix and
this page reloads by itself.</p>
<ul>
{items}
</ul>
</main></body></html>
"""


def _report_page(root: Path) -> str:
    from .report import as_text, collect

    text = as_text(collect(root, date.today()))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content health report - careersite preview</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}}pre{{white-space:pre-wrap}}</style></head>
<body><main><h1>Content health report</h1>
<p>Worst first. The same as <code>python build.py report</code>; it is made again each time you open this page.</p>
<pre>{html.escape(text)}</pre>
</main></body></html>
"""


class Session:
    """A live preview: build, serve, watch and rebuild, until stop() (or Ctrl+C in run())."""

    def __init__(
        self,
        root: Path,
        out: Path,
        port: int,
        project: Path | None = None,
        search: bool = True,
        cache: Path | None = None,
        say: Callable[[str], None] = print,
    ) -> None:
        from .cache import REMEMBER
        from .pipeline import PROJECT

        REMEMBER[0] = True  # rebuilds take what earlier ones read from memory
        self.root, self.out, self.search, self.cache, self.say = root, out, search, cache, say
        self.project = project or PROJECT
        self.preview = Preview()
        self.stopping = threading.Event()
        self.watching = threading.Event()  # set once changes are being watched
        self.rebuilds: list[float] = []  # seconds each rebuild took, for measuring
        handler = functools.partial(
            _PreviewHandler, directory=str(out), preview=self.preview, root=root
        )
        self.server = _listen(
            lambda: http.server.ThreadingHTTPServer(("127.0.0.1", port), handler), port
        )
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._threads: list[threading.Thread] = []

        out.mkdir(parents=True, exist_ok=True)  # something to serve, even if the first build fails

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def build(self, first: bool = False) -> None:
        """Build once, and show the result in the terminal and the browser."""
        from .cli import report
        from .pipeline import build
        from .write import UnsafeOutput

        started = time.perf_counter()
        try:
            result = build(
                self.root,
                self.out,
                project=self.project,
                search=self.search and first,
                cache=self.cache,
                preview=not first,
            )
        except (OSError, UnsafeOutput) as err:  # a full disk, a folder taken away
            self.say(f"Could not build into {self.out}/: {err}")
            self.preview.update([f"{self.out}: could not write the site: {err}"])
            return
        report(result, "build", self.out)
        if not first:
            self.rebuilds.append(time.perf_counter() - started)
        self.preview.update([str(p) for p in result.errors])
        # collect now, while the page reloads, rather than during the next rebuild; then freeze
        # what is kept between builds (the cache's values) so the collector skips it until then
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def start(self) -> Session:
        """Build, then serve and watch in threads of their own."""
        self.build(first=True)
        for work in (self.server.serve_forever, self.watch):
            thread = threading.Thread(target=work, daemon=True)
            thread.start()
            self._threads.append(thread)
        self.watching.wait(10)
        return self

    def watch(self) -> None:
        """Rebuild each time watched files change, until stopping is set."""
        for changes in self.changes():
            self.watching.set()  # the first, empty, yield says the watch has begun
            if changes:
                self.build()

    def changes(self) -> Iterator[set[tuple[object, str]]]:
        from watchfiles import watch

        folders = [self.root / WATCHED[0], *(self.project / name for name in WATCHED[1:])]
        yield from watch(
            *(f for f in folders if f.is_dir()),
            watch_filter=_relevant,
            debounce=50,
            step=20,
            stop_event=self.stopping,
            raise_interrupt=True,
            rust_timeout=100,  # ms: yield nothing when nothing changed, so watching is known
            yield_on_timeout=True,
        )

    def stop(self) -> None:
        self._close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _close(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def run(self) -> None:
        """Build, serve and rebuild until Ctrl+C."""
        self.build(first=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.say(
            f"Serving a live preview of {self.out}/ at http://localhost:{self.port}/ "
            f"(health report: http://localhost:{self.port}{REPORT}). Watching content/, "
            "templates/ and static/: pages reload as you save. Ctrl+C to stop."
        )
        try:
            self.watch()
        except KeyboardInterrupt:
            pass
        finally:
            self._close()
            self.say("Stopped.")

    def __enter__(self) -> Session:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _relevant(change: object, path: str) -> bool:
    """Skip what editors leave behind (swap files, backups), as the build does."""
    from .load import ignored

    return not ignored(Path(path).name)
