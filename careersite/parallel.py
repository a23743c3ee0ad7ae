"""Share work between the machine's cores, where there is enough of it to pay for the start.

Workers are forked, so they start with everything the build has made so far (the site, the
compiled templates) and only their results travel back. Where fork is missing (Windows, macOS
by default) or there is one core, the work runs here, one item after another.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 120  # fewer than this run here: starting workers costs more than they save
_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers() -> int:
    """How many processes to use: one per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def pmap(work: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """[work(item) for item in items], shared between cores when there are enough items."""
    global _JOB
    count = workers()
    if (
        len(items) < min_items
        or count < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or _JOB is not None  # already inside a worker
    ):
        return [work(item) for item in items]
    _JOB = (work, items)
    try:
        size = -(-len(items) // (count * 4))  # a few chunks each, so no core waits long
        chunks = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        with multiprocessing.get_context("fork").Pool(count) as pool:
            done = pool.map(_chunk, chunks, chunksize=1)
    finally:
        _JOB = None
    return [result for chunk in done for result in chunk]


def _chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    work, items = _JOB
    return [work(items[i]) for i in range(*bounds)]
