"""The thoughts lane: what the customer thinks, one quoted card per thought."""

from __future__ import annotations

from cjmap.model import Touchpoint
from cjmap.render.context import Column, Context
from cjmap.render.geometry import BODY_LH, BODY_SIZE, CARD_PAD, COL_W, STACK_GAP
from cjmap.render.lanes.base import touchpoint_lane
from cjmap.render.scene import Box
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import clean, excerpt


def cell(context: Context, column: Column, touchpoint: Touchpoint, y: float,
         sketch: Sketch) -> float:
    th = context.theme
    top = y
    inner = COL_W - 2 * CARD_PAD
    for k, thought in enumerate(touchpoint.thoughts):
        lines = para(f"\u201c{clean(excerpt(thought))}\u201d", inner, BODY_SIZE, BODY_LH,
                     th.thought.text, italic=True)
        h = lines_height(lines) + 2 * CARD_PAD - 4
        sketch.boxes.append(Box(f"thought:{column.key}:{k}", "thought", column.x, y, COL_W,
                                h, th.thought.fill, th.thought.stroke, 1.0))
        sketch.text(f"thought:{column.key}:{k}:text", "thought-text", column.x + CARD_PAD,
                    y + CARD_PAD - 2, inner, lines)
        y += h + STACK_GAP
    return max(0.0, y - top - STACK_GAP)


LANE = touchpoint_lane("thoughts", "Thoughts", "what they think", ("thought", "thinking"),
                      cell)
