"""Map -> picture: every box, line of text, curve and dot, positioned (pure).

The picture is a grid. Columns are touchpoints, grouped under coloured stage headers;
rows ("lanes") are what the customer does, thinks and feels, where it hurts and what
could be done about it. cjmap computes every coordinate here, in points with the
origin at the top left, so that Graphviz only has to draw (``dot.py`` turns the
result into DOT with pinned positions). Nothing here runs a program or reads a file.

Geometry, left to right: ``MARGIN``, the lane-name column (``LABEL_W``), then for
each column a ``GAP`` and ``COL_W``; ``MARGIN`` again on the right. Top to bottom:
the header (title, who, state, review date, owner, summary, legend), the stage row,
then one band per lane separated by ``LANE_GAP``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from cjmap.errors import UsageError
from cjmap.index import build_index
from cjmap.model import (
    Evidence,
    JourneyMap,
    Metric,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    State,
    Status,
    Touchpoint,
)
from cjmap.render.text import clean, text_width, wrap
from cjmap.render.themes import LIGHT, Theme, Tone

# -- lanes -------------------------------------------------------------------------------

LANES: tuple[str, ...] = ("touchpoints", "actions", "thoughts", "emotion", "pains",
                          "opportunities", "backstage", "metrics")
DEFAULT_LANES: tuple[str, ...] = LANES[:6]
LANE_TITLES: dict[str, tuple[str, str]] = {
    "touchpoints": ("Touchpoints", "where and how"),
    "actions": ("Actions", "what they do"),
    "thoughts": ("Thoughts", "what they think"),
    "emotion": ("Emotions", "how they feel"),
    "pains": ("Pain points", "by severity"),
    "opportunities": ("Opportunities", "what we could do"),
    "backstage": ("Backstage", "behind the scenes"),
    "metrics": ("Metrics", "measured here"),
}
_ALIASES: dict[str, str] = {
    "touchpoint": "touchpoints", "channel": "touchpoints", "channels": "touchpoints",
    "action": "actions", "doing": "actions", "thought": "thoughts", "thinking": "thoughts",
    "emotions": "emotion", "feeling": "emotion", "feelings": "emotion", "curve": "emotion",
    "pain": "pains", "pain_points": "pains", "pain-points": "pains", "painpoints": "pains",
    "opportunity": "opportunities", "opps": "opportunities", "metric": "metrics",
}


def parse_lanes(spec: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"emotion,pains"`` -> ``("emotion", "pains")``; unknown or repeated lanes are errors."""
    if spec is None:
        return DEFAULT_LANES
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    lanes: list[str] = []
    for part in parts:
        name = part.strip().lower()
        if not name:
            continue
        name = _ALIASES.get(name, name)
        if name not in LANES:
            raise UsageError(f"unknown lane {part.strip()!r}; choose from {', '.join(LANES)}")
        if name in lanes:
            raise UsageError(f"lane {name!r} is listed twice in --lanes")
        lanes.append(name)
    if not lanes:
        raise UsageError(f"--lanes needs at least one lane: {', '.join(LANES)}")
    return tuple(lanes)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    persona: str | None = None
    lanes: tuple[str, ...] = DEFAULT_LANES
    theme: Theme = LIGHT


