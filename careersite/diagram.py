"""Route diagrams: the geometry of an SVG flow chart of a route's steps, computed at build time.

The template only prints what this returns. The diagram stacks one box a step, top to
bottom, with an arrow between boxes labelled with the way into the next step, so it reads on
a 320 px phone as well as on paper. It is an image for sighted readers; the ordered list
beside it carries the same steps, with links, for everyone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

WIDTH = 300  # viewBox units; the SVG scales to its container
BOX_X, BOX_W = 10, 280
LINE = 18  # height of a line of text
PAD = 10  # inside a box, above and below the text
ARROW = 54  # vertical room for an arrow and its label
TITLE_CHARS, LABEL_CHARS = 26, 32  # wrap widths at the sizes the stylesheet sets


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str  # class: diagram__step, diagram__title, diagram__pay, diagram__how


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Arrow:
    x: float
    y1: float
    y2: float


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class StepText:
    """What the diagram says of one step."""

    title: str
    pay: str
    how: str  # the way into this step and how long it takes


def route_diagram(steps: list[StepText]) -> Diagram:
    """Lay out a route's steps as boxes joined by labelled arrows."""
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    texts: list[Text] = []
    y = 4.0
    centre = BOX_X + BOX_W / 2
    for number, step in enumerate(steps, start=1):
        if number > 1:
            label = textwrap.wrap(step.how, LABEL_CHARS)[:2]
            arrows.append(Arrow(BOX_X + 24, y, y + ARROW - 4))
            for i, line in enumerate(label):
                texts.append(Text(BOX_X + 36, y + 20 + i * 15, line, "diagram__how"))
            y += ARROW
        title = textwrap.wrap(step.title, TITLE_CHARS) or [""]
        lines = [(f"Step {number}", "diagram__step")]
        lines += [(line, "diagram__title") for line in title]
        lines += [(step.pay, "diagram__pay")] if step.pay else []
        height = PAD * 2 + LINE * len(lines)
        boxes.append(Box(BOX_X, y, BOX_W, height))
        for i, (line, css) in enumerate(lines):
            texts.append(Text(centre, y + PAD + LINE * (i + 1) - 5, line, css))
        y += height
    return Diagram(WIDTH, int(y + 4), tuple(boxes), tuple(arrows), tuple(texts))
