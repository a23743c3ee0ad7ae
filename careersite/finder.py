"""The career finder: which careers a starting point reaches, and the cheapest, shortest way in.

Everything is derived from the entry routes' facts (data/entry-routes.yaml) and the career's
usual starting point, never typed per career:

- a route takes someone into the job only if it `enters_job`, and needs a degree only if it
  `needs_degree_first`: from a starting point without a degree, such routes are closed;
- cost: paid with no fees (0), unpaid with no fees (1), fees the student pays (2);
- length: a job with training (0), a course or apprenticeship that ends without a degree (1),
  one that ends in a degree (2), training after a degree (3); one more when the starting
  point is short of the career's usual qualification (A levels or a T Level first);
- a career's way in from a starting point is its route with the lowest (cost, length); the
  finder lists careers by that, then A to Z.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

LEVELS = ("none", "gcse", "level-3", "degree", "postgraduate")


@dataclass(frozen=True)
class Start:
    """Where a reader is starting from."""

    key: str
    name: str
    level: str  # the qualification level it brings (LEVELS)
    has_degree: bool


STARTS = (
    Start("at-school", "Still at school", "none", False),
    Start("gcses", "I have GCSEs", "gcse", False),
    Start("a-levels", "I have A levels or a level 3 course", "level-3", False),
    Start("degree", "I have a degree in another subject", "degree", True),
    Start("nhs-staff", "I already work in the NHS", "gcse", False),
)


class RouteFacts(Protocol):
    """The facts of an entry route the finder reads (model.EntryRoute has them all)."""

    key: str
    name: str
    paid: bool
    fees: str
    needs_degree_first: bool
    awards_degree: bool
    enters_job: bool


@dataclass(frozen=True)
class WayIn:
    """A career's best way in from a starting point."""

    route: str  # entry route key
    first_step: str  # what to do first, in plain words
    cost: int
    length: int


def cost(route: RouteFacts) -> int:
    if route.fees == "student":
        return 2
    return 0 if route.paid else 1


def length(route: RouteFacts) -> int:
    if route.needs_degree_first:
        return 3
    if route.awards_degree:
        return 2
    return 0 if route.paid and route.fees == "none" else 1


def best_way_in(start: Start, career_level: str, routes: Sequence[RouteFacts]) -> WayIn | None:
    """The cheapest, then shortest, route into a career from start; None if none is open."""
    # a career that usually starts from A levels or above, reached without them yet
    needs = LEVELS.index(career_level) if career_level in LEVELS else 0
    short = LEVELS.index(start.level) < LEVELS.index("level-3") <= needs
    options = []
    for route in routes:
        if not route.enters_job or (route.needs_degree_first and not start.has_degree):
            continue
        extra = 1 if short and (route.awards_degree or route.fees == "student") else 0
        step = route.name
        if extra:
            step = f"A levels or a T Level first, then: {route.name.lower()}"
        options.append(WayIn(route.key, step, cost(route), length(route) + extra))
    if not options:
        return None
    return min(options, key=lambda w: (w.cost, w.length, w.route))
