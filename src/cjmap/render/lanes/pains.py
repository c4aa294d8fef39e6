"""The pains lane: a card per pain point, marked by severity and numbered P1, P2, ...

Pains on a touchpoint sit in its column; pains on a stage (spanning its touchpoints)
sit above them, as wide as the stage.
"""

from __future__ import annotations

from cjmap.model import PainPoint, Touchpoint
from cjmap.render.context import Column, Context
from cjmap.render.geometry import (
    BODY_LH,
    BODY_SIZE,
    CARD_PAD,
    COL_W,
    PAD,
    SMALL_LH,
    SMALL_SIZE,
    STACK_GAP,
    span_width,
)
from cjmap.render.lanes.base import Lane, cell_height, fmt_number, lane_height, tooltip
from cjmap.render.scene import Box
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import text_width
from cjmap.render.themes import Tone

SUBTITLE = "by severity"


def card(context: Context, pain: PainPoint, x: float, y: float, w: float,
         touchpoint: Touchpoint | None, sketch: Sketch) -> float:
    """One pain card ``w`` wide at ``x``, ``y``; returns its height."""
    th = context.theme
    tone = th.severity[pain.severity - 1]
    number = context.pain_numbers[pain.id]
    badge = f"P{number}"
    badge_w = text_width(badge, 8, True) + 10
    inner = w - 2 * CARD_PAD
    lines = para(pain.title, inner - badge_w - 4, BODY_SIZE, BODY_LH, tone.text, bold=True)
    share = f"{fmt_number(round(pain.frequency * 100, 1))}% affected"
    meta = para(f"{pain.severity}/5 \u00b7 {share}", inner - 50, SMALL_SIZE, SMALL_LH,
                th.muted, max_lines=1)
    text_h = lines_height(lines)
    h = text_h + 4 + SMALL_LH + 2 * CARD_PAD
    evidence = pain.evidence or (touchpoint.evidence if touchpoint else [])
    tip = tooltip(f"P{number}: {pain.title}", f"Severity {pain.severity}/5, {share}",
                  pain.description, context.evidence_note(evidence))
    sketch.boxes.append(Box(f"pain:{pain.id}", f"pain severity-{pain.severity}", x, y, w, h,
                            tone.fill, tone.stroke, 1.0 + 0.25 * pain.severity,
                            tooltip=tip, href=context.link_for(evidence)))
    sketch.text(f"pain:{pain.id}:text", "pain-text", x + CARD_PAD, y + CARD_PAD,
                inner - badge_w - 4, lines)
    row = y + CARD_PAD + text_h + 4
    for k in range(5):
        on = k < pain.severity
        sketch.boxes.append(Box(f"pain:{pain.id}:pip:{k}", "pip", x + CARD_PAD + k * 9,
                                row + 2.5, 7, 8, tone.stroke if on else th.background,
                                tone.stroke, 0.75, rounded=False))
    sketch.text(f"pain:{pain.id}:meta", "pain-meta", x + CARD_PAD + 50, row, inner - 50, meta)
    sketch.chip(f"pain:{pain.id}:badge", "badge", x + w - CARD_PAD - badge_w, y + CARD_PAD,
                badge, Tone(tone.stroke, tone.stroke, "#ffffff"))
    return h


def stage_pains(context: Context, y: float, sketch: Sketch) -> dict[str, float]:
    """Pains on a stage (not on one touchpoint): cards as wide as the stage.

    Returns the height they take in each stage that has some.
    """
    used: dict[str, float] = {}
    for stage in context.journey.stages:
        columns = context.stage_columns(stage)
        if not columns:
            continue
        top = y
        for pain in context.shown_pains(stage.pain_points):
            top += card(context, pain, columns[0].x, top, span_width(len(columns)), None,
                        sketch) + STACK_GAP
        if top > y:
            used[stage.id] = top - y
    return used


def cell(context: Context, column: Column, y: float, fill: float | None,
         sketch: Sketch) -> float:
    if column.touchpoint is None:
        return 0.0
    top = y
    for pain in context.shown_pains(column.touchpoint.pain_points):
        y += card(context, pain, column.x, y, COL_W, column.touchpoint, sketch) + STACK_GAP
    return max(0.0, y - top - STACK_GAP)


def measure(context: Context) -> float:
    stage_extra = stage_pains(context, 0.0, Sketch())
    content = max([cell_height(cell, context, c) + stage_extra.get(c.stage.id, 0.0)
                   for c in context.columns] + [0.0])
    return lane_height(content, SUBTITLE)


def draw(context: Context, top: float, height: float) -> Sketch:
    sketch = Sketch()
    stage_extra = stage_pains(context, top + PAD, sketch)
    for column in context.columns:
        cell(context, column, top + PAD + stage_extra.get(column.stage.id, 0.0),
             height - 2 * PAD, sketch)
    return sketch


LANE = Lane("pains", "Pain points", SUBTITLE,
            ("pain", "pain_points", "pain-points", "painpoints"), measure, draw)
