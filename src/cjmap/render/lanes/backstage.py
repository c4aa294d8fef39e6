"""The backstage lane: what happens behind the scenes at each touchpoint."""

from __future__ import annotations

from cjmap.render.context import Column, Context
from cjmap.render.lanes.base import bullets, cell_lane
from cjmap.render.sketch import Sketch


def cell(context: Context, column: Column, y: float, fill: float | None,
         sketch: Sketch) -> float:
    if column.touchpoint is None:
        return 0.0
    return bullets(sketch, context, f"backstage:{column.key}", "backstage",
                   column.touchpoint.backstage, column.x, y, context.theme.muted)


LANE = cell_lane("backstage", "Backstage", "behind the scenes", (), cell, default=False)
