"""Bar charts as SVG geometry, computed at build time: the template only prints it.

Each chart is an image with a title and a description for screen readers, and the page
always puts the same figures in a table beside it, so no one depends on the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 34  # room for the axis labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar (the year)
    value: str  # above the bar
    series: int  # 0 or 1: which of two series, for its colour


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    slug: str  # for ids
    title: str
    description: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[str, ...]  # series names, when there are two
    baseline: float


def _nice_top(value: float) -> float:
    """A round number at or above value, for the top of the axis."""
    if value <= 0:
        return 1
    step = 10 ** math.floor(math.log10(value))
    for multiple in (1, 2, 2.5, 5, 10):
        if value <= multiple * step:
            return multiple * step
    return 10 * step  # pragma: no cover


def bar_chart(
    slug: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    show: str = "{:,.0f}",
) -> Chart:
    """Draw one or two series of values, one group of bars per label (year)."""
    values = [v for _, vs in series for v in vs if v is not None]
    top = _nice_top(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    group = plot_w / max(len(labels), 1)
    bar_w = min(40.0, group * 0.7 / len(series))
    bars = []
    for i, label in enumerate(labels):
        start = LEFT + i * group + (group - bar_w * len(series)) / 2
        for s, (_, vs) in enumerate(series):
            value = vs[i]
            h = 0 if value is None else plot_h * value / top
            text = "–" if value is None else show.format(value)
            bars.append(Bar(round(start + s * bar_w, 1), round(base - h, 1), round(bar_w, 1),
                            round(h, 1), label, text, s))  # fmt: skip
    ticks = tuple(Tick(round(base - plot_h * k / 4, 1), show.format(top * k / 4)) for k in range(5))
    parts = []
    for name, vs in series:
        said = ", ".join(
            f"{label}: {'no figures' if v is None else show.format(v)}"
            for label, v in zip(labels, vs, strict=True)
        )
        parts.append(f"{name}: {said}." if len(series) > 1 else f"{said}.")
    description = " ".join(parts)
    legend = tuple(name for name, _ in series) if len(series) > 1 else ()
    return Chart(slug, title, description, WIDTH, HEIGHT, tuple(bars), ticks, legend, base)
