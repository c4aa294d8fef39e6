"""The frame around the lanes: the header, the legend, the stage row and lane labels."""

from __future__ import annotations

from cjmap.model import Stage, State, Status
from cjmap.render.context import Context
from cjmap.render.geometry import (
    BODY_LH,
    BODY_SIZE,
    CARD_PAD,
    CHIP_H,
    LABEL_W,
    MARGIN,
    META_LH,
    META_SIZE,
    PAD,
    SMALL_LH,
    SMALL_SIZE,
    STAGE_LH,
    STAGE_SIZE,
    TITLE_LH,
    TITLE_SIZE,
    span_width,
)
from cjmap.render.lanes import LANE_TITLES
from cjmap.render.lanes.base import tooltip
from cjmap.render.scene import Box, Line
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import clean, text_width
from cjmap.render.themes import Tone


def _facts(context: Context) -> str:
    journey = context.journey
    names = context.persona_names()
    facts = [f"{'Future' if journey.state is State.FUTURE else 'Current'}-state journey"]
    if names:
        label = "Persona" if len(names) == 1 else "Personas"
        facts.append(f"{label}: {', '.join(clean(n) for n in names)}")
    if journey.owner:
        facts.append(f"Owner: {clean(journey.owner)}")
    facts.append(f"Reviewed {journey.reviewed.isoformat()}" if journey.reviewed
                 else "Not reviewed yet")
    return "  \u00b7  ".join(facts)


def header(context: Context, sketch: Sketch) -> float:
    """Title, facts, summary and legend; returns where the stage row starts."""
    th = context.theme
    journey = context.journey
    x, y = MARGIN, MARGIN
    width = context.width - 2 * MARGIN
    y += sketch.text("header:title", "title", x, y, width,
                     para(journey.title, width, TITLE_SIZE, TITLE_LH, th.title, bold=True))
    y += 2
    y += sketch.text("header:facts", "facts", x, y, width,
                     para(_facts(context), width, META_SIZE, META_LH, th.muted))
    notes: list[str] = []
    if journey.summary:
        notes.append(journey.summary)
    if context.options.persona is not None:
        persona = context.personas[context.options.persona]
        if persona.description:
            notes.append(f"{clean(persona.name)}: {persona.description}")
    summary_w = min(width, 760.0)
    lines: list[Line] = []
    for note in notes:
        lines += para(note, summary_w, BODY_SIZE, BODY_LH, th.text)
    if lines:
        y += 4
        y += sketch.text("header:summary", "summary", x, y, summary_w, lines)
    y += 10
    return y + legend(context, x, y, width, sketch) + 16


def legend(context: Context, x: float, y: float, width: float, sketch: Sketch) -> float:
    """Severity and status keys under the header; returns the height used."""
    th = context.theme
    left = x
    height = CHIP_H
    items: list[tuple[str, list[tuple[str, Tone, bool]]]] = []
    if "pains" in context.options.lanes:
        items.append(("Pain severity", [(f"{n}", th.severity[n - 1], False)
                                        for n in range(1, 6)]))
    if "opportunities" in context.options.lanes:
        items.append(("Opportunity status", [
            (s.value.replace("_", " "), th.status[s], s is Status.DROPPED) for s in Status]))
    for title, chips in items:
        need = text_width(title, SMALL_SIZE, True) + 8 + sum(
            text_width(label, 8, True) + 14 for label, _, _ in chips)
        if x > left and x + need > left + width:
            x, y, height = left, y + CHIP_H + 6, height + CHIP_H + 6
        title_w = text_width(title, SMALL_SIZE, True) + 2
        sketch.text(f"legend:{title.lower().replace(' ', '-')}", "legend", x, y + 1.0,
                    title_w, [Line(title, SMALL_SIZE, th.muted, 13.0, True)])
        x += title_w + 6
        for label, tone, dashed in chips:
            x += sketch.chip(f"legend:{label.replace(' ', '-')}", "legend-chip", x, y, label,
                             tone, dashed=dashed) + 4
        x += 18
    return height if items else 0.0


def stage_row(context: Context, y: float, sketch: Sketch) -> float:
    """A coloured header over each stage's columns; returns the row's height."""
    th = context.theme
    blocks: list[tuple[Stage, int, float, float, list[Line]]] = []
    # Colours follow the stage's place in the map, so a stage keeps its colour on every page.
    for number, stage in enumerate(context.journey.stages):
        columns = context.stage_columns(stage)
        if not columns:
            continue
        x, w = columns[0].x, span_width(len(columns))
        tone = th.stages[number % len(th.stages)]
        lines = para(stage.name, w - 2 * CARD_PAD, STAGE_SIZE, STAGE_LH, tone.text, bold=True)
        if stage.goal:
            lines += para(stage.goal, w - 2 * CARD_PAD, SMALL_SIZE, SMALL_LH, tone.text,
                          max_lines=3)
        blocks.append((stage, number, x, w, lines))
    height = max(lines_height(b[4]) for b in blocks) + 2 * CARD_PAD
    lane_label(context, "stages", y, height, "Stages", "", sketch)
    for stage, number, x, w, lines in blocks:
        tone = th.stages[number % len(th.stages)]
        tip = tooltip(stage.name, f"Goal: {stage.goal}" if stage.goal else "",
                      stage.description)
        sketch.boxes.append(Box(f"stage:{stage.id}", "stage", x, y, w, height, tone.fill,
                                tone.stroke, 1.0, tooltip=tip))
        sketch.text(f"stage:{stage.id}:text", "stage-text", x + CARD_PAD, y + CARD_PAD,
                    w - 2 * CARD_PAD, lines)
    return height


def lane_label(context: Context, lane: str, y: float, height: float, title: str, sub: str,
               sketch: Sketch) -> None:
    th = context.theme
    sketch.back.append(Box(f"lane:{lane}:label", "lane-label", MARGIN, y, LABEL_W, height,
                           th.label.fill, th.label.stroke, 0.0))
    lines = para(title, LABEL_W - 2 * PAD, 11, 15.0, th.label.text, bold=True)
    if sub:
        lines += para(sub, LABEL_W - 2 * PAD, SMALL_SIZE, SMALL_LH, th.muted, italic=True)
    sketch.text(f"lane:{lane}:title", "lane-title", MARGIN + PAD, y + PAD, LABEL_W - 2 * PAD,
                lines)


def band(context: Context, lane: str, number: int, y: float, height: float,
         sketch: Sketch) -> None:
    """The lane's background, alternating shades, and its label."""
    th = context.theme
    sketch.back.append(Box(f"lane:{lane}", "lane", context.band_left, y,
                           context.band_right - context.band_left, height,
                           th.band[number % 2], th.band[number % 2], 0.0, rounded=False))
    title, sub = LANE_TITLES[lane]
    lane_label(context, lane, y, height, title, sub, sketch)
