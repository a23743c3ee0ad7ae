"""The build, stage by stage: load, validate, model, render, check, write."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .cache import BuildCache, code_version, digest
from .load import content_files
from .problems import Problem
from .search import SEARCH_FOLDER, SearchIndexError, index_folder
from .write import UnsafeOutput, unsafe_output, update_site, write_site

# The stages' modules (pydantic, Jinja, Markdown) are imported in _build, after the check
# for an up-to-date site, which needs none of them.

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    """What a build did: the files it made (none if it failed) and every problem.

    up_to_date: nothing had changed since the build that wrote out, so it was left alone;
    files is then empty and paths lists what out holds.
    """

    files: dict[str, bytes]
    problems: list[Problem]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order
    up_to_date: bool = False
    kept: tuple[str, ...] = ()  # when up to date: the files out holds
    reused: dict[str, int] = field(default_factory=dict)  # values from the cache, by kind
    made: dict[str, int] = field(default_factory=dict)  # values made anew, by kind
    cache_note: str = ""  # the cache is off, or was discarded, and why

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def paths(self) -> list[str]:
        return list(self.files) if self.files else list(self.kept)

    @property
    def pages(self) -> int:
        return sum(1 for path in self.paths if path.endswith(".html"))


def build(
    root: Path,
    out: Path | None,
    today: date | None = None,
    project: Path = PROJECT,
    search: bool = False,
    cache: Path | None = None,
    preview: bool = False,
) -> Result:
    """Build root/content into out (None: check only); write nothing if anything is wrong.

    Raises UnsafeOutput, before reading anything, when out may not be replaced (see write.py).
    search: index the written pages with Pagefind before the new site is swapped in.
    cache: a folder for the build cache (see cache.py), or None to keep nothing between builds.
    preview: a live preview's rebuild (serve.py): without search, out's search index is carried
    over as it is, rather than waiting for Pagefind each time, and out is updated in place
    (see write.update_site) when it is as the last build left it.
    """
    started = time.perf_counter()
    clock = _Clock()
    if out is not None and (why := unsafe_output(out, root, project)):
        raise UnsafeOutput(why)
    today = today or date.today()
    code = code_version(project / "careersite")
    store: BuildCache | None = BuildCache(cache, root, code) if cache is not None else None
    # A build makes hundreds of thousands of objects and frees them by reference counting; the
    # cycle collector would walk them all again and again (a tenth of a rebuild) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _build(root, out, today, project, search, store, clock, code, preview)
    finally:
        if collecting:
            gc.enable()
        if store is not None:
            store.close()
    return replace(result, seconds=time.perf_counter() - started, timings=clock.times)


def _build(
    root: Path,
    out: Path | None,
    today: date,
    project: Path,
    search: bool,
    store: BuildCache | None,
    clock: _Clock,
    code: bytes,
    preview: bool = False,
) -> Result:
    last_key = digest(b"last build", str(out.resolve()).encode()) if out else b""
    inputs = b""
    held: dict[str, bytes] = {}  # what out holds, by the hash of each file's bytes
    if store is not None and store.on and out is not None:
        with clock("up to date"):
            # a preview rebuilds because something changed: no need to hash every input to
            # see whether anything did (the record it leaves then never says up to date)
            inputs = b"preview" if preview else _inputs(root, project, today, search, code)
            last = store.get("last build", last_key)
            if last is not None and last[1] == _manifest(out):  # out is as the last build left it
                if last[0] == inputs and not preview:
                    kept = tuple(last[1])
                    return Result({}, last[2], 0, up_to_date=True, kept=kept, **_said(store))
                held = last[3]
    from .check import check_output
    from .load import load_content
    from .markdown import MARKDOWN_CLOCK, convert_all
    from .model import build_site
    from .render import make_environment, render_site
    from .validate import validate_content

    memory = store if store is not None and store.on else _Memory()
    with clock("load"):
        docs, problems = load_content(root, memory)
        # the project's own folders may hold no links out of it either: a template or a
        # static file that leads to /etc/passwd would be published
        problems += content_files(project, "templates")[1]
        static_paths, found = content_files(project, "static")
        problems += found
        static = [(p.relative_to(project / "static").as_posix(), p) for p in static_paths]
    with clock("markdown"):
        convert_all([doc.body for doc in docs if doc.body], memory)
    with clock("validate"):
        markdown_before = MARKDOWN_CLOCK.seconds
        content, found = validate_content(docs, today, memory)
        problems += found
    clock.split("validate", "markdown", MARKDOWN_CLOCK.seconds - markdown_before)
    files: dict[str, bytes] = {}
    hashes: dict[str, bytes] = {}
    persistent = memory if memory is store else None
    if content is not None and not any(not p.warning for p in problems):
        with clock("model"):
            site = build_site(content, today)
        with clock("templates"):
            env = make_environment(project / "templates", persistent)
            files = render_site(site, env, static, persistent)
        with clock("link check"):
            # each file's hash: the key of its links in the cache, and what the next build
            # compares to see which files it can link rather than write again
            hashes = {path: digest(data) for path, data in files.items()} if store else {}
            problems += check_output(files, persistent, hashes)
    failed = any(not p.warning for p in problems)
    remover = None
    if failed:
        files = {}
    elif out is not None:
        indexer = clock.timed("search index", index_folder) if search else None
        if preview and not search and (out / SEARCH_FOLDER).is_dir():
            indexer = functools.partial(_link_index, out / SEARCH_FOLDER)

        def same(path: str) -> bool:
            return held.get(path) == hashes[path]

        try:
            with clock("write"):
                if preview and held and not search:
                    update_site(files, out, lambda path: not same(path), SEARCH_FOLDER)
                else:
                    added, remover = write_site(files, out, indexer, same if held else None)
                    files |= added
                    hashes |= {path: digest(data) for path, data in added.items()} if store else {}
        except SearchIndexError as err:
            problems.append(
                Problem(
                    "search index", 0, "", f"{err}. Build with --no-search to leave search out."
                )
            )
            files = {}
        clock.split("write", "search index", clock.times.get("search index", 0.0))
    if store is not None:
        with clock("cache"):
            written = bool(files) and out is not None
            if written and inputs:
                warnings = [p for p in problems if p.warning]
                store.put("last build", last_key, (inputs, _manifest(out), warnings, hashes))
            store.save(prune=written and not preview)  # a preview leaves pruning to builds
    if remover is not None:
        with clock("write"):
            remover.join()  # the old site's removal, done while the cache was saved
    return Result(files, problems, 0, **_said(store))


def _link_index(old: Path, fresh: Path) -> dict[str, bytes]:
    """Link the last site's search index into the fresh one, unchanged."""
    for path in sorted(old.rglob("*")):
        target = fresh / path.relative_to(old.parent)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return {}


