"""What every lane reads: the map, the options, the columns and the numbered pains.

Built once per picture by :func:`build_context` and never changed afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

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
    Touchpoint,
)
from cjmap.render.geometry import BAND_INSET, GAP, HEADER_MIN_W, LABEL_W, MARGIN, column_x
from cjmap.render.scene import is_link
from cjmap.render.text import clean
from cjmap.render.themes import Theme

# The most touchpoints one picture draws (docs/limits.md, "Render"): a picture of 20,000
# columns is 3.8 million points (1,300 m) wide; layout and DOT take about 0.7 ms and
# 25 KB a touchpoint, Graphviz more. ENV_MAX_TOUCHPOINTS changes it.
DEFAULT_MAX_TOUCHPOINTS = 20_000
ENV_MAX_TOUCHPOINTS = "CJMAP_RENDER_MAX_TOUCHPOINTS"

if TYPE_CHECKING:  # options.py imports the lane registry, whose lanes import this module
    from cjmap.render.options import RenderOptions


class Column:
    """A column of the grid: a shown touchpoint, or a stage's empty column, and its x.

    A plain class, its x and key worked out once: every lane asks for them in every
    column (docs/performance.md, "Render"). Never changed after it is made.
    """

    __slots__ = ("index", "key", "stage", "touchpoint", "x")

    def __init__(self, index: int, stage: Stage, touchpoint: Touchpoint | None) -> None:
        self.index = index
        self.stage = stage
        self.touchpoint = touchpoint  # None: a stage with no (shown) touchpoints
        self.x = column_x(index)
        self.key = touchpoint.id if touchpoint else f"{stage.id}-empty"


class Context(NamedTuple):
    journey: JourneyMap
    options: RenderOptions
    columns: tuple[Column, ...]
    stages: tuple[Stage, ...]  # the stages with a column in the picture
    pain_numbers: Mapping[str, int]  # every pain of the map, numbered in map order
    pains: Mapping[str, PainPoint]  # the pains shown (on this page)
    pain_column: Mapping[str, int]  # shown pain -> the column it is drawn in
    opportunities_by_column: Mapping[int, Sequence[Opportunity]]
    evidence: Mapping[str, Evidence]
    metrics: Mapping[str, Metric]
    personas: Mapping[str, Persona]
    width: float
    band_left: float
    band_right: float
    # id(stage) -> its columns: looked up per stage, which a map may have thousands of
    by_stage: Mapping[int, tuple[Column, ...]]

    @property
    def theme(self) -> Theme:
        return self.options.theme

    def shows(self, personas: Sequence[str]) -> bool:
        persona = self.options.persona
        return persona is None or not personas or persona in personas

    def shown_pains(self, pains: Sequence[PainPoint]) -> list[PainPoint]:
        return [p for p in pains if p.id in self.pains and self.shows(p.personas)]

    def stage_columns(self, stage: Stage) -> list[Column]:
        return list(self.by_stage.get(id(stage), ()))

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


def build_context(journey: JourneyMap, options: RenderOptions,
                  window: range | None = None) -> Context:
    """The context of the picture of ``journey``, or of the columns in ``window`` only
    (a print page, ``pages.py``): numbers and placement stay those of the whole map."""
    def shows(personas: Sequence[str]) -> bool:
        return options.persona is None or not personas or options.persona in personas

    columns: list[Column] = []
    for stage in journey.stages:
        shown: list[Touchpoint | None] = [t for t in stage.touchpoints if shows(t.personas)]
        for touchpoint in shown or [None]:
            columns.append(Column(len(columns), stage, touchpoint))
    _check_size(sum(1 for c in columns if c.touchpoint is not None), options)
    # The first column of each stage, and of each touchpoint id in it (a duplicate id is
    # CJ101): where a pain is drawn, found without a scan of the columns per pain.
    first_column: dict[tuple[int, str | None], int] = {}
    for column in columns:
        first_column.setdefault((id(column.stage), None), column.index)
        if column.touchpoint is not None:
            first_column.setdefault((id(column.stage), column.touchpoint.id), column.index)
    numbers: dict[str, int] = {}
    pains: dict[str, PainPoint] = {}
    pain_column: dict[str, int] = {}
    for number, ref in enumerate(build_index(journey).pains, start=1):
        # Numbered over the whole map, so that P3 is the same pain in every persona view.
        numbers[ref.pain.id] = number
        if not shows(ref.pain.personas):
            continue
        if ref.touchpoint is not None and not shows(ref.touchpoint.personas):
            continue
        pains[ref.pain.id] = ref.pain
        owner = ref.touchpoint.id if ref.touchpoint else None
        pain_column[ref.pain.id] = first_column[(id(ref.stage), owner)]
    by_column: dict[int, list[Opportunity]] = {}
    for opp in journey.opportunities:
        relieved = [p for p in opp.addresses if p in pains]
        if relieved:
            by_column.setdefault(pain_column[relieved[0]], []).append(opp)
    if window is not None:
        columns, pains, pain_column, by_column = _window(
            window, columns, pains, pain_column, by_column)
    band_right = column_x(len(columns)) - GAP + BAND_INSET
    by_stage: dict[int, list[Column]] = {}
    for column in columns:
        by_stage.setdefault(id(column.stage), []).append(column)
    return Context(
        journey=journey, options=options, columns=tuple(columns),
        stages=tuple(s for s in journey.stages if id(s) in by_stage), pain_numbers=numbers,
        pains=pains, pain_column=pain_column, opportunities_by_column=by_column,
        evidence={e.id: e for e in journey.evidence},
        metrics={m.id: m for m in journey.metrics},
        personas={p.id: p for p in journey.personas},
        width=max(band_right - MARGIN, HEADER_MIN_W) + 2 * MARGIN,
        band_left=MARGIN + LABEL_W + 4, band_right=band_right,
        by_stage={k: tuple(v) for k, v in by_stage.items()})


def _check_size(touchpoints: int, options: RenderOptions) -> None:
    if touchpoints > options.max_touchpoints:
        raise UsageError(
            f"the picture would have {touchpoints:,} touchpoints, more than the "
            f"{options.max_touchpoints:,} a picture may have; draw one persona or a part "
            f"of the map, or set {ENV_MAX_TOUCHPOINTS} to a higher limit")


def _window(window: range, columns: list[Column], pains: dict[str, PainPoint],
            pain_column: dict[str, int], by_column: dict[int, list[Opportunity]]
            ) -> tuple[list[Column], dict[str, PainPoint], dict[str, int],
                       dict[int, list[Opportunity]]]:
    """Keep the columns in ``window``, renumbered from 0, and what is drawn in them."""
    start = window.start
    kept = [Column(c.index - start, c.stage, c.touchpoint) for c in columns
            if c.index in window]
    on_page = {k: v - start for k, v in pain_column.items() if v in window}
    return (kept, {k: v for k, v in pains.items() if k in on_page}, on_page,
            {k - start: v for k, v in by_column.items() if k in window})
