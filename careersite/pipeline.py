"""The build, stage by stage: load, validate, model, render, check, write."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .check import check_output
from .load import content_files, load_content
from .markdown import MARKDOWN_CLOCK
from .model import build_site
from .problems import Problem
from .render import make_environment, render_site
from .search import SearchIndexError, index_folder
from .validate import validate_content
from .write import UnsafeOutput, unsafe_output, write_site

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    """What a build did: the files it made (none if it failed) and every problem."""

    files: dict[str, bytes]
    problems: list[Problem]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def pages(self) -> int:
        return sum(1 for path in self.files if path.endswith(".html"))


def build(
    root: Path,
    out: Path | None,
    today: date | None = None,
    project: Path = PROJECT,
    search: bool = False,
) -> Result:
    """Build root/content into out (None: check only); write nothing if anything is wrong.

    Raises UnsafeOutput, before reading anything, when out may not be replaced (see write.py).
    search: index the written pages with Pagefind before the new site is swapped in.
    """
    started = time.perf_counter()
    clock = _Clock()
    if out is not None and (why := unsafe_output(out, root, project)):
        raise UnsafeOutput(why)
    today = today or date.today()
    with clock("load"):
        docs, problems = load_content(root)
        # the project's own folders may hold no links out of it either: a template or a
        # static file that leads to /etc/passwd would be published
        problems += content_files(project, "templates")[1]
        static_paths, found = content_files(project, "static")
        problems += found
        static = [(p.relative_to(project / "static").as_posix(), p) for p in static_paths]
    with clock("validate"):
        markdown_before = MARKDOWN_CLOCK.seconds
        content, found = validate_content(docs, today)
        problems += found
    clock.split("validate", "markdown", MARKDOWN_CLOCK.seconds - markdown_before)
    files: dict[str, bytes] = {}
    if content is not None and not any(not p.warning for p in problems):
        with clock("model"):
            site = build_site(content, today)
        with clock("templates"):
            files = render_site(site, make_environment(project / "templates"), static)
        with clock("link check"):
            problems += check_output(files)
    failed = any(not p.warning for p in problems)
    if failed:
        files = {}
    elif out is not None:
        indexer = clock.timed("search index", index_folder) if search else None
        try:
            with clock("write"):
                files |= write_site(files, out, indexer)
        except SearchIndexError as err:
            problems.append(
                Problem(
                    "search index", 0, "", f"{err}. Build with --no-search to leave search out."
                )
            )
            files = {}
        clock.split("write", "search index", clock.times.get("search index", 0.0))
    return Result(files, problems, time.perf_counter() - started, clock.times)


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
            self.times[part] = seconds
