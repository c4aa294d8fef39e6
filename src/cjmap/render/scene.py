"""The scene: what the layout produces and the DOT writer draws (``dot.py``).

Plain immutable shapes in points, origin at the top left: boxes, lines of text, curves
and dots, gathered in one :class:`Picture` in drawing order.

They are NamedTuples, not frozen dataclasses: a 300-touchpoint picture makes about
9,000 of them (every cell is laid out twice, measured then drawn), and a frozen
dataclass costs about four times as much to create (its ``__init__`` goes through
``object.__setattr__`` per field), besides half a millisecond per class at import
(docs/performance.md, "Render: where the time goes").
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Box(NamedTuple):
    """A rectangle; ``x``, ``y`` is its top-left corner."""

    id: str
    role: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    stroke_width: float = 1.0
    rounded: bool = True
    dashed: bool = False
    tooltip: str | None = None
    href: str | None = None


class Line(NamedTuple):
    """One line of text; ``height`` is the line pitch it takes up."""

    text: str
    size: int
    color: str
    height: float
    bold: bool = False
    italic: bool = False


class Text(NamedTuple):
    """Lines of text in a block ``w`` wide whose top-left corner is ``x``, ``y``."""

    id: str
    role: str
    x: float
    y: float
    w: float
    lines: tuple[Line, ...]
    align: str = "left"  # left | center | right

    @property
    def h(self) -> float:
        return sum(line.height for line in self.lines)


Point = tuple[float, float]


class Curve(NamedTuple):
    """A path of cubic Bézier pieces: p0, c1, c2, p1, c1, c2, p2, ... (3n + 1 points)."""

    id: str
    role: str
    points: tuple[Point, ...]
    color: str
    width: float
    style: str = ""  # "" (solid), "dashed" or "dotted"
    tooltip: str | None = None


class Dot(NamedTuple):
    id: str
    role: str
    x: float
    y: float
    r: float
    fill: str
    stroke: str
    stroke_width: float = 1.5
    tooltip: str | None = None


class Picture(NamedTuple):
    """Everything to draw, in drawing order: boxes, then curves, dots and texts on top."""

    width: float
    height: float
    title: str
    description: str
    background: str
    font: str
    boxes: tuple[Box, ...]
    curves: tuple[Curve, ...]
    dots: tuple[Dot, ...]
    texts: tuple[Text, ...]


# What str.isspace() accepts (the same Unicode test as ``\s``) and the C0 controls.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


def is_link(url: str | None) -> bool:
    """Only http(s) URLs ever become links (never javascript:, data:, file:, ...)."""
    if not url:
        return False
    lowered = url.strip().lower()
    return (lowered.startswith(("http://", "https://")) and len(lowered) > len("https://")
            and _SPACE_OR_CONTROL.search(url) is None)
