"""The touchpoints lane: one card per column naming the touchpoint and its channel."""

from __future__ import annotations

from cjmap.render.context import Column, Context
from cjmap.render.geometry import CARD_PAD, COL_W, SMALL_LH, SMALL_SIZE
from cjmap.render.lanes.base import cell_lane, tooltip
from cjmap.render.scene import Box
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import clean


def _placeholder(context: Context, column: Column, y: float, sketch: Sketch) -> float:
    """A stage without (shown) touchpoints still gets its column, saying why it is empty."""
    inner = COL_W - 2 * CARD_PAD
    why = ("No touchpoints for this persona" if context.options.persona and
           column.stage.touchpoints else "No touchpoints yet")
    lines = para(why, inner, SMALL_SIZE, SMALL_LH, context.theme.muted, italic=True)
    sketch.text(f"tp:{column.key}:text", "placeholder", column.x + CARD_PAD, y + CARD_PAD,
                inner, lines)
    return lines_height(lines) + 2 * CARD_PAD


def cell(context: Context, column: Column, y: float, fill: float | None,
         sketch: Sketch) -> float:
    th = context.theme
    journey = context.journey
    inner = COL_W - 2 * CARD_PAD
    tp = column.touchpoint
    if tp is None:
        return _placeholder(context, column, y, sketch)
    lines = para(tp.name, inner, 11, 15.0, th.card.text, bold=True)
    channel = next((c for c in journey.channels if c.id == tp.channel), None)
    if channel is not None:
        kind = f" \u00b7 {channel.kind.value}" if channel.kind else ""
        lines += para(f"{clean(channel.name)}{kind}", inner, SMALL_SIZE, SMALL_LH, th.muted)
    if tp.personas and context.options.persona is None and len(journey.personas) > 1:
        names = [context.personas[p].name if p in context.personas else p
                 for p in tp.personas]
        lines += para(f"Only: {', '.join(clean(n) for n in names)}", inner, SMALL_SIZE, SMALL_LH,
                      th.muted, italic=True)
    height = lines_height(lines) + 2 * CARD_PAD
    tip = tooltip(tp.name, tp.description, f"Owner: {tp.owner}" if tp.owner else "",
                  context.evidence_note(tp.evidence))
    sketch.boxes.append(Box(f"tp:{tp.id}", "touchpoint", column.x, y, COL_W,
                            fill if fill is not None else height, th.card.fill,
                            th.card.stroke, 1.0, tooltip=tip,
                            href=context.link_for(tp.evidence)))
    sketch.text(f"tp:{tp.id}:text", "touchpoint-text", column.x + CARD_PAD, y + CARD_PAD,
                inner, lines)
    return height


LANE = cell_lane("touchpoints", "Touchpoints", "where and how",
                 ("touchpoint", "channel", "channels"), cell)
