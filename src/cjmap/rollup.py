"""Roll-ups across journeys: where it hurts most, by persona, channel, stage or owner.

Pure: scorecards and their maps -> groups (docs/scoring.md, "Roll-ups across maps"). A pain
point is attributed to groups, and its weight counts in full in each group it belongs to:

- **persona**: the pain's ``personas``; else its touchpoint's ``personas``; else every
  persona of its map; a map without personas: the group "(no persona)".
- **channel**: its touchpoint's ``channel``; a pain on a stage, or on a touchpoint without a
  channel: "(no channel)".
- **stage**: its stage's ``name`` (not id: maps name the same phase with their own ids),
  compared with case and runs of spaces ignored; shown as first written.
- **owner**: its touchpoint's ``owner``; a pain on a stage, or a touchpoint without one:
  "(no owner)".

Touchpoint emotions are attributed the same way (a per-persona emotion gives each persona
its own value). A group's coverage, pain weight and ranked opportunities come from the
scorecards of :mod:`cjmap.score`, so one pain weighs and is covered the same here as there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar

from cjmap.index import build_index
from cjmap.model import JourneyMap, Stage, Touchpoint
from cjmap.score import (
    CombinedRow,
    Coverage,
    PainScore,
    Scorecard,
    ScoreResult,
    coverage_of,
    mean,
    total_weight,
)

MapT = TypeVar("MapT")

# How many opportunities each group lists unless --top says otherwise.
DEFAULT_TOP = 3
# The scale emotions are rescaled to when the maps' scales differ.
COMMON_SCALE = (-1, 1)


class By(StrEnum):
    PERSONA = "persona"
    CHANNEL = "channel"
    STAGE = "stage"
    OWNER = "owner"


NONE_LABELS = {By.PERSONA: "(no persona)", By.CHANNEL: "(no channel)",
               By.STAGE: "(no stage)", By.OWNER: "(no owner)"}


@dataclass(frozen=True, slots=True)
class GroupPain:
    card: Scorecard
    pain: PainScore


@dataclass(frozen=True, slots=True)
class GroupEmotion:
    """One touchpoint's emotion as it counts for a group (rescaled if the scales differ)."""

    map_id: str
    touchpoint: str
    persona: str | None
    value: Fraction


@dataclass(frozen=True, slots=True)
class Group:
    key: str | None
    """Persona or channel id, stage name as compared, owner; None for the "(no …)" group."""
    label: str
    names: tuple[str, ...]
    """Names the maps give it (persona and channel names), each once, in map order."""
    maps: tuple[str, ...]
    pains: tuple[GroupPain, ...]
    emotions: tuple[GroupEmotion, ...]
    opportunities: tuple[CombinedRow, ...]
    """Ranked opportunities addressing at least one of its pains, in the combined order."""

    @property
    def pain_weight(self) -> Fraction:
        return total_weight(p.pain for p in self.pains)

    @property
    def coverage(self) -> Coverage:
        return coverage_of([p.pain for p in self.pains])

    @property
    def mean_emotion(self) -> Fraction | None:
        return mean([e.value for e in self.emotions])


@dataclass(frozen=True, slots=True)
class RollupResult:
    by: By
    groups: tuple[Group, ...]
    """Heaviest pain weight first; equal weights by label, the "(no …)" group last."""
    scale: tuple[int, int]
    rescaled: bool
    """True when the maps' emotion scales differ and every emotion was rescaled to -1..1."""
    score: ScoreResult
    top: int = DEFAULT_TOP


@dataclass(slots=True, kw_only=True)
class Sightings(Generic[MapT]):
    """The maps a group across maps (a persona, a channel, ...) is seen in and the names
    they give it, each once, in the order first seen."""

    names: list[str] = field(default_factory=list)
    maps: list[MapT] = field(default_factory=list)

    def seen(self, in_map: MapT, name: str | None) -> None:
        if in_map not in self.maps:
            self.maps.append(in_map)
        if name is not None and name not in self.names:
            self.names.append(name)


@dataclass(slots=True)
class _Builder(Sightings[str]):
    label: str
    pains: list[GroupPain] = field(default_factory=list)
    emotions: list[GroupEmotion] = field(default_factory=list)


