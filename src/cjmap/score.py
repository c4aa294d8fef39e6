"""Scoring maps: what to fix first, and how much of the pain the plan covers (docs/scoring.md).

Pure: ``JourneyMap -> Scorecard``. Every number keeps the terms it was computed from so
that ``--explain`` can show them. Arithmetic is exact (:class:`fractions.Fraction`) from
the decimals the user wrote: ``severity 4 × frequency 0.35`` is exactly ``7/5``, so two
opportunities that are equal on paper tie exactly and are ordered by id, and a coverage of
exactly 0.8 meets ``--min-coverage 0.8``. Numbers become floats only in the reporters.

Definitions (docs/scoring.md explains why):

- pain weight ``w(p) = severity × frequency`` (frequency defaults to 1.0)
- method ``weighted``: ``priority = Σ w(p) over the pains it addresses × (impact / 5)
  × confidence / effort`` (confidence defaults to 1.0)
- method ``ice``: ``priority = impact × confidence × (6 − effort)``
- coverage ``= Σ w(p) of pains addressed by at least one opportunity whose status is not
  dropped ÷ Σ w(p) of all pains``; 1.0 when that total is 0 (no pains, or none that weigh).

Opportunities ``done`` or ``dropped`` are not ranked; ``done`` still covers its pains,
``dropped`` does not. An id in ``addresses`` that is not a pain point of the map (lint rule
CJ102) is ignored here and reported in :attr:`OpportunityScore.unknown`; an id listed twice
counts once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from cjmap.index import MapIndex, PainRef, build_index
from cjmap.model import JourneyMap, Opportunity, Status, Touchpoint

CLOSED = (Status.DONE, Status.DROPPED)
DEFAULT_FREQUENCY = Fraction(1)
DEFAULT_CONFIDENCE = Fraction(1)


class Method(StrEnum):
    WEIGHTED = "weighted"
    ICE = "ice"


def exact(value: float) -> Fraction:
    """The decimal as written: ``0.35`` is ``7/20``, not the binary float nearest to it.

    ``repr`` of a float is the shortest decimal that reads back as the same float, which
    is what the YAML said for any value a person would type.
    """
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(float(value)))


@dataclass(frozen=True, slots=True)
class PainScore:
    """A pain point, its weight and who addresses it."""

    id: str
    title: str
    pointer: str
    stage: str
    touchpoint: str | None
    severity: int
    frequency: Fraction
    frequency_given: bool
    weight: Fraction
    addressed_by: tuple[str, ...]
    """Opportunities that address it and are not dropped (any other status, done included)."""
    dropped_by: tuple[str, ...]
    """Dropped opportunities that address it: they do not cover it."""

    @property
    def covered(self) -> bool:
        return bool(self.addressed_by)


@dataclass(frozen=True, slots=True)
class OpportunityScore:
    """An opportunity with its priority and the terms of it."""

    id: str
    title: str
    pointer: str
    status: Status
    method: Method
    impact: int
    effort: int
    confidence: Fraction
    confidence_given: bool
    addresses: tuple[PainScore, ...]
    """The pain points it addresses, each once, in the order written."""
    unknown: tuple[str, ...]
    """Ids in ``addresses`` that are not pain points of the map; they count for nothing."""
    pain_weight: Fraction
    priority: Fraction
    rank: int | None
    """1-based position in the ranking; None for done and dropped opportunities."""

    @property
    def closed(self) -> bool:
        return self.status in CLOSED


@dataclass(frozen=True, slots=True)
class TouchpointEmotion:
    """A touchpoint's emotion: one value, or the mean of its per-persona values."""

    id: str
    values: tuple[tuple[str | None, int], ...]
    """(persona id, value) pairs; the persona is None for a single emotion."""
    mean: Fraction


@dataclass(frozen=True, slots=True)
class StageScore:
    id: str
    name: str
    pointer: str
    touchpoints: int
    pains: tuple[PainScore, ...]
    pain_weight: Fraction
    emotions: tuple[TouchpointEmotion, ...]
    """Touchpoints that have an emotion; those without one are left out of the mean."""
    mean_emotion: Fraction | None
    """Mean over ``emotions``; None when no touchpoint of the stage has one."""