# -- the picture model -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle; ``x``, ``y`` is its top-left corner."""

    id: str
    role: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    stroke_width: float = 1.0
    rounded: bool = True
    dashed: bool = False
    tooltip: str | None = None
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text; ``height`` is the line pitch it takes up."""

    text: str
    size: int
    color: str
    height: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """Lines of text in a block ``w`` wide whose top-left corner is ``x``, ``y``."""

    id: str
    role: str
    x: float
    y: float
    w: float
    lines: tuple[Line, ...]
    align: str = "left"  # left | center | right

    @property
    def h(self) -> float:
        return sum(line.height for line in self.lines)


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Curve:
    """A path of cubic Bézier pieces: p0, c1, c2, p1, c1, c2, p2, ... (3n + 1 points)."""

    id: str
    role: str
    points: tuple[Point, ...]
    color: str
    width: float
    style: str = ""  # "" (solid), "dashed" or "dotted"
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Dot:
    id: str
    role: str
    x: float
    y: float
    r: float
    fill: str
    stroke: str
    stroke_width: float = 1.5
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """Everything to draw, in drawing order: boxes, then curves, dots and texts on top."""

    width: float
    height: float
    title: str
    description: str
    background: str
    font: str
    boxes: tuple[Box, ...]
    curves: tuple[Curve, ...]
    dots: tuple[Dot, ...]
    texts: tuple[Text, ...]


# -- geometry ----------------------------------------------------------------------------

MARGIN = 24.0
LABEL_W = 150.0
COL_W = 180.0
GAP = 10.0
PAD = 8.0  # inside a lane, around its content
CARD_PAD = 8.0  # inside a card, around its text
STACK_GAP = 6.0  # between cards stacked in one cell
LANE_GAP = 6.0
BAND_INSET = GAP - 4  # lane bands reach this far beyond the outer columns
HEADER_MIN_W = 560.0
EMOTION_PAD = 18.0
EMOTION_STEP = 30.0  # vertical points per scale step
EMOTION_MIN_H = 150.0
DOT_R = 5.0
CHIP_H = 14.0
BULLET_W = 11.0
TITLE_SIZE, TITLE_LH = 22, 28.0
META_SIZE, META_LH = 11, 16.0
BODY_SIZE, BODY_LH = 10, 14.0
SMALL_SIZE, SMALL_LH = 9, 13.0
STAGE_SIZE, STAGE_LH = 13, 17.0


def column_x(index: int) -> float:
    """Left edge of touchpoint column ``index`` (0-based)."""
    return MARGIN + LABEL_W + GAP + index * (COL_W + GAP)


def span_width(columns: int) -> float:
    return columns * COL_W + (columns - 1) * GAP


def is_link(url: str | None) -> bool:
    """Only http(s) URLs ever become links (never javascript:, data:, file:, ...)."""
    if not url:
        return False
    lowered = url.strip().lower()
    return (lowered.startswith(("http://", "https://")) and len(lowered) > len("https://")
            and not any(ch.isspace() or ord(ch) < 32 for ch in url))


def emotion_y(value: float, top: float, height: float, low: int, high: int) -> float:
    """Vertical position of an emotion value in a lane from ``top`` of ``height``."""
    inner = height - 2 * EMOTION_PAD
    return top + EMOTION_PAD + (high - value) * inner / (high - low)


def monotone_bezier(points: Sequence[Point]) -> tuple[Point, ...]:
    """Bézier control points of a monotone cubic through ``points`` (x increasing).

    Fritsch-Carlson tangents keep the curve between neighbouring values: it never
    overshoots a peak or crosses the neutral line between two points on one side.
    """
    n = len(points)
    if n < 2:
        return tuple(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(n - 1)]
    tangents = [slopes[0]] + [
        0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2
        for i in range(1, n - 1)
    ] + [slopes[-1]]
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slope, tangents[i + 1] / slope
        norm = a * a + b * b
        if norm > 9:
            scale = 3 / math.sqrt(norm)
            tangents[i], tangents[i + 1] = scale * a * slope, scale * b * slope
    out: list[Point] = [points[0]]
    for i in range(n - 1):
        dx = (xs[i + 1] - xs[i]) / 3
        out += [(xs[i] + dx, ys[i] + tangents[i] * dx),
                (xs[i + 1] - dx, ys[i + 1] - tangents[i + 1] * dx), points[i + 1]]
    return tuple(out)


def _polyline(points: Sequence[Point]) -> tuple[Point, ...]:
    """Straight segments as Bézier pieces (control points on the segment ends)."""
    out: list[Point] = [points[0]]
    for a, b in itertools.pairwise(points):
        out += [a, b, b]
    return tuple(out)


def split_bezier(p: Sequence[Point], t: float) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """De Casteljau: one cubic piece -> two pieces meeting at parameter ``t``."""
    def lerp(a: Point, b: Point) -> Point:
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    p01, p12, p23 = lerp(p[0], p[1]), lerp(p[1], p[2]), lerp(p[2], p[3])
    p012, p123 = lerp(p01, p12), lerp(p12, p23)
    mid = lerp(p012, p123)
    return (p[0], p01, p012, mid), (mid, p123, p23, p[3])


def _bezier_y(p: Sequence[Point], t: float) -> float:
    u = 1 - t
    return u * u * u * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] \
        + t * t * t * p[3][1]


def crossing(p: Sequence[Point], y: float) -> float:
    """Parameter where a piece that is monotone in y crosses height ``y`` (bisection)."""
    lo, hi = 0.0, 1.0
    rising = p[3][1] > p[0][1]
    for _ in range(40):
        mid = (lo + hi) / 2
        if (_bezier_y(p, mid) < y) == rising:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# -- building ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Column:
    index: int
    stage: Stage
    touchpoint: Touchpoint | None  # None: a stage with no (shown) touchpoints

    @property
    def x(self) -> float:
        return column_x(self.index)

    @property
    def key(self) -> str:
        return self.touchpoint.id if self.touchpoint else f"{self.stage.id}-empty"


@dataclass(frozen=True, slots=True)
class _Series:
    key: str
    name: str
    values: tuple[int | None, ...]  # one per column
    # Columns the persona does not pass through: the line runs on past them, whereas
    # a touchpoint they do pass through without a recorded emotion breaks the line.
    skips: frozenset[int] = frozenset()


def _tooltip(*parts: str | None) -> str:
    """Hover text of a card: its parts, cleaned, one after the other."""
    return " \u2014 ".join(clean(p).rstrip(".") for p in parts if p and clean(p))


def _fmt_number(value: float) -> str:
    return f"{value:.6g}" if value != int(value) or abs(value) >= 1e6 else str(int(value))


def _fmt_metric(value: float, unit: str | None) -> str:
    if unit and unit.strip().lower() in ("ratio", "share", "fraction"):
        return f"{_fmt_number(round(value * 100, 1))}%"
    if unit and unit.strip() in ("%", "percent"):
        return f"{_fmt_number(value)}%"
    return _fmt_number(value) + (f" {clean(unit)}" if unit else "")


def _meets(metric: Metric) -> bool | None:
    if metric.value is None or metric.target is None or metric.better is None:
        return None
    if metric.better.value == "higher":
        return metric.value >= metric.target
    return metric.value <= metric.target


@dataclass
class _Builder:
    journey: JourneyMap
    options: RenderOptions
    theme: Theme = field(init=False)
    columns: list[_Column] = field(default_factory=list)
    back: list[Box] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    curves: list[Curve] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    pain_numbers: dict[str, int] = field(default_factory=dict)
    pain_column: dict[str, int] = field(default_factory=dict)
    pains: dict[str, PainPoint] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    grid_right: float = 0.0
    band_left: float = MARGIN + LABEL_W + 4
    band_right: float = 0.0
    pain_boxes: dict[str, Box] = field(default_factory=dict)
    opps_by_column: dict[int, list[Opportunity]] | None = None
    opp_boxes: dict[str, Box] = field(default_factory=dict)
    width: float = 0.0

    def __post_init__(self) -> None:
        self.theme = self.options.theme
        self.evidence = {e.id: e for e in self.journey.evidence}
        self.metrics = {m.id: m for m in self.journey.metrics}
        self.personas = {p.id: p for p in self.journey.personas}

    # -- what is shown -----------------------------------------------------------------

    def shows(self, personas: list[str]) -> bool:
        persona = self.options.persona
        return persona is None or not personas or persona in personas

    def shown_pains(self, pains: list[PainPoint]) -> list[PainPoint]:
        return [p for p in pains if self.shows(p.personas)]

    def build_columns(self) -> None:
        for stage in self.journey.stages:
            shown: list[Touchpoint | None] = [
                t for t in stage.touchpoints if self.shows(t.personas)]
            for touchpoint in shown or [None]:
                self.columns.append(_Column(len(self.columns), stage, touchpoint))
        number = 0
        for ref in build_index(self.journey).pains:
            if not self.shows(ref.pain.personas):
                continue
            if ref.touchpoint is not None and not self.shows(ref.touchpoint.personas):
                continue
            number += 1
            self.pain_numbers[ref.pain.id] = number
            self.pains[ref.pain.id] = ref.pain
            owner = ref.touchpoint.id if ref.touchpoint else None
            self.pain_column[ref.pain.id] = next(
                c.index for c in self.columns
                if c.stage is ref.stage and (owner is None or
                                             (c.touchpoint and c.touchpoint.id == owner)))

    def stage_columns(self, stage: Stage) -> list[_Column]:
        return [c for c in self.columns if c.stage is stage]

    # -- small helpers -------------------------------------------------------------------

    def text(self, id_: str, role: str, x: float, y: float, w: float,
             lines: Sequence[Line], align: str = "left") -> float:
        """Place a text block; returns its height."""
        if not lines:
            return 0.0
        block = Text(id_, role, x, y, w, tuple(lines), align)
        self.texts.append(block)
        return block.h

    def para(self, text: str, width: float, size: int, pitch: float, color: str,
             bold: bool = False, italic: bool = False,
             max_lines: int | None = None) -> list[Line]:
        return [Line(t, size, color, pitch, bold, italic)
                for t in wrap(text, width, size, bold, max_lines)]

    def link_for(self, evidence_ids: Sequence[str]) -> str | None:
        for evidence_id in evidence_ids:
            found = self.evidence.get(evidence_id)
            if found is not None and is_link(found.url):
                return found.url
        return None

    def evidence_note(self, evidence_ids: Sequence[str]) -> str:
        titles = [clean(self.evidence[e].title) for e in evidence_ids if e in self.evidence]
        return f"Evidence: {'; '.join(titles)}" if titles else ""

    def persona_names(self) -> list[str]:
        if self.options.persona is not None:
            return [self.personas[self.options.persona].name]
        return [p.name for p in self.journey.personas]

    # -- header --------------------------------------------------------------------------

    def header(self) -> float:
        th = self.theme
        journey = self.journey
        x, y = MARGIN, MARGIN
        width = self.width - 2 * MARGIN
        y += self.text("header:title", "title", x, y, width,
                       self.para(journey.title, width, TITLE_SIZE, TITLE_LH, th.title, bold=True))
        names = self.persona_names()
        facts = [f"{'Future' if journey.state is State.FUTURE else 'Current'}-state journey"]
        if names:
            label = "Persona" if len(names) == 1 else "Personas"
            facts.append(f"{label}: {', '.join(clean(n) for n in names)}")
        if journey.owner:
            facts.append(f"Owner: {clean(journey.owner)}")
        facts.append(f"Reviewed {journey.reviewed.isoformat()}" if journey.reviewed
                     else "Not reviewed yet")
        y += 2
        y += self.text("header:facts", "facts", x, y, width,
                       self.para("  \u00b7  ".join(facts), width, META_SIZE, META_LH, th.muted))
        notes: list[str] = []
        if journey.summary:
            notes.append(journey.summary)
        if self.options.persona is not None:
            persona = self.personas[self.options.persona]
            if persona.description:
                notes.append(f"{persona.name}: {persona.description}")
        summary_w = min(width, 760.0)
        lines: list[Line] = []
        for note in notes:
            lines += self.para(note, summary_w, BODY_SIZE, BODY_LH, th.text)
        if lines:
            y += 4
            y += self.text("header:summary", "summary", x, y, summary_w, lines)
        y += 10
        return y + self.legend(x, y, width) + 16

    def chip(self, id_: str, role: str, x: float, y: float, label: str, tone: Tone,
             size: int = 8, bold: bool = True, dashed: bool = False) -> float:
        """A small rounded label; returns its width."""
        w = text_width(label, size, bold) + 10
        self.boxes.append(Box(id_, role, x, y, w, CHIP_H, tone.fill, tone.stroke, 1.0,
                              dashed=dashed))
        # Graphviz sets small text a little high in its cell; 1.5 pt centres it.
        self.text(f"{id_}:text", f"{role}-text", x, y + 1.5, w,
                  [Line(label, size, tone.text, CHIP_H - 1, bold)], align="center")
        return w

    def legend(self, x: float, y: float, width: float) -> float:
        """Severity and status keys under the header; returns the height used."""
        th = self.theme
        left = x
        height = CHIP_H
        items: list[tuple[str, list[tuple[str, Tone, bool]]]] = []
        if "pains" in self.options.lanes:
            items.append(("Pain severity", [(f"{n}", th.severity[n - 1], False)
                                            for n in range(1, 6)]))
        if "opportunities" in self.options.lanes:
            items.append(("Opportunity status", [
                (s.value.replace("_", " "), th.status[s], s is Status.DROPPED) for s in Status]))
        for title, chips in items:
            need = text_width(title, SMALL_SIZE, True) + 8 + sum(
                text_width(label, 8, True) + 14 for label, _, _ in chips)
            if x > left and x + need > left + width:
                x, y, height = left, y + CHIP_H + 6, height + CHIP_H + 6
            title_w = text_width(title, SMALL_SIZE, True) + 2
            self.text(f"legend:{title.lower().replace(' ', '-')}", "legend", x, y + 1.0,
                      title_w, [Line(title, SMALL_SIZE, th.muted, 13.0, True)])
            x += title_w + 6
            for label, tone, dashed in chips:
                x += self.chip(f"legend:{label.replace(' ', '-')}", "legend-chip", x, y, label,
                               tone, dashed=dashed) + 4
            x += 18
        return height if items else 0.0

    # -- stages --------------------------------------------------------------------------

    def stage_row(self, y: float) -> float:
        th = self.theme
        blocks: list[tuple[Stage, float, float, list[Line]]] = []
        for number, stage in enumerate(self.journey.stages):
            columns = self.stage_columns(stage)
            x, w = columns[0].x, span_width(len(columns))
            tone = th.stages[number % len(th.stages)]
            lines = self.para(stage.name, w - 2 * CARD_PAD, STAGE_SIZE, STAGE_LH, tone.text,
                              bold=True)
            if stage.goal:
                lines += self.para(stage.goal, w - 2 * CARD_PAD, SMALL_SIZE, SMALL_LH,
                                   tone.text, max_lines=3)
            blocks.append((stage, x, w, lines))
        height = max(sum(line.height for line in b[3]) for b in blocks) + 2 * CARD_PAD
        self.lane_label("stages", y, height, "Stages", "")
        for number, (stage, x, w, lines) in enumerate(blocks):
            tone = th.stages[number % len(th.stages)]
            tip = _tooltip(stage.name, f"Goal: {stage.goal}" if stage.goal else "",
                           stage.description)
            self.boxes.append(Box(f"stage:{stage.id}", "stage", x, y, w, height, tone.fill,
                                  tone.stroke, 1.0, tooltip=tip))
            self.text(f"stage:{stage.id}:text", "stage-text", x + CARD_PAD, y + CARD_PAD,
                      w - 2 * CARD_PAD, lines)
        return height

    def lane_label(self, lane: str, y: float, height: float, title: str, sub: str) -> None:
        th = self.theme
        self.back.append(Box(f"lane:{lane}:label", "lane-label", MARGIN, y, LABEL_W, height,
                             th.label.fill, th.label.stroke, 0.0))
        lines = self.para(title, LABEL_W - 2 * PAD, 11, 15.0, th.label.text, bold=True)
        if sub:
            lines += self.para(sub, LABEL_W - 2 * PAD, SMALL_SIZE, SMALL_LH, th.muted,
                               italic=True)
        self.text(f"lane:{lane}:title", "lane-title", MARGIN + PAD, y + PAD, LABEL_W - 2 * PAD,
                  lines)

    def band(self, lane: str, number: int, y: float, height: float) -> None:
        th = self.theme
        self.back.append(Box(f"lane:{lane}", "lane", self.band_left, y,
                             self.band_right - self.band_left, height,
                             th.band[number % 2], th.band[number % 2], 0.0, rounded=False))
        title, sub = LANE_TITLES[lane]
        self.lane_label(lane, y, height, title, sub)

    # -- lanes ---------------------------------------------------------------------------

    def lane(self, lane: str, number: int, y: float) -> float:
        if lane == "emotion":
            return self.emotion_lane(number, y)
        cells = {
            "touchpoints": self.touchpoint_cell,
            "actions": self.actions_cell,
            "thoughts": self.thoughts_cell,
            "pains": self.pains_cell,
            "opportunities": self.opportunities_cell,
            "backstage": self.backstage_cell,
            "metrics": self.metrics_cell,
        }[lane]
        # Measure first so that cards in one lane share a height, then place.
        start = len(self.boxes), len(self.texts)
        heights = [cells(column, y + PAD, None) for column in self.columns]
        del self.boxes[start[0]:], self.texts[start[1]:]
        stage_extra = self.stage_pains(y + PAD, measure=True) if lane == "pains" else {}
        content = max([h + stage_extra.get(c.stage.id, 0.0) for h, c in
                       zip(heights, self.columns, strict=True)] + [0.0])
        sub = LANE_TITLES[lane][1]
        label_h = 15.0 + (SMALL_LH if sub else 0) + 2 * PAD
        height = max(content + 2 * PAD, label_h, 44.0)
        self.band(lane, number, y, height)
        if lane == "pains":
            self.stage_pains(y + PAD, measure=False)
        for column in self.columns:
            cells(column, y + PAD + stage_extra.get(column.stage.id, 0.0), height - 2 * PAD)
        return height

    def touchpoint_cell(self, column: _Column, y: float, fill: float | None) -> float:
        th = self.theme
        inner = COL_W - 2 * CARD_PAD
        tp = column.touchpoint
        if tp is None:
            why = ("No touchpoints for this persona" if self.options.persona and
                   column.stage.touchpoints else "No touchpoints yet")
            lines = self.para(why, inner, SMALL_SIZE, SMALL_LH, th.muted, italic=True)
            self.text(f"tp:{column.key}:text", "placeholder", column.x + CARD_PAD, y + CARD_PAD,
                      inner, lines)
            return sum(line.height for line in lines) + 2 * CARD_PAD
        lines = self.para(tp.name, inner, 11, 15.0, th.card.text, bold=True)
        channel = next((c for c in self.journey.channels if c.id == tp.channel), None)
        if channel is not None:
            kind = f" \u00b7 {channel.kind.value}" if channel.kind else ""
            lines += self.para(f"{channel.name}{kind}", inner, SMALL_SIZE, SMALL_LH, th.muted)
        if tp.personas and self.options.persona is None and len(self.journey.personas) > 1:
            names = [self.personas[p].name if p in self.personas else p for p in tp.personas]
            lines += self.para(f"Only: {', '.join(names)}", inner, SMALL_SIZE, SMALL_LH,
                               th.muted, italic=True)
        height = sum(line.height for line in lines) + 2 * CARD_PAD
        tip = _tooltip(tp.name, tp.description, f"Owner: {tp.owner}" if tp.owner else "",
                       self.evidence_note(tp.evidence))
        self.boxes.append(Box(f"tp:{tp.id}", "touchpoint", column.x, y, COL_W,
                              fill if fill is not None else height, th.card.fill,
                              th.card.stroke, 1.0, tooltip=tip,
                              href=self.link_for(tp.evidence)))
        self.text(f"tp:{tp.id}:text", "touchpoint-text", column.x + CARD_PAD, y + CARD_PAD,
                  inner, lines)
        return height

    def bullets(self, key: str, role: str, items: list[str], x: float, y: float,
                color: str) -> float:
        inner = COL_W - 2 * PAD - BULLET_W
        top = y
        for k, item in enumerate(items):
            lines = self.para(item, inner, BODY_SIZE, BODY_LH, color)
            if not lines:
                continue
            self.text(f"{key}:{k}:bullet", "bullet", x + PAD, y, BULLET_W,
                      [Line("\u2022", BODY_SIZE, self.theme.muted, BODY_LH)])
            y += self.text(f"{key}:{k}", role, x + PAD + BULLET_W, y, inner, lines) + 4
        return max(0.0, y - top - 4)

    def actions_cell(self, column: _Column, y: float, fill: float | None) -> float:
        if column.touchpoint is None:
            return 0.0
        return self.bullets(f"actions:{column.key}", "action", column.touchpoint.actions,
                            column.x, y, self.theme.text)

    def backstage_cell(self, column: _Column, y: float, fill: float | None) -> float:
        if column.touchpoint is None:
            return 0.0
        return self.bullets(f"backstage:{column.key}", "backstage",
                            column.touchpoint.backstage, column.x, y, self.theme.muted)

    def thoughts_cell(self, column: _Column, y: float, fill: float | None) -> float:
        th = self.theme
        if column.touchpoint is None:
            return 0.0
        top = y
        inner = COL_W - 2 * CARD_PAD
        for k, thought in enumerate(column.touchpoint.thoughts):
            lines = self.para(f"\u201c{clean(thought)}\u201d", inner, BODY_SIZE, BODY_LH,
                              th.thought.text, italic=True)
            h = sum(line.height for line in lines) + 2 * CARD_PAD - 4
            self.boxes.append(Box(f"thought:{column.key}:{k}", "thought", column.x, y, COL_W,
                                  h, th.thought.fill, th.thought.stroke, 1.0))
            self.text(f"thought:{column.key}:{k}:text", "thought-text", column.x + CARD_PAD,
                      y + CARD_PAD - 2, inner, lines)
            y += h + STACK_GAP
        return max(0.0, y - top - STACK_GAP)

    def pain_card(self, pain: PainPoint, x: float, y: float, w: float,
                  touchpoint: Touchpoint | None) -> float:
        th = self.theme
        tone = th.severity[pain.severity - 1]
        number = self.pain_numbers[pain.id]
        badge = f"P{number}"
        badge_w = text_width(badge, 8, True) + 10
        inner = w - 2 * CARD_PAD
        lines = self.para(pain.title, inner - badge_w - 4, BODY_SIZE, BODY_LH, tone.text,
                          bold=True)
        share = f"{_fmt_number(round(pain.frequency * 100, 1))}% affected"
        meta = self.para(f"{pain.severity}/5 \u00b7 {share}", inner - 50, SMALL_SIZE, SMALL_LH,
                         th.muted, max_lines=1)
        text_h = sum(line.height for line in lines)
        h = text_h + 4 + SMALL_LH + 2 * CARD_PAD
        evidence = pain.evidence or (touchpoint.evidence if touchpoint else [])
        tip = _tooltip(f"P{number}: {pain.title}",
                       f"Severity {pain.severity}/5, {share}", pain.description,
                       self.evidence_note(evidence))
        self.boxes.append(Box(f"pain:{pain.id}", f"pain severity-{pain.severity}", x, y, w, h,
                              tone.fill, tone.stroke, 1.0 + 0.25 * pain.severity,
                              tooltip=tip, href=self.link_for(evidence)))
        self.pain_boxes[pain.id] = self.boxes[-1]
        self.text(f"pain:{pain.id}:text", "pain-text", x + CARD_PAD, y + CARD_PAD,
                  inner - badge_w - 4, lines)
        row = y + CARD_PAD + text_h + 4
        for k in range(5):
            on = k < pain.severity
            self.boxes.append(Box(f"pain:{pain.id}:pip:{k}", "pip", x + CARD_PAD + k * 9,
                                  row + 2.5, 7, 8, tone.stroke if on else th.background,
                                  tone.stroke, 0.75, rounded=False))
        self.text(f"pain:{pain.id}:meta", "pain-meta", x + CARD_PAD + 50, row,
                  inner - 50, meta)
        self.chip(f"pain:{pain.id}:badge", "badge", x + w - CARD_PAD - badge_w, y + CARD_PAD,
                  badge, Tone(tone.stroke, tone.stroke, "#ffffff"))
        return h

    def stage_pains(self, y: float, measure: bool) -> dict[str, float]:
        """Pains on a stage (not on one touchpoint): cards as wide as the stage."""
        used: dict[str, float] = {}
        start = len(self.boxes), len(self.texts)
        for stage in self.journey.stages:
            columns = self.stage_columns(stage)
            top = y
            for pain in self.shown_pains(stage.pain_points):
                top += self.pain_card(pain, columns[0].x, top, span_width(len(columns)),
                                      None) + STACK_GAP
            if top > y:
                used[stage.id] = top - y
        if measure:
            del self.boxes[start[0]:], self.texts[start[1]:]
        return used

    def pains_cell(self, column: _Column, y: float, fill: float | None) -> float:
        if column.touchpoint is None:
            return 0.0
        top = y
        for pain in self.shown_pains(column.touchpoint.pain_points):
            y += self.pain_card(pain, column.x, y, COL_W, column.touchpoint) + STACK_GAP
        return max(0.0, y - top - STACK_GAP)

    def opportunities_for(self, column: _Column) -> list[Opportunity]:
        if self.opps_by_column is None:
            self.opps_by_column = {}
            for opp in self.journey.opportunities:
                shown = [p for p in opp.addresses if p in self.pain_numbers]
                if shown:
                    self.opps_by_column.setdefault(self.pain_column[shown[0]], []).append(opp)
        return self.opps_by_column.get(column.index, [])

    def opportunities_cell(self, column: _Column, y: float, fill: float | None) -> float:
        th = self.theme
        top = y
        inner = COL_W - 2 * CARD_PAD
        for opp in self.opportunities_for(column):
            tone = th.status[opp.status]
            dropped = opp.status is Status.DROPPED
            color = th.muted if dropped else th.opportunity.text
            lines = self.para(opp.title, inner, BODY_SIZE, BODY_LH, color, bold=True)
            text_h = sum(line.height for line in lines)
            meta = f"impact {opp.impact} \u00b7 effort {opp.effort}"
            relieves = [p for p in opp.addresses if p in self.pain_numbers]
            status = opp.status.value.replace("_", " ").upper()
            chip_w = text_width(status, 8, True) + 10
            # impact and effort beside the status chip when they fit, else on a row below
            beside = text_width(meta, SMALL_SIZE) <= inner - chip_w - 6
            rows = 2 if beside else 3
            h = text_h + rows * (CHIP_H + 4) - 4 + 4 + 2 * CARD_PAD
            tip = _tooltip(opp.title, f"Status: {opp.status.value.replace('_', ' ')}; "
                           f"{meta}; confidence {_fmt_number(opp.confidence)}",
                           opp.description, f"Owner: {opp.owner}" if opp.owner else "")
            self.boxes.append(Box(f"opp:{opp.id}", f"opportunity status-{opp.status.value}",
                                  column.x, y, COL_W, h, th.opportunity.fill, tone.stroke,
                                  1.5, dashed=dropped, tooltip=tip))
            self.opp_boxes[opp.id] = self.boxes[-1]
            self.text(f"opp:{opp.id}:text", "opportunity-text", column.x + CARD_PAD,
                      y + CARD_PAD, inner, lines)
            row = y + CARD_PAD + text_h + 4
            self.chip(f"opp:{opp.id}:status", "status", column.x + CARD_PAD, row, status, tone,
                      dashed=dropped)
            if not beside:
                row += CHIP_H + 4
            meta_x = column.x + CARD_PAD + (chip_w + 6 if beside else 0)
            self.text(f"opp:{opp.id}:meta", "opportunity-meta", meta_x, row + 1.0,
                      column.x + COL_W - CARD_PAD - meta_x,
                      [Line(meta, SMALL_SIZE, th.muted, 13.0)])
            row += CHIP_H + 4
            x = column.x + CARD_PAD
            self.text(f"opp:{opp.id}:relieves", "relieves", x, row + 1.5, 44,
                      [Line("relieves", SMALL_SIZE, th.muted, 13.0, italic=True)])
            x += 46
            for pain_id in relieves:
                pain_tone = th.severity[self.pains[pain_id].severity - 1]
                label = f"P{self.pain_numbers[pain_id]}"
                if x + text_width(label, 8, True) + 10 > column.x + COL_W - CARD_PAD:
                    break
                x += self.chip(f"opp:{opp.id}:relieves:{pain_id}", "badge", x, row, label,
                               Tone(pain_tone.stroke, pain_tone.stroke, "#ffffff")) + 4
            y += h + STACK_GAP
        return max(0.0, y - top - STACK_GAP)

    def metrics_cell(self, column: _Column, y: float, fill: float | None) -> float:
        th = self.theme
        if column.touchpoint is None:
            return 0.0
        top = y
        inner = COL_W - 2 * PAD
        for metric_id in column.touchpoint.metrics:
            metric = self.metrics.get(metric_id)
            if metric is None:
                continue
            lines = self.para(metric.name, inner, SMALL_SIZE, SMALL_LH, th.text, bold=True)
            if metric.value is not None:
                figure = _fmt_metric(metric.value, metric.unit)
                if metric.target is not None:
                    target = _fmt_metric(metric.target, metric.unit)
                    unit = f" {clean(metric.unit)}" if metric.unit else ""
                    if unit and figure.endswith(unit):
                        figure = figure[: -len(unit)]
                    figure += f" \u2192 target {target}"
                meets = _meets(metric)
                color = th.muted if meets is None else th.good if meets else th.bad
                lines += self.para(figure, inner, SMALL_SIZE, SMALL_LH, color)
            y += self.text(f"metric:{column.key}:{metric_id}", "metric", column.x + PAD, y,
                           inner, lines) + 4
        return max(0.0, y - top - 4)

    # -- emotion -------------------------------------------------------------------------

    def series(self) -> list[_Series]:
        columns = self.columns
        persona = self.options.persona

        def value(tp: Touchpoint | None, who: str | None) -> int | None:
            if tp is None or tp.emotion is None:
                return None
            if isinstance(tp.emotion, int):
                return tp.emotion if who is None or not tp.personas or who in tp.personas \
                    else None
            if who is None:
                return None
            return tp.emotion.get(who)

        def skips(who: str | None) -> frozenset[int]:
            return frozenset(c.index for c in columns if c.touchpoint is None or (
                who is not None and c.touchpoint.personas and who not in c.touchpoint.personas))

        if persona is not None:
            return [_Series(persona, self.personas[persona].name,
                            tuple(value(c.touchpoint, persona) for c in columns),
                            skips(persona))]
        split = any(isinstance(c.touchpoint.emotion, dict) for c in columns if c.touchpoint)
        if not split:
            return [_Series("all", "All personas",
                            tuple(value(c.touchpoint, None) for c in columns), skips(None))]
        out = []
        for p in self.journey.personas:
            values = tuple(value(c.touchpoint, p.id) for c in columns)
            if any(v is not None for v in values):
                out.append(_Series(p.id, p.name, values, skips(p.id)))
        return out

    def emotion_lane(self, number: int, y: float) -> float:
        th = self.theme
        low, high = self.journey.scales.emotion.min, self.journey.scales.emotion.max
        all_series = self.series()
        legend = len(all_series) > 1
        legend_w = LABEL_W - PAD - 22 - 32
        names = [self.para(series.name, legend_w, SMALL_SIZE, 12.0, th.text, max_lines=2)
                 for series in all_series] if legend else []
        legend_h = sum(len(lines) * 12.0 + 4 for lines in names)
        # 30 pt a step on short scales; long scales (0..10) are squeezed to stay compact.
        step = min(EMOTION_STEP, max(12.0, 160.0 / (high - low)))
        height = max(EMOTION_MIN_H, (high - low) * step + 2 * EMOTION_PAD,
                     15.0 + SMALL_LH + 2 * PAD + 6 + legend_h)
        self.band("emotion", number, y, height)
        # 0 is neutral on a scale running from negative to positive; else the middle is.
        neutral = 0.0 if low < 0 < high else (low + high) / 2
        base = emotion_y(neutral, y, height, low, high)
        left, right = self.band_left, self.band_right
        self.back.append(Box("emotion:positive", "positive-area", left, y, right - left,
                             base - y, th.positive_area, th.positive_area, 0.0, rounded=False))
        self.back.append(Box("emotion:negative", "negative-area", left, base, right - left,
                             y + height - base, th.negative_area, th.negative_area, 0.0,
                             rounded=False))
        steps = range(low, high + 1) if high - low <= 10 else sorted({low, high, round(neutral)})
        for v in steps:
            gy = emotion_y(v, y, height, low, high)
            if v != neutral:
                self.curves.append(Curve(f"emotion:grid:{v}", "grid",
                                         ((left, gy), (left, gy), (right, gy), (right, gy)),
                                         th.grid, 0.75))
            label = f"+{v}" if v > neutral and neutral == 0 else str(v).replace("-", "\u2212")
            self.text(f"emotion:axis:{v}", "axis", left - 4 - 24, gy - 6.5, 24,
                      [Line(label, 8, th.muted, 13.0)], align="right")
        self.curves.append(Curve("emotion:neutral", "neutral",
                                 ((left, base), (left, base), (right, base), (right, base)),
                                 th.baseline, 1.0, "dashed"))
        if legend:
            ly = y + PAD + 15.0 + SMALL_LH + 6
            for k, series in enumerate(all_series):
                color = th.personas[k % len(th.personas)]
                style = th.persona_dashes[k % len(th.persona_dashes)]
                self.curves.append(Curve(f"emotion:legend:{series.key}", "legend-line",
                                         ((MARGIN + PAD, ly + 6), (MARGIN + PAD, ly + 6),
                                          (MARGIN + PAD + 18, ly + 6),
                                          (MARGIN + PAD + 18, ly + 6)),
                                         color, th.line_width, style))
                ly += self.text(f"emotion:legend:{series.key}:text", "legend",
                                MARGIN + PAD + 22, ly, legend_w, names[k]) + 4
        for k, series in enumerate(all_series):
            offset = (k - (len(all_series) - 1) / 2) * 3.0 if legend else 0.0
            self.draw_series(series, k, legend, y, height, low, high, neutral, base, offset)
        for column in self.columns:
            if column.touchpoint is not None and all(s.values[column.index] is None
                                                     for s in all_series):
                self.text(f"emotion:{column.key}:none", "no-emotion", column.x,
                          y + height - PAD - 12, COL_W,
                          [Line("no emotion recorded", 8, th.muted, 12.0, italic=True)],
                          align="center")
        return height

    def draw_series(self, series: _Series, k: int, legend: bool, top: float, height: float,
                    low: int, high: int, neutral: float, base: float, offset: float) -> None:
        th = self.theme
        points: list[tuple[_Column, int, Point]] = []
        runs: list[list[tuple[_Column, int, Point]]] = []
        for column in self.columns:
            v = series.values[column.index]
            if v is None and column.index in series.skips:
                continue
            if v is None:
                if points:
                    runs.append(points)
                points = []
                continue
            y = emotion_y(min(max(v, low), high), top, height, low, high) + offset
            points.append((column, v, (column.x + COL_W / 2, y)))
        if points:
            runs.append(points)
        color = th.personas[k % len(th.personas)]
        style = th.persona_dashes[k % len(th.persona_dashes)]
        for r, run in enumerate(runs):
            if len(run) < 2:
                continue
            path = monotone_bezier([p for _, _, p in run])
            tip = f"{series.name}: " + " \u2192 ".join(str(v) for _, v, _ in run)
            if legend:
                self.curves.append(Curve(f"emotion:{series.key}:{r}", "emotion-line", path,
                                         color, th.line_width, style, tip))
            else:
                self.valence_curves(series.key, r, path, run, neutral, base, tip)
        for column, v, (x, y) in [p for run in runs for p in run]:
            valence = th.positive if v > neutral else th.negative if v < neutral else th.neutral
            tp_name = column.touchpoint.name if column.touchpoint else ""
            who = f" ({series.name})" if legend else ""
            self.dots.append(Dot(f"emotion:{series.key}:{column.key}", "emotion-point", x, y,
                                 DOT_R, color if legend else valence, th.background, 1.5,
                                 f"{clean(tp_name)}{who}: {v:+d}" if v else
                                 f"{clean(tp_name)}{who}: 0"))

    def valence_curves(self, key: str, run_no: int, path: tuple[Point, ...],
                       run: list[tuple[_Column, int, Point]], neutral: float, base: float,
                       tip: str) -> None:
        """One line coloured by valence: green above the neutral line, red below."""
        th = self.theme
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
            self.curves.append(Curve(f"emotion:{key}:{run_no}:{m}", "emotion-line", tuple(pts),
                                     color, self.theme.line_width, "", tip))

    def connectors(self) -> None:
        """Tie each opportunity to the pains it addresses in its own column.

        The line leaves the pain card's left edge, runs down the gutter left of the
        column and enters the opportunity card, so it never crosses another card.
        Pains elsewhere are named by their badge on the opportunity card.
        """
        th = self.theme
        for opp in self.journey.opportunities:
            target = self.opp_boxes.get(opp.id)
            if target is None:
                continue
            for pain_id in opp.addresses:
                source = self.pain_boxes.get(pain_id)
                if source is None or source.x != target.x:
                    continue
                x, gx = source.x, source.x - GAP / 2
                y1, y2 = source.y + min(source.h / 2, 14.0), target.y + min(target.h / 2, 14.0)
                tone = th.severity[self.pains[pain_id].severity - 1]
                self.curves.append(Curve(
                    f"link:{pain_id}:{opp.id}", "link",
                    _polyline([(x, y1), (gx, y1), (gx, y2), (x, y2)]), tone.stroke, 1.5,
                    tooltip=f"{clean(opp.title)} relieves {clean(self.pains[pain_id].title)}"))

    # -- all -----------------------------------------------------------------------------

    def build(self) -> Picture:
        self.build_columns()
        self.grid_right = column_x(len(self.columns)) - GAP
        self.band_right = self.grid_right + BAND_INSET
        self.width = max(self.band_right - MARGIN, HEADER_MIN_W) + 2 * MARGIN
        y = self.header()
        y += self.stage_row(y) + LANE_GAP
        for number, lane in enumerate(self.options.lanes):
            y += self.lane(lane, number, y) + LANE_GAP
        self.connectors()
        height = y - LANE_GAP + MARGIN
        th = self.theme
        canvas = Box("canvas", "canvas", 0.0, 0.0, self.width, height, th.background,
                     th.background, 0.0, rounded=False)
        return Picture(
            width=self.width, height=height, title=clean(self.journey.title),
            description=describe(self.journey, self.options, len(self.pain_numbers)),
            background=th.background, font=th.font,
            boxes=(canvas, *self.back, *self.boxes), curves=tuple(self.curves),
            dots=tuple(self.dots), texts=tuple(self.texts))


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


def layout(journey: JourneyMap, options: RenderOptions | None = None) -> Picture:
    """Compute the picture of ``journey``; raises UsageError for an unknown persona."""
    options = options or RenderOptions()
    if options.persona is not None and options.persona not in {p.id for p in journey.personas}:
        known = ", ".join(p.id for p in journey.personas) or "none defined"
        raise UsageError(f"unknown persona {options.persona!r} (personas: {known})")
    return _Builder(journey, options).build()
