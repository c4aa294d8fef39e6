"""Map -> picture: every box, line of text, curve and dot, positioned (pure).

The picture is a grid. Columns are touchpoints, grouped under coloured stage headers;
rows ("lanes") are what the customer does, thinks and feels, where it hurts and what
could be done about it. cjmap computes every coordinate itself, in points with the
origin at the top left, so that Graphviz only has to draw (``dot.py`` turns the
result into DOT with pinned positions). Nothing here runs a program or reads a file.

This module only orchestrates: the grid is in ``geometry.py``, the header and stage
row in ``frame.py``, each lane in ``lanes/`` (listed in ``lanes/__init__.py``), the
shapes in ``scene.py``. See docs/architecture.md, "Render".
"""

from __future__ import annotations

from cjmap.errors import UsageError
from cjmap.model import JourneyMap
from cjmap.render import frame
from cjmap.render.context import Context, build_context
from cjmap.render.curves import monotone_bezier, polyline, split_bezier
from cjmap.render.geometry import GAP, LANE_GAP, MARGIN, column_x, span_width
from cjmap.render.lanes import BY_NAME, DEFAULT_LANES, LANE_TITLES, LANES, parse_lanes
from cjmap.render.options import RenderOptions
from cjmap.render.scene import Box, Curve, Dot, Line, Picture, Text, is_link
from cjmap.render.sketch import Sketch
from cjmap.render.text import clean


def links(context: Context, boxes: list[Box]) -> list[Curve]:
    """Tie each opportunity to the pains it addresses in its own column.

    The line leaves the pain card's left edge, runs down the gutter left of the
    column and enters the opportunity card, so it never crosses another card.
    Pains elsewhere are named by their badge on the opportunity card.
    """
    th = context.theme
    pain_boxes = {b.id[len("pain:"):]: b for b in boxes if b.role.startswith("pain ")}
    opp_boxes = {b.id[len("opp:"):]: b for b in boxes if b.role.startswith("opportunity ")}
    out: list[Curve] = []
    for opp in context.journey.opportunities:
        target = opp_boxes.get(opp.id)
        if target is None:
            continue
        for pain_id in opp.addresses:
            source = pain_boxes.get(pain_id)
            if source is None or source.x != target.x:
                continue
            x, gx = source.x, source.x - GAP / 2
            y1, y2 = source.y + min(source.h / 2, 14.0), target.y + min(target.h / 2, 14.0)
            tone = th.severity[context.pains[pain_id].severity - 1]
            out.append(Curve(
                f"link:{pain_id}:{opp.id}", "link",
                polyline([(x, y1), (gx, y1), (gx, y2), (x, y2)]), tone.stroke, 1.5,
                tooltip=f"{clean(opp.title)} relieves {clean(context.pains[pain_id].title)}"))
    return out


def describe(journey: JourneyMap, options: RenderOptions, pains: int) -> str:
    """A plain-text description of the picture (the SVG's <desc>, for screen readers)."""
    touchpoints = sum(len(s.touchpoints) for s in journey.stages)
    who = f" for persona {options.persona}" if options.persona else ""
    parts = [f"Customer journey map{who}: {len(journey.stages)} stages, {touchpoints} "
             f"touchpoints, {pains} pain points, {len(journey.opportunities)} opportunities."]
    parts.append("Stages: " + ", ".join(clean(s.name) for s in journey.stages) + ".")
    if journey.summary:
        parts.append(clean(journey.summary))
    return " ".join(parts)


def _picture(context: Context, sketch: Sketch, height: float) -> Picture:
    th = context.theme
    canvas = Box("canvas", "canvas", 0.0, 0.0, context.width, height, th.background,
                 th.background, 0.0, rounded=False)
    return Picture(
        width=context.width, height=height, title=clean(context.journey.title),
        description=describe(context.journey, context.options, len(context.pains)),
        background=th.background, font=th.font,
        boxes=(canvas, *sketch.back, *sketch.boxes), curves=tuple(sketch.curves),
        dots=tuple(sketch.dots), texts=tuple(sketch.texts))


def layout(journey: JourneyMap, options: RenderOptions | None = None) -> Picture:
    """Compute the picture of ``journey``; raises UsageError for an unknown persona."""
    options = options or RenderOptions()
    if options.persona is not None and options.persona not in {p.id for p in journey.personas}:
        known = ", ".join(p.id for p in journey.personas) or "none defined"
        raise UsageError(f"unknown persona {options.persona!r} (personas: {known})")
    context = build_context(journey, options)
    sketch = Sketch()
    y = frame.header(context, sketch)
    y += frame.stage_row(context, y, sketch) + LANE_GAP
    for number, name in enumerate(options.lanes):
        lane = BY_NAME[name]
        height = lane.measure(context)
        frame.band(context, name, number, y, height, sketch)
        sketch.extend(lane.draw(context, y, height))
        y += height + LANE_GAP
    sketch.curves += links(context, sketch.boxes)
    return _picture(context, sketch, y - LANE_GAP + MARGIN)


__all__ = ["DEFAULT_LANES", "LANES", "LANE_TITLES", "Box", "Curve", "Dot", "Line", "Picture",
           "RenderOptions", "Text", "column_x", "describe", "is_link", "layout",
           "monotone_bezier", "parse_lanes", "span_width", "split_bezier"]
