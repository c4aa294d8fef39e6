"""The opportunities lane: what could be done, under the first pain it relieves.

Each card shows the status, impact and effort, and a badge per pain it relieves
(``P1``, ``P2``, ... as numbered on the pain cards); the layout draws the lines
from the pains to the cards (``layout.links``).
"""

from __future__ import annotations

from cjmap.model import Opportunity, Status
from cjmap.render.context import Column, Context
from cjmap.render.geometry import (
    BODY_LH,
    BODY_SIZE,
    CARD_PAD,
    CHIP_H,
    COL_W,
    SMALL_SIZE,
    STACK_GAP,
)
from cjmap.render.lanes.base import cell_lane, fmt_number, tooltip
from cjmap.render.scene import Box, Line
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import text_width
from cjmap.render.themes import Tone


def _relieves(context: Context, opp: Opportunity, x: float, row: float,
              sketch: Sketch, right: float) -> None:
    """``relieves P1 P3``: a badge per shown pain, as many as fit before ``right``."""
    th = context.theme
    sketch.text(f"opp:{opp.id}:relieves", "relieves", x, row + 1.5, 44,
                [Line("relieves", SMALL_SIZE, th.muted, 13.0, italic=True)])
    x += 46
    for pain_id in opp.addresses:
        if pain_id not in context.pains:
            continue
        pain_tone = th.severity[context.pains[pain_id].severity - 1]
        label = f"P{context.pain_numbers[pain_id]}"
        if x + text_width(label, 8, True) + 10 > right:
            break
        x += sketch.chip(f"opp:{opp.id}:relieves:{pain_id}", "badge", x, row, label,
                         Tone(pain_tone.stroke, pain_tone.stroke, "#ffffff")) + 4


def card(context: Context, opp: Opportunity, x: float, y: float, sketch: Sketch) -> float:
    """One opportunity card at ``x``, ``y``; returns its height."""
    th = context.theme
    inner = COL_W - 2 * CARD_PAD
    tone = th.status[opp.status]
    dropped = opp.status is Status.DROPPED
    color = th.muted if dropped else th.opportunity.text
    lines = para(opp.title, inner, BODY_SIZE, BODY_LH, color, bold=True)
    text_h = lines_height(lines)
    meta = f"impact {opp.impact} \u00b7 effort {opp.effort}"
    status = opp.status.value.replace("_", " ").upper()
    chip_w = text_width(status, 8, True) + 10
    # impact and effort beside the status chip when they fit, else on a row below
    beside = text_width(meta, SMALL_SIZE) <= inner - chip_w - 6
    rows = 2 if beside else 3
    h = text_h + rows * (CHIP_H + 4) - 4 + 4 + 2 * CARD_PAD
    tip = tooltip(opp.title, f"Status: {opp.status.value.replace('_', ' ')}; "
                  f"{meta}; confidence {fmt_number(opp.confidence)}",
                  opp.description, f"Owner: {opp.owner}" if opp.owner else "")
    sketch.boxes.append(Box(f"opp:{opp.id}", f"opportunity status-{opp.status.value}",
                            x, y, COL_W, h, th.opportunity.fill, tone.stroke,
                            1.5, dashed=dropped, tooltip=tip))
    sketch.text(f"opp:{opp.id}:text", "opportunity-text", x + CARD_PAD, y + CARD_PAD,
                inner, lines)
    row = y + CARD_PAD + text_h + 4
    sketch.chip(f"opp:{opp.id}:status", "status", x + CARD_PAD, row, status, tone,
                dashed=dropped)
    if not beside:
        row += CHIP_H + 4
    meta_x = x + CARD_PAD + (chip_w + 6 if beside else 0)
    sketch.text(f"opp:{opp.id}:meta", "opportunity-meta", meta_x, row + 1.0,
                x + COL_W - CARD_PAD - meta_x, [Line(meta, SMALL_SIZE, th.muted, 13.0)])
    row += CHIP_H + 4
    _relieves(context, opp, x + CARD_PAD, row, sketch, x + COL_W - CARD_PAD)
    return h


def cell(context: Context, column: Column, y: float, fill: float | None,
         sketch: Sketch) -> float:
    top = y
    for opp in context.opportunities_by_column.get(column.index, ()):
        y += card(context, opp, column.x, y, sketch) + STACK_GAP
    return max(0.0, y - top - STACK_GAP)


LANE = cell_lane("opportunities", "Opportunities", "what we could do",
                 ("opportunity", "opps"), cell)
