"""The scene: what the layout produces and the DOT writer draws (``dot.py``).

Plain frozen shapes in points, origin at the top left: boxes, lines of text, curves
and dots, gathered in one :class:`Picture` in drawing order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
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


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text; ``height`` is the line pitch it takes up."""

    text: str
    size: int
    color: str
    height: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Text:
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


@dataclass(frozen=True, slots=True)
class Curve:
    """A path of cubic Bézier pieces: p0, c1, c2, p1, c1, c2, p2, ... (3n + 1 points)."""

    id: str
    role: str
    points: tuple[Point, ...]
    color: str
    width: float
    style: str = ""  # "" (solid), "dashed" or "dotted"
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Dot:
    id: str
    role: str
    x: float
    y: float
    r: float
    fill: str
    stroke: str
    stroke_width: float = 1.5
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Picture:
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