@dataclass(frozen=True, slots=True)
class Coverage:
    covered_weight: Fraction
    total_weight: Fraction
    covered_pains: int
    total_pains: int

    @property
    def value(self) -> Fraction:
        if self.total_weight == 0:
            return Fraction(1)
        return self.covered_weight / self.total_weight


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Everything ``cjmap score`` says about one map."""

    path: str
    map_id: str
    title: str
    method: Method
    scale: tuple[int, int]
    ranked: tuple[OpportunityScore, ...]
    """Opportunities not done or dropped, by priority (highest first), ties by id."""
    closed: tuple[OpportunityScore, ...]
    """Done then dropped opportunities, each group by id."""
    pains: tuple[PainScore, ...]
    """Every pain point, in the order of the file."""
    unaddressed: tuple[PainScore, ...]
    """Pains no opportunity (other than dropped ones) addresses, by weight, ties by id."""
    stages: tuple[StageScore, ...]
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class CombinedRow:
    """One opportunity in the ranking across several maps: ids are unique per map only."""

    rank: int
    card: Scorecard
    opportunity: OpportunityScore


class GateFailure(NamedTuple):
    """A map below ``--min-coverage``, and that minimum."""

    card: Scorecard
    minimum: Fraction


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Scorecards of several maps, the ranking across them and the options that shape them."""

    cards: tuple[Scorecard, ...]
    combined: tuple[CombinedRow, ...]
    coverage: Coverage
    """Coverage over the pains of all maps together (informative; the gate is per map)."""
    method: Method
    top: int | None = None
    min_coverage: Fraction | None = None

    def shown(self, rows: Sequence[OpportunityScore]) -> Sequence[OpportunityScore]:
        return rows if self.top is None else rows[: self.top]

    def shown_combined(self) -> tuple[CombinedRow, ...]:
        return self.combined if self.top is None else self.combined[: self.top]

    def failures(self) -> list[GateFailure]:
        """Maps whose coverage is below ``min_coverage``: each map must meet it."""
        if self.min_coverage is None:
            return []
        minimum = self.min_coverage
        return [GateFailure(c, minimum) for c in self.cards if c.coverage.value < minimum]


def _pain_index(index: MapIndex) -> dict[str, list[PainRef]]:
    found: dict[str, list[PainRef]] = {}
    for ref in index.pains:
        # A duplicated id is a lint error (CJ101); until fixed, a reference means all of them.
        found.setdefault(ref.pain.id, []).append(ref)
    return found


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _priority(method: Method, pain_weight: Fraction, opportunity: Opportunity) -> Fraction:
    confidence = exact(opportunity.confidence)
    if method is Method.ICE:
        return opportunity.impact * confidence * (6 - opportunity.effort)
    return pain_weight * Fraction(opportunity.impact, 5) * confidence / opportunity.effort


def _touchpoint_emotion(touchpoint: Touchpoint) -> TouchpointEmotion | None:
    emotion = touchpoint.emotion
    if emotion is None:
        return None
    if isinstance(emotion, int):
        return TouchpointEmotion(touchpoint.id, ((None, emotion),), Fraction(emotion))
    if not emotion:
        return None
    # Each persona counts the same: the map says how a persona feels, not how many of them.
    values = tuple(emotion.items())
    return TouchpointEmotion(touchpoint.id, values,
                             Fraction(sum(v for _, v in values), len(values)))


def mean(values: Sequence[Fraction]) -> Fraction | None:
    """The mean of ``values``; None when there are none."""
    return sum(values, Fraction(0)) / len(values) if values else None


def total_weight(pains: Iterable[PainScore]) -> Fraction:
    """The summed weight of ``pains`` (exact; 0 for none)."""
    return sum((p.weight for p in pains), Fraction(0))


def coverage_of(pains: Sequence[PainScore]) -> Coverage:
    """How much of the weight of ``pains`` is covered (docs/scoring.md)."""
    covered = [p for p in pains if p.covered]
    return Coverage(covered_weight=total_weight(covered), total_weight=total_weight(pains),
                    covered_pains=len(covered), total_pains=len(pains))


def score_map(journey: JourneyMap, method: Method = Method.WEIGHTED, path: str = "") -> Scorecard:
    """Score one map: rank its opportunities, weigh its pains, measure coverage."""
    index = build_index(journey)
    pains_by_id = _pain_index(index)
    pains = _pain_scores(index, _addressing(journey, pains_by_id))
    opportunities = _opportunity_scores(journey, method, pains_by_id,
                                        {p.pointer: p for p in pains})
    open_ones = sorted((x for x in opportunities if not x.closed),
                       key=lambda x: (-x.priority, x.id))
    scale = journey.scales.emotion
    return Scorecard(
        path=path,
        map_id=journey.id,
        title=journey.title,
        method=method,
        scale=(scale.min, scale.max),
        ranked=tuple(replace(x, rank=i) for i, x in enumerate(open_ones, start=1)),
        closed=tuple(sorted((x for x in opportunities if x.closed),
                            key=lambda x: (CLOSED.index(x.status), x.id))),
        pains=tuple(pains),
        unaddressed=tuple(sorted((p for p in pains if not p.covered),
                                 key=lambda p: (-p.weight, p.id))),
        stages=_stage_scores(journey, pains),
        coverage=coverage_of(pains),
    )


