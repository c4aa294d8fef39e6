"""The emotion lane: a curve through each touchpoint's emotion, one per persona.

Positive values sit above the neutral line (0 on a scale from negative to positive,
else its middle), negative below. With one line, it is green above the neutral
line and red below; with a line per persona, each has its colour and dash and a
legend in the lane label. A touchpoint the persona does not pass through is skipped
by the line; one they pass through without an emotion breaks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cjmap.model import Touchpoint
from cjmap.render.context import Column, Context
from cjmap.render.curves import crossing, monotone_bezier, pieces, split_bezier
from cjmap.render.geometry import COL_W, LABEL_W, MARGIN, PAD, SMALL_LH, SMALL_SIZE
from cjmap.render.lanes.base import Lane
from cjmap.render.scene import Box, Curve, Dot, Line, Point
from cjmap.render.sketch import Sketch, lines_height, para
from cjmap.render.text import clean

EMOTION_PAD = 18.0
EMOTION_STEP = 30.0  # vertical points per scale step
EMOTION_MIN_H = 150.0
DOT_R = 5.0
LEGEND_W = LABEL_W - PAD - 22 - 32
# A line's DOT ``pos`` holds at most this many Bézier pieces (Graphviz refuses quoted
# strings over 16 KB; 200 pieces take about 8 KB); a longer line is drawn in parts.
MAX_PIECES = 200
TIP_VALUES = 24  # a line's tooltip lists at most this many values


def _tip(name: str, values: list[int]) -> str:
    if len(values) > TIP_VALUES:
        shown = " \u2192 ".join(str(v) for v in values[: TIP_VALUES - 1])
        return f"{name}: {shown} \u2192 \u2026 ({len(values)} touchpoints)"
    return f"{name}: " + " \u2192 ".join(str(v) for v in values)


def _curves(key: str, path: Sequence[Point], color: str, width: float, style: str,
            tip: str) -> list[Curve]:
    """One curve, or a curve in parts (``key``, ``key:part2``, ...) when long."""
    parts = pieces(path, MAX_PIECES)
    return [Curve(key if k == 0 else f"{key}:part{k + 1}", "emotion-line", part, color,
                  width, style, tip) for k, part in enumerate(parts)]


class Series(NamedTuple):
    key: str
    name: str
    values: tuple[int | None, ...]  # one per column
    # Columns the persona does not pass through: the line runs on past them, whereas
    # a touchpoint they do pass through without a recorded emotion breaks the line.
    skips: frozenset[int] = frozenset()


class _Scale(NamedTuple):
    """Where values go in a lane from ``top`` of ``height``."""

    top: float
    height: float
    low: int
    high: int

    @property
    def neutral(self) -> float:
        # 0 is neutral on a scale running from negative to positive; else the middle is.
        return 0.0 if self.low < 0 < self.high else (self.low + self.high) / 2

    def y(self, value: float) -> float:
        return emotion_y(value, self.top, self.height, self.low, self.high)


def emotion_y(value: float, top: float, height: float, low: int, high: int) -> float:
    """Vertical position of an emotion value in a lane from ``top`` of ``height``."""
    inner = height - 2 * EMOTION_PAD
    return top + EMOTION_PAD + (high - value) * inner / (high - low)


def _value(tp: Touchpoint | None, who: str | None) -> int | None:
    if tp is None or tp.emotion is None:
        return None
    if isinstance(tp.emotion, int):
        return tp.emotion if who is None or not tp.personas or who in tp.personas else None
    if who is None:
        return None
    return tp.emotion.get(who)


def series(context: Context) -> list[Series]:
    """The lines to draw: the chosen persona's, one per persona, or one for all."""
    columns = context.columns

    def make(key: str, name: str, who: str | None) -> Series:
        skips = frozenset(c.index for c in columns if c.touchpoint is None or (
            who is not None and c.touchpoint.personas and who not in c.touchpoint.personas))
        return Series(key, name, tuple(_value(c.touchpoint, who) for c in columns), skips)

    persona = context.options.persona
    if persona is not None:
        return [make(persona, context.personas[persona].name, persona)]
    if not any(isinstance(c.touchpoint.emotion, dict) for c in columns if c.touchpoint):
        return [make("all", "All personas", None)]
    out = [make(p.id, p.name, p.id) for p in context.journey.personas]
    return [s for s in out if any(v is not None for v in s.values)]


