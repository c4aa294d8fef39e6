"""The actions lane: what the customer does at each touchpoint, as a bulleted list."""

from __future__ import annotations

from cjmap.render.context import Column, Context
from cjmap.render.lanes.base import bullets, cell_lane
from cjmap.render.sketch import Sketch


def cell(context: Context, column: Column, y: float, fill: float | None,
         sketch: Sketch) -> float:
    if column.touchpoint is None:
        return 0.0
    return bullets(sketch, context, f"actions:{column.key}", "action",
                   column.touchpoint.actions, column.x, y, context.theme.text)


LANE = cell_lane("actions", "Actions", "what they do", ("action", "doing"), cell)
