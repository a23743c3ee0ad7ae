"""Monitoring: the commitments' yearly returns added up, nationally and per region, and charted.

Counts are summed over the organisations that sent a return for the year; rates are worked
out from those sums (not averaged over organisations), so a large trust weighs more than a
small practice, as it should. A rate with nothing to divide by is shown as "no figures".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .schema import YearlyReturn

COUNTS = (
    "placements_offered", "applications", "placements_taken", "priority_group_placements",
    "kept_in_touch", "ambassadors_active", "events_held", "young_people_reached",
)  # fmt: skip


@dataclass(frozen=True)
class Figures:
    """One year's figures for an area (England or a region), summed over its returns."""

    year: int
    returns: int  # organisations that sent a return for the year
    placements_offered: int = 0
    applications: int = 0
    placements_taken: int = 0
    priority_group_placements: int = 0
    kept_in_touch: int = 0
    ambassadors_active: int = 0
    events_held: int = 0
    young_people_reached: int = 0

    @property
    def applications_per_placement(self) -> float | None:
        return _ratio(self.applications, self.placements_offered)

    @property
    def take_up(self) -> float | None:
        """Share of offered placements that were taken."""
        return _ratio(self.placements_taken, self.placements_offered)

    @property
    def priority_share(self) -> float | None:
        """Share of placements taken that went to priority groups."""
        return _ratio(self.priority_group_placements, self.placements_taken)

    @property
    def kept_in_touch_share(self) -> float | None:
        return _ratio(self.kept_in_touch, self.placements_taken)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    return "no figures" if value is None else f"{round(value * 100)}%"


def times(value: float | None) -> str:
    return "no figures" if value is None else f"{value:.1f}"


def add_up(returns: Iterable[YearlyReturn]) -> tuple[Figures, ...]:
    """Sum returns by year, oldest first."""
    by_year: dict[int, dict[str, int]] = {}
    for ret in returns:
        totals = by_year.setdefault(ret.year, {"returns": 0, **dict.fromkeys(COUNTS, 0)})
        totals["returns"] += 1
        for key in COUNTS:
            totals[key] += getattr(ret, key) or 0
    return tuple(Figures(year=year, **by_year[year]) for year in sorted(by_year))