def _inputs(root: Path, project: Path, today: date, search: bool, code: bytes) -> bytes:
    """A hash of everything a build reads: content, templates, static files, code and options."""
    parts = [code, today.isoformat().encode(), b"search" if search else b""]
    for base, folder in ((root, "content"), (project, "templates"), (project, "static")):
        paths, problems = content_files(base, folder)
        if problems:
            return b""  # a build will say what is wrong
        for path in paths:
            parts += [path.relative_to(base).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def _manifest(out: Path) -> dict[str, tuple[int, int]]:
    """Every file under out with its size and modification time, to see it is untouched."""
    found: dict[str, tuple[int, int]] = {}
    base = len(str(out)) + 1
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            found[path[base:]] = (info.st_size, info.st_mtime_ns)
    return dict(sorted(found.items()))


def _said(store: BuildCache | None) -> dict[str, Any]:
    """What the cache did, for the result."""
    if store is None:
        return {"cache_note": "no build cache"}
    made = {kind: n for kind, n in store.misses.items() if kind != "last build"}
    return {"reused": dict(store.hits), "made": made, "cache_note": store.note}


class _Memory(dict[tuple[str, bytes], Any]):
    """A store that keeps values for one build only (for Markdown converted in parallel)."""

    def get(self, kind: str, key: bytes) -> Any | None:  # type: ignore[override]
        return super().get((kind, key))

    def put(self, kind: str, key: bytes, value: Any) -> None:
        self[(kind, key)] = value


class _Clock:
    """Seconds per stage of one build, for `build.py --timings`."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.times[stage] = self.times.get(stage, 0.0) + time.perf_counter() - started

    def timed(
        self, stage: str, work: Callable[[Path], dict[str, bytes]]
    ) -> Callable[[Path], dict[str, bytes]]:
        def run(folder: Path) -> dict[str, bytes]:
            with self(stage):
                return work(folder)

        return run

    def split(self, whole: str, part: str, seconds: float) -> None:
        """Count part's seconds as its own stage, out of whole's."""
        if whole in self.times and seconds:
            self.times[whole] -= seconds
            self.times[part] = self.times.get(part, 0.0) + seconds