def _legend_names(context: Context, lines: list[Series]) -> list[list[Line]]:
    if len(lines) < 2:
        return []
    return [para(s.name, LEGEND_W, SMALL_SIZE, 12.0, context.theme.text, max_lines=2)
            for s in lines]


def measure(context: Context) -> float:
    low, high = context.journey.scales.emotion.min, context.journey.scales.emotion.max
    legend_h = sum(lines_height(names) + 4
                   for names in _legend_names(context, series(context)))
    # 30 pt a step on short scales; long scales (0..10) are squeezed to stay compact.
    step = min(EMOTION_STEP, max(12.0, 160.0 / (high - low)))
    return max(EMOTION_MIN_H, (high - low) * step + 2 * EMOTION_PAD,
               15.0 + SMALL_LH + 2 * PAD + 6 + legend_h)


def _axis(context: Context, scale: _Scale, sketch: Sketch) -> None:
    """Valence areas, grid lines with their values, and the dashed neutral line."""
    th = context.theme
    left, right, y = context.band_left, context.band_right, scale.top
    neutral, base = scale.neutral, scale.y(scale.neutral)
    sketch.back.append(Box("emotion:positive", "positive-area", left, y, right - left,
                           base - y, th.positive_area, th.positive_area, 0.0, rounded=False))
    sketch.back.append(Box("emotion:negative", "negative-area", left, base, right - left,
                           y + scale.height - base, th.negative_area, th.negative_area, 0.0,
                           rounded=False))
    low, high = scale.low, scale.high
    steps = range(low, high + 1) if high - low <= 10 else sorted({low, high, round(neutral)})
    for v in steps:
        gy = scale.y(v)
        if v != neutral:
            sketch.curves.append(Curve(f"emotion:grid:{v}", "grid",
                                       ((left, gy), (left, gy), (right, gy), (right, gy)),
                                       th.grid, 0.75))
        label = f"+{v}" if v > neutral and neutral == 0 else str(v).replace("-", "\u2212")
        sketch.text(f"emotion:axis:{v}", "axis", left - 4 - 24, gy - 6.5, 24,
                    [Line(label, 8, th.muted, 13.0)], align="right")
    sketch.curves.append(Curve("emotion:neutral", "neutral",
                               ((left, base), (left, base), (right, base), (right, base)),
                               th.baseline, 1.0, "dashed"))


def _legend(context: Context, lines: list[Series], top: float, sketch: Sketch) -> None:
    th = context.theme
    ly = top + PAD + 15.0 + SMALL_LH + 6
    x = MARGIN + PAD
    for k, (line, names) in enumerate(zip(lines, _legend_names(context, lines), strict=True)):
        color = th.personas[k % len(th.personas)]
        style = th.persona_dashes[k % len(th.persona_dashes)]
        sketch.curves.append(Curve(f"emotion:legend:{line.key}", "legend-line",
                                   ((x, ly + 6), (x, ly + 6), (x + 18, ly + 6),
                                    (x + 18, ly + 6)), color, th.line_width, style))
        ly += sketch.text(f"emotion:legend:{line.key}:text", "legend", x + 22, ly, LEGEND_W,
                          names) + 4


