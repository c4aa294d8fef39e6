"""A sketch: the shapes one part of the picture draws, in drawing order.

Each lane draws into a fresh sketch and returns it; the layout joins the sketches
in lane order. ``back`` holds what lies under every card (lane bands, the emotion
areas), so that a later lane's background never covers an earlier lane's card.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from cjmap.render.geometry import CHIP_H
from cjmap.render.scene import Box, Curve, Dot, Line, Text
from cjmap.render.text import text_width, wrap
from cjmap.render.themes import Tone

# No text block shows more lines than this; the last one ends in an ellipsis and the
# rest of the text is not even measured (docs/limits.md, "Render").
MAX_LINES = 30


def para(text: str, width: float, size: int, pitch: float, color: str,
         bold: bool = False, italic: bool = False,
         max_lines: int = MAX_LINES) -> list[Line]:
    """``text`` wrapped to ``width`` as lines of one style, at most ``max_lines``."""
    return list(_para(text, width, size, pitch, color, bold, italic, max_lines))


# A lane lays each cell out twice (measured, then drawn: lanes/base.py), so the same
# paragraph is asked for twice; lines are immutable, so both get the same ones.
@lru_cache(maxsize=8192)
def _para(text: str, width: float, size: int, pitch: float, color: str, bold: bool,
          italic: bool, max_lines: int) -> tuple[Line, ...]:
    return tuple([Line(t, size, color, pitch, bold, italic)
                  for t in wrap(text, width, size, bold, max_lines)])


def lines_height(lines: Sequence[Line]) -> float:
    return sum(line.height for line in lines)


class Sketch:
    """Mutable lists of shapes; a plain class, not a dataclass (docs/performance.md,
    "Render": a lane makes a throw-away sketch per cell it measures)."""

    __slots__ = ("back", "boxes", "curves", "dots", "texts")

    def __init__(self) -> None:
        self.back: list[Box] = []
        self.boxes: list[Box] = []
        self.curves: list[Curve] = []
        self.dots: list[Dot] = []
        self.texts: list[Text] = []

    def extend(self, other: Sketch) -> None:
        self.back += other.back
        self.boxes += other.boxes
        self.curves += other.curves
        self.dots += other.dots
        self.texts += other.texts

    def text(self, id_: str, role: str, x: float, y: float, w: float,
             lines: Sequence[Line], align: str = "left") -> float:
        """Place a text block; returns its height."""
        if not lines:
            return 0.0
        self.texts.append(Text(id_, role, x, y, w, tuple(lines), align))
        return sum([line.height for line in lines])  # Text.h, without a second lookup

    def chip(self, id_: str, role: str, x: float, y: float, label: str, tone: Tone,
             size: int = 8, bold: bool = True, dashed: bool = False) -> float:
        """A small rounded label; returns its width."""
        w = text_width(label, size, bold) + 10
        self.boxes.append(Box(id_, role, x, y, w, CHIP_H, tone.fill, tone.stroke, 1.0,
                              dashed=dashed))
        # Graphviz sets small text a little high in its cell; 1.5 pt centres it.
        self.text(f"{id_}:text", f"{role}-text", x, y + 1.5, w,
                  [Line(label, size, tone.text, CHIP_H - 1, bold)], align="center")
        return w