def _addressing(journey: JourneyMap,
                pains_by_id: dict[str, list[PainRef]]) -> dict[str, list[Opportunity]]:
    """Pain id -> the opportunities that address it (known pains only, each once)."""
    addressing: dict[str, list[Opportunity]] = {}
    for opportunity in journey.opportunities:
        for pain_id in _unique(opportunity.addresses):
            if pain_id in pains_by_id:
                addressing.setdefault(pain_id, []).append(opportunity)
    return addressing


def _pain_scores(index: MapIndex,
                 addressing: dict[str, list[Opportunity]]) -> list[PainScore]:
    """Every pain point with its weight, in the order of the file."""
    pains: list[PainScore] = []
    for ref in index.pains:
        pain = ref.pain
        frequency = exact(pain.frequency)
        by = addressing.get(pain.id, [])
        pains.append(PainScore(
            id=pain.id,
            title=pain.title,
            pointer=ref.pointer,
            stage=ref.stage.id,
            touchpoint=ref.touchpoint.id if ref.touchpoint is not None else None,
            severity=pain.severity,
            frequency=frequency,
            frequency_given="frequency" in pain.model_fields_set,
            weight=pain.severity * frequency,
            addressed_by=tuple(o.id for o in by if o.status is not Status.DROPPED),
            dropped_by=tuple(o.id for o in by if o.status is Status.DROPPED),
        ))
    return pains


def _opportunity_scores(journey: JourneyMap, method: Method,
                        pains_by_id: dict[str, list[PainRef]],
                        pain_of_ref: dict[str, PainScore]) -> list[OpportunityScore]:
    """Every opportunity with its priority, in the order of the file, not yet ranked."""
    opportunities: list[OpportunityScore] = []
    for o, opportunity in enumerate(journey.opportunities):
        wanted = _unique(opportunity.addresses)
        addressed = tuple(pain_of_ref[ref.pointer]
                          for pain_id in wanted for ref in pains_by_id.get(pain_id, []))
        pain_weight = total_weight(addressed)
        opportunities.append(OpportunityScore(
            id=opportunity.id,
            title=opportunity.title,
            pointer=f"/opportunities/{o}",
            status=opportunity.status,
            method=method,
            impact=opportunity.impact,
            effort=opportunity.effort,
            confidence=exact(opportunity.confidence),
            confidence_given="confidence" in opportunity.model_fields_set,
            addresses=addressed,
            unknown=tuple(i for i in wanted if i not in pains_by_id),
            pain_weight=pain_weight,
            priority=_priority(method, pain_weight, opportunity),
            rank=None,
        ))
    return opportunities


def _stage_scores(journey: JourneyMap, pains: Sequence[PainScore]) -> tuple[StageScore, ...]:
    """Each stage's pains, their weight and the mean emotion of its touchpoints."""
    stages = []
    for s, stage in enumerate(journey.stages):
        pointer = f"/stages/{s}"
        stage_pains = tuple(p for p in pains if p.pointer.startswith(pointer + "/"))
        emotions = tuple(e for t in stage.touchpoints
                         if (e := _touchpoint_emotion(t)) is not None)
        stages.append(StageScore(
            id=stage.id,
            name=stage.name,
            pointer=pointer,
            touchpoints=len(stage.touchpoints),
            pains=stage_pains,
            pain_weight=total_weight(stage_pains),
            emotions=emotions,
            mean_emotion=mean([e.mean for e in emotions]),
        ))
    return tuple(stages)


def combine(cards: Sequence[Scorecard]) -> tuple[CombinedRow, ...]:
    """One ranking over the ranked opportunities of every map; ties by map, path, then id."""
    rows = sorted(((card, o) for card in cards for o in card.ranked),
                  key=lambda row: (-row[1].priority, row[0].map_id, row[0].path, row[1].id))
    return tuple(CombinedRow(i, card, o) for i, (card, o) in enumerate(rows, start=1))


def combined_coverage(cards: Sequence[Scorecard]) -> Coverage:
    return Coverage(
        covered_weight=sum((c.coverage.covered_weight for c in cards), Fraction(0)),
        total_weight=sum((c.coverage.total_weight for c in cards), Fraction(0)),
        covered_pains=sum(c.coverage.covered_pains for c in cards),
        total_pains=sum(c.coverage.total_pains for c in cards),
    )


def score_maps(
    maps: Sequence[tuple[str, JourneyMap]],
    method: Method = Method.WEIGHTED,
    *,
    top: int | None = None,
    min_coverage: Fraction | None = None,
) -> ScoreResult:
    """Score several ``(path, map)`` pairs and rank their opportunities together."""
    cards = tuple(score_map(journey, method, path) for path, journey in maps)
    return ScoreResult(cards=cards, combined=combine(cards), coverage=combined_coverage(cards),
                       method=method, top=top, min_coverage=min_coverage)