def stage_key(name: str) -> str:
    """Stage names compared across maps: case and runs of white space ignored."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def _personas(journey: JourneyMap, ids: Sequence[str]) -> list[str | None]:
    if ids:
        return list(dict.fromkeys(ids))
    everyone = [p.id for p in journey.personas]
    return list(dict.fromkeys(everyone)) if everyone else [None]


def _keys(by: By, journey: JourneyMap, stage: Stage, touchpoint: Touchpoint | None,
          pain_personas: Sequence[str] = ()) -> list[str | None]:
    """The groups an item at (stage, touchpoint) belongs to."""
    if by is By.PERSONA:
        return _personas(journey, pain_personas or (touchpoint.personas if touchpoint else []))
    if by is By.STAGE:
        return [stage_key(stage.name)]
    if touchpoint is None:
        return [None]
    value = touchpoint.channel if by is By.CHANNEL else touchpoint.owner
    return [value.strip() or None] if value is not None else [None]


def _display(by: By, journey: JourneyMap, key: str, stage: Stage) -> tuple[str, str | None]:
    """(label, name) of a group seen in this map."""
    if by is By.STAGE:
        return stage.name, None
    if by is By.OWNER:
        return key, None
    items = journey.personas if by is By.PERSONA else journey.channels
    name = next((item.name for item in items if item.id == key), None)
    return key, name


def _emotions(journey: JourneyMap, touchpoint: Touchpoint,
              by: By) -> Iterator[tuple[str | None, Fraction]]:
    """(persona, value) of a touchpoint's emotion: per persona for --by persona, else the
    touchpoint's mean (docs/scoring.md: every persona counts the same)."""
    emotion = touchpoint.emotion
    if emotion is None or (isinstance(emotion, dict) and not emotion):
        return
    if isinstance(emotion, dict):
        if by is By.PERSONA:
            yield from ((k, Fraction(v)) for k, v in emotion.items())
        else:
            yield None, Fraction(sum(emotion.values()), len(emotion))
        return
    yield None, Fraction(emotion)


def rescale(value: Fraction, scale: tuple[int, int]) -> Fraction:
    """A value on ``scale`` moved linearly onto -1..1 (min -> -1, max -> 1)."""
    low, high = scale
    return (2 * value - low - high) / (high - low)


def rollup(score: ScoreResult, journeys: Sequence[JourneyMap], by: By,
           top: int | None = None) -> RollupResult:
    """Group the pains and emotions of every scored map (``journeys[i]`` is
    ``score.cards[i]``'s map) by ``by``."""
    scales = {card.scale for card in score.cards}
    rescaled = len(scales) > 1
    builders: dict[str | None, _Builder] = {}

    def builder(key: str | None, card: Scorecard, journey: JourneyMap,
                stage: Stage) -> _Builder:
        if key is None:
            found = builders.setdefault(None, _Builder(NONE_LABELS[by]))
            found.seen(card.map_id, None)
            return found
        label, name = _display(by, journey, key, stage)
        found = builders.setdefault(key, _Builder(label))
        found.seen(card.map_id, name)
        return found

    for card, journey in zip(score.cards, journeys, strict=True):
        pain_at = {p.pointer: p for p in card.pains}
        index = build_index(journey)
        for ref in index.pains:
            for key in _keys(by, journey, ref.stage, ref.touchpoint, ref.pain.personas):
                builder(key, card, journey, ref.stage).pains.append(
                    GroupPain(card, pain_at[ref.pointer]))
        for tp in index.touchpoints:
            for persona, value in _emotions(journey, tp.touchpoint, by):
                keys = ([persona] if persona is not None
                        else _keys(by, journey, tp.stage, tp.touchpoint))
                shown = rescale(value, card.scale) if rescaled else value
                for key in keys:
                    builder(key, card, journey, tp.stage).emotions.append(
                        GroupEmotion(card.map_id, tp.touchpoint.id, persona, shown))

    groups = [_group(b, key, score) for key, b in builders.items()]
    groups.sort(key=lambda g: (-g.pain_weight, g.key is None, g.label, g.key or ""))
    scale = COMMON_SCALE if rescaled else next(iter(scales), (-2, 2))
    return RollupResult(by, tuple(groups), scale, rescaled, score,
                        DEFAULT_TOP if top is None else top)


def _group(built: _Builder, key: str | None, score: ScoreResult) -> Group:
    pointers = {(id(p.card), p.pain.pointer) for p in built.pains}
    opportunities = tuple(
        row for row in score.combined
        if any((id(row.card), pain.pointer) in pointers for pain in row.opportunity.addresses))
    return Group(key, built.label, tuple(built.names), tuple(built.maps), tuple(built.pains),
                 tuple(built.emotions), opportunities)
