"""The portfolio picture: maps against stages, each cell coloured by pain weight or by
mean emotion (docs/portfolio.md). Two HTML tables and a CSS-only switch: it works
without JavaScript, and with no style at all both tables are simply shown."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

from cjmap.html.markup import esc
from cjmap.reporting.text import num
from cjmap.score import StageScore
from cjmap.site.portfolio import SiteMap, StageColumn

# Cells fall into a few classes of colour (site.css): the page's policy allows its own
# style sheet only, not style attributes, and a few steps read better than a gradient.
WEIGHT_STEPS = 5
EMOTION_STEPS = 3


def weight_class(weight: Fraction, maximum: Fraction) -> str:
    """``w0`` for no pain; else ``w1``..``w5`` by the share of the heaviest stage."""
    if weight <= 0 or maximum <= 0:
        return "w0"
    return f"w{max(1, math.ceil(weight / maximum * WEIGHT_STEPS))}"


def emotion_class(common: Fraction) -> str:
    """``e-3``..``e3``: an emotion moved onto -1..1, to the nearest third (halves away
    from zero; 0 is neutral)."""
    step = math.floor(abs(common) * EMOTION_STEPS + Fraction(1, 2))
    return f"e{-step if common < 0 else step}"


Cell = Callable[[SiteMap, StageScore], tuple[str, str, str]]
"""(text, CSS class, description) of one map's stage."""


def weight_cell(maximum: Fraction) -> Cell:
    def cell(site_map: SiteMap, stage: StageScore) -> tuple[str, str, str]:
        return (num(stage.pain_weight), weight_class(stage.pain_weight, maximum),
                f"pain weight {num(stage.pain_weight)} from "
                f"{len(stage.pains)} pain point{'s' * (len(stage.pains) != 1)}")
    return cell


def emotion_cell(site_map: SiteMap, stage: StageScore) -> tuple[str, str, str]:
    mean = stage.mean_emotion
    if mean is None:
        return "–", "none", "no touchpoint has an emotion"
    low, high = site_map.card.scale
    return (num(mean), emotion_class(site_map.emotion_on_common_scale(mean)),
            f"mean emotion {num(mean)} on {low}..{high}")


def heat_table(maps: Sequence[SiteMap], columns: Sequence[StageColumn], cell: Cell,
               caption: str) -> str:
    head = "".join(f'<th scope="col">{esc(c.name)}</th>' for c in columns)
    rows = []
    for site_map in maps:
        cells = []
        for column in columns:
            stage = site_map.stage(column.key)
            if stage is None:
                cells.append('<td class="absent" title="not a stage of this map">·</td>')
                continue
            text, css, about = cell(site_map, stage)
            title = f"{site_map.journey.title} › {stage.name}: {about}"
            cells.append(f'<td class="{css}" title="{esc(title)}">{esc(text)}</td>')
        link = (f'<a href="maps/{esc(site_map.page)}.html">'
                f"{esc(site_map.journey.title)}</a>")
        rows.append(f'<tr><th scope="row">{link}</th>{"".join(cells)}</tr>')
    return (f'<table class="heat"><caption>{esc(caption)}</caption>'
            f'<thead><tr><th scope="col">Map</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _legend(stops: Sequence[tuple[str, str]]) -> str:
    swatches = "".join(f'<span class="swatch {css}">{esc(label)}</span>'
                       for label, css in stops)
    return f'<p class="legend" aria-hidden="true">{swatches}</p>'


def portfolio_picture(maps: Sequence[SiteMap], columns: Sequence[StageColumn]) -> str:
    """Both heat-maps and the switch between them (CSS: docs/portfolio.md)."""
    maximum = max((s.pain_weight for m in maps for s in m.card.stages), default=Fraction(0))
    weight_legend = _legend(
        [("0", "w0")] + [(f"≤ {num(maximum * k / WEIGHT_STEPS)}", f"w{k}")
                         for k in range(1, WEIGHT_STEPS + 1)])
    emotion_legend = _legend(
        [("bottom", "e-3"), ("", "e-2"), ("", "e-1"), ("neutral", "e0"), ("", "e1"),
         ("", "e2"), ("top of the scale", "e3")])
    weight = heat_table(maps, columns, weight_cell(maximum),
                        "Pain weight per stage (Σ severity × frequency): darker hurts more")
    emotion = heat_table(maps, columns, emotion_cell,
                         "Mean emotion per stage, on each map's own scale: red is the "
                         "bottom of the scale, green the top")
    return (
        '<section id="portfolio" aria-labelledby="portfolio-h">'
        '<h2 id="portfolio-h">Where it hurts: maps against stages</h2>'
        '<input type="radio" name="colour" id="colour-weight" class="switch" checked>'
        '<label for="colour-weight">Pain weight</label>'
        '<input type="radio" name="colour" id="colour-emotion" class="switch">'
        '<label for="colour-emotion">Mean emotion</label>'
        f'<div class="heat-weight">{weight}{weight_legend}</div>'
        f'<div class="heat-emotion">{emotion}{emotion_legend}</div>'
        "</section>")