def draw(context: Context, top: float, height: float) -> Sketch:
    sketch = Sketch()
    scale = _Scale(top, height, context.journey.scales.emotion.min,
                   context.journey.scales.emotion.max)
    _axis(context, scale, sketch)
    lines = series(context)
    legend = len(lines) > 1
    if legend:
        _legend(context, lines, top, sketch)
    for k, line in enumerate(lines):
        offset = (k - (len(lines) - 1) / 2) * 3.0 if legend else 0.0
        _draw_series(context, line, k, legend, scale, offset, sketch)
    for column in context.columns:
        if column.touchpoint is not None and all(s.values[column.index] is None
                                                 for s in lines):
            sketch.text(f"emotion:{column.key}:none", "no-emotion", column.x,
                        top + height - PAD - 12, COL_W,
                        [Line("no emotion recorded", 8, context.theme.muted, 12.0,
                              italic=True)], align="center")
    return sketch


_Run = list[tuple[Column, int, Point]]


def _runs(context: Context, line: Series, scale: _Scale, offset: float) -> list[_Run]:
    """The stretches of the line between breaks, as (column, value, point)."""
    points: _Run = []
    runs: list[_Run] = []
    for column in context.columns:
        v = line.values[column.index]
        if v is None and column.index in line.skips:
            continue
        if v is None:
            if points:
                runs.append(points)
            points = []
            continue
        y = scale.y(min(max(v, scale.low), scale.high)) + offset
        points.append((column, v, (column.x + COL_W / 2, y)))
    if points:
        runs.append(points)
    return runs


def _draw_series(context: Context, line: Series, k: int, legend: bool, scale: _Scale,
                 offset: float, sketch: Sketch) -> None:
    th = context.theme
    neutral = scale.neutral
    runs = _runs(context, line, scale, offset)
    color = th.personas[k % len(th.personas)]
    style = th.persona_dashes[k % len(th.persona_dashes)]
    for r, run in enumerate(runs):
        if len(run) < 2:
            continue
        path = monotone_bezier([p for _, _, p in run])
        tip = _tip(line.name, [v for _, v, _ in run])
        if legend:
            sketch.curves += _curves(f"emotion:{line.key}:{r}", path, color, th.line_width,
                                     style, tip)
        else:
            _valence_curves(context, line.key, r, path, run, scale, tip, sketch)
    for column, v, (x, y) in [p for run in runs for p in run]:
        valence = th.positive if v > neutral else th.negative if v < neutral else th.neutral
        tp_name = column.touchpoint.name if column.touchpoint else ""
        who = f" ({line.name})" if legend else ""
        sketch.dots.append(Dot(f"emotion:{line.key}:{column.key}", "emotion-point", x, y,
                               DOT_R, color if legend else valence, th.background, 1.5,
                               f"{clean(tp_name)}{who}: {v:+d}" if v else
                               f"{clean(tp_name)}{who}: 0"))


def _valence_curves(context: Context, key: str, run_no: int, path: tuple[Point, ...],
                    run: _Run, scale: _Scale, tip: str, sketch: Sketch) -> None:
    """One line coloured by valence: green above the neutral line, red below."""
    th = context.theme
    neutral, base = scale.neutral, scale.y(scale.neutral)
    pieces: list[tuple[str, tuple[Point, ...]]] = []

    def tone(v: float) -> str:
        return th.positive if v > neutral else th.negative if v < neutral else th.neutral

    for i in range(len(run) - 1):
        seg = path[3 * i: 3 * i + 4]
        a, b = run[i][1], run[i + 1][1]
        if (a - neutral) * (b - neutral) < 0:
            first, second = split_bezier(seg, crossing(seg, base))
            pieces += [(tone(a), first), (tone(b), second)]
        else:
            pieces.append((tone(a) if a != neutral else tone(b), seg))
    merged: list[tuple[str, list[Point]]] = []
    for color, seg in pieces:
        if merged and merged[-1][0] == color:
            merged[-1][1].extend(seg[1:])
        else:
            merged.append((color, list(seg)))
    for m, (color, pts) in enumerate(merged):
        sketch.curves += _curves(f"emotion:{key}:{run_no}:{m}", pts, color, th.line_width,
                                 "", tip)


LANE = Lane("emotion", "Emotions", "how they feel",
            ("emotions", "feeling", "feelings", "curve"), measure, draw)
