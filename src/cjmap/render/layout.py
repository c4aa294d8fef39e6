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


def _link(context: Context, pain_id: str, opp_id: str, title: str, source: Box, target: Box,
          route_y: float | None) -> Curve:
    """A line from a pain card's left edge to an opportunity card's left edge.

    It runs in the gutter left of the pain's column; to reach another column it
    crosses over in the gap between two lanes (``route_y``) and comes down (or up)
    the gutter left of the opportunity's column, so it never crosses a card.
    """
    th = context.theme
    pain = context.pains[pain_id]
    x, gx = source.x, source.x - GAP / 2
    y1, y2 = source.y + min(source.h / 2, 14.0), target.y + min(target.h / 2, 14.0)
    if route_y is None:
        points = [(x, y1), (gx, y1), (gx, y2), (x, y2)]
    else:
        tx, tgx = target.x, target.x - GAP / 2
        points = [(x, y1), (gx, y1), (gx, route_y), (tgx, route_y), (tgx, y2), (tx, y2)]
    return Curve(f"link:{pain_id}:{opp_id}", "link", polyline(points),
                 th.severity[pain.severity - 1].stroke, 1.5,
                 tooltip=f"{clean(title)} relieves {clean(pain.title)}")


def links(context: Context, boxes: list[Box], lane_tops: dict[str, float]) -> list[Curve]:
    """Tie each opportunity to every pain it addresses that the picture shows.

    In its own column the line runs down the gutter; to a pain in another column it
    crosses over in the gap above the lower of the two lanes (``_link``). Lines that
    cross over there are set 1 pt apart so that they do not merge into one.
    """
    pain_boxes = {b.id[len("pain:"):]: b for b in boxes if b.role.startswith("pain ")}
    opp_boxes = {b.id[len("opp:"):]: b for b in boxes if b.role.startswith("opportunity ")}
    gap_y = max(lane_tops.get("pains", 0.0), lane_tops.get("opportunities", 0.0)) \
        - LANE_GAP / 2
    out: list[Curve] = []
    crossings = 0
    # The title of the first opportunity of each id (a duplicate id is CJ101), looked up
    # once rather than by a scan of every opportunity per line.
    titles: dict[str, str] = {}
    for opp in context.journey.opportunities:
        titles.setdefault(opp.id, opp.title)
    for opp in context.journey.opportunities:
        target = opp_boxes.get(opp.id)
        if target is None:
            continue
        for pain_id in opp.addresses:
            source = pain_boxes.get(pain_id)
            if source is None:
                continue
            route_y: float | None = None
            if source.x != target.x:
                route_y = gap_y + (crossings % 5 - 2) * 1.0
                crossings += 1
            out.append(_link(context, pain_id, opp.id, titles[opp.id], source, target,
                             route_y))
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


def layout(journey: JourneyMap, options: RenderOptions | None = None,
           window: range | None = None) -> Picture:
    """Compute the picture of ``journey``; raises UsageError for an unknown persona.

    ``window``: only these columns (0-based, in map order), as on a print page.
    """
    options = options or RenderOptions()
    if options.persona is not None and options.persona not in {p.id for p in journey.personas}:
        known = ", ".join(p.id for p in journey.personas) or "none defined"
        raise UsageError(f"unknown persona {options.persona!r} (personas: {known})")
    context = build_context(journey, options, window)
    sketch = Sketch()
    y = frame.header(context, sketch)
    y += frame.stage_row(context, y, sketch) + LANE_GAP
    tops: dict[str, float] = {}
    for number, name in enumerate(options.lanes):
        lane = BY_NAME[name]
        tops[name] = y
        height = lane.measure(context)
        frame.band(context, name, number, y, height, sketch)
        sketch.extend(lane.draw(context, y, height))
        y += height + LANE_GAP
    sketch.curves += links(context, sketch.boxes, tops)
    return _picture(context, sketch, y - LANE_GAP + MARGIN)


__all__ = ["DEFAULT_LANES", "LANES", "LANE_TITLES", "Box", "Curve", "Dot", "Line", "Picture",
           "RenderOptions", "Text", "column_x", "describe", "is_link", "layout",
           "monotone_bezier", "parse_lanes", "span_width", "split_bezier"]
