"""What a lane is, and the helpers lanes of cells share.

A lane is a row of the picture. It has a name (what ``--lanes`` accepts), a title
and subtitle for its label, and two pure functions:
- ``measure(context)``: the lane's height;
- ``draw(context, top, height)``: its shapes (a :class:`Sketch`), lane band excluded
  (the layout draws the band and label first).

Most lanes are a cell per column, drawn by a ``Cell`` function; :func:`cell_lane`
turns one into a lane whose cards share the height of the tallest.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from cjmap.model import Touchpoint
from cjmap.render.context import Column, Context
from cjmap.render.geometry import BODY_LH, BODY_SIZE, BULLET_W, COL_W, LANE_MIN_H, PAD, SMALL_LH
from cjmap.render.scene import Line
from cjmap.render.sketch import Sketch, para
from cjmap.render.text import clean, excerpt
from cjmap.render.themes import Theme

# Draws one column's cell with its top at y into the sketch and returns its height;
# ``fill`` is the height a card may grow to (None while measuring).
Cell = Callable[[Context, Column, float, float | None, Sketch], float]

# Draws what a column's touchpoint holds, top at y, and returns its height (for lanes
# whose cell is empty in a column without a touchpoint and never stretches).
TouchpointCell = Callable[[Context, Column, Touchpoint, float, Sketch], float]


class Lane(NamedTuple):
    name: str
    title: str
    subtitle: str
    aliases: tuple[str, ...]
    measure: Callable[[Context], float]
    draw: Callable[[Context, float, float], Sketch]
    default: bool = True  # drawn when the user does not choose lanes


def lane_height(content: float, subtitle: str) -> float:
    """A lane holds its content and its label, and is never thinner than LANE_MIN_H."""
    label_h = 15.0 + (SMALL_LH if subtitle else 0) + 2 * PAD
    return max(content + 2 * PAD, label_h, LANE_MIN_H)


def cell_height(cell: Cell, context: Context, column: Column) -> float:
    """The height ``cell`` needs in ``column`` (drawn into a sketch nobody keeps)."""
    return cell(context, column, 0.0, None, Sketch())


def cell_lane(name: str, title: str, subtitle: str, aliases: tuple[str, ...], cell: Cell,
              default: bool = True) -> Lane:
    """A lane of one cell per column, each card as tall as the lane allows."""
    def measure(context: Context) -> float:
        content = max([cell_height(cell, context, c) for c in context.columns] + [0.0])
        return lane_height(content, subtitle)

    def draw(context: Context, top: float, height: float) -> Sketch:
        sketch = Sketch()
        for column in context.columns:
            cell(context, column, top + PAD, height - 2 * PAD, sketch)
        return sketch

    return Lane(name, title, subtitle, aliases, measure, draw, default)


def touchpoint_lane(name: str, title: str, subtitle: str, aliases: tuple[str, ...],
                    draw: TouchpointCell, default: bool = True) -> Lane:
    """A lane of what each column's touchpoint holds; nothing in a column without one."""
    def cell(context: Context, column: Column, y: float, fill: float | None,
             sketch: Sketch) -> float:
        if column.touchpoint is None:
            return 0.0
        return draw(context, column, column.touchpoint, y, sketch)

    return cell_lane(name, title, subtitle, aliases, cell, default)


def bullet_lane(name: str, title: str, subtitle: str, aliases: tuple[str, ...], role: str,
                items: Callable[[Touchpoint], list[str]], color: Callable[[Theme], str],
                default: bool = True) -> Lane:
    """A lane listing one field of each touchpoint as bullets (shape ids ``name:column``)."""
    def draw(context: Context, column: Column, touchpoint: Touchpoint, y: float,
             sketch: Sketch) -> float:
        return bullets(sketch, context, f"{name}:{column.key}", role, items(touchpoint),
                       column.x, y, color(context.theme))

    return touchpoint_lane(name, title, subtitle, aliases, draw, default)


def bullets(sketch: Sketch, context: Context, key: str, role: str, items: list[str],
            x: float, y: float, color: str) -> float:
    """A bulleted list in a column; returns its height."""
    inner = COL_W - 2 * PAD - BULLET_W
    top = y
    for k, item in enumerate(items):
        lines = para(item, inner, BODY_SIZE, BODY_LH, color)
        if not lines:
            continue
        sketch.text(f"{key}:{k}:bullet", "bullet", x + PAD, y, BULLET_W,
                    [Line("\u2022", BODY_SIZE, context.theme.muted, BODY_LH)])
        y += sketch.text(f"{key}:{k}", role, x + PAD + BULLET_W, y, inner, lines) + 4
    return max(0.0, y - top - 4)


# Cards are laid out twice (measured, then drawn), with the same hover text each time.
@lru_cache(maxsize=4096)
def tooltip(*parts: str | None) -> str:
    """Hover text of a card: its parts, cleaned, one after the other."""
    cleaned = [clean(excerpt(p)) for p in parts if p]
    return " \u2014 ".join(p.rstrip(".") for p in cleaned if p)


def fmt_number(value: float) -> str:
    return f"{value:.6g}" if value != int(value) or abs(value) >= 1e6 else str(int(value))
