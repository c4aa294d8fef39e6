"""What the site shows about the maps, computed once: pure, no HTML (docs/portfolio.md).

A :class:`Portfolio` holds each map with its scorecard, lint status and staleness, the
stage columns of the portfolio picture, and where each persona and channel appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from cjmap.findings import Finding, Severity
from cjmap.model import JourneyMap, Stage, Touchpoint
from cjmap.rollup import Sightings, rescale, stage_key
from cjmap.score import Scorecard, StageScore


@dataclass(frozen=True, slots=True)
class Staleness:
    """CJ207's rule (docs/rules.md): no ``reviewed`` date, or one older than the limit."""

    reviewed: dt.date | None
    age_days: int | None
    limit_days: int

    @property
    def stale(self) -> bool:
        return self.age_days is None or self.age_days > self.limit_days


def staleness(journey: JourneyMap, today: dt.date, limit_days: int) -> Staleness:
    reviewed = journey.reviewed
    age = None if reviewed is None else (today - reviewed).days
    return Staleness(reviewed, age, limit_days)


@dataclass(frozen=True, slots=True)
class LintStatus:
    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> LintStatus:
        return cls(sum(f.severity is Severity.ERROR for f in findings),
                   sum(f.severity is Severity.WARNING for f in findings))

    @property
    def label(self) -> str:
        if self.errors:
            return f"{self.errors} error{'s' * (self.errors != 1)}"
        if self.warnings:
            return f"{self.warnings} warning{'s' * (self.warnings != 1)}"
        return "clean"


@dataclass(frozen=True, slots=True)
class SiteMap:
    """One map of the site: ``page`` is its name under ``maps/`` (without ``.html``)."""

    path: str
    page: str
    journey: JourneyMap
    card: Scorecard
    findings: tuple[Finding, ...]
    staleness: Staleness

    @property
    def lint(self) -> LintStatus:
        return LintStatus.of(self.findings)

    def stage(self, key: str) -> StageScore | None:
        """The map's stage whose name compares equal to ``key`` (the first one)."""
        return next((s for s in self.card.stages if stage_key(s.name) == key), None)

    def emotion_on_common_scale(self, value: Fraction) -> Fraction:
        return rescale(value, self.card.scale)


@dataclass(frozen=True, slots=True)
class StageColumn:
    key: str
    name: str


def stage_columns(maps: Sequence[SiteMap]) -> tuple[StageColumn, ...]:
    """Stages of all maps, matched by name (as ``score --by stage``), in journey order:
    by the mean of each stage's relative position in the maps that have it (first stage
    0, last 1), ties by first appearance."""
    positions: dict[str, list[Fraction]] = {}
    names: dict[str, str] = {}
    for site_map in maps:
        stages = site_map.journey.stages
        last = max(len(stages) - 1, 1)
        for i, stage in enumerate(stages):
            key = stage_key(stage.name)
            names.setdefault(key, stage.name)
            positions.setdefault(key, []).append(Fraction(i, last))
    order = {key: n for n, key in enumerate(positions)}
    keys = sorted(positions, key=lambda k: (sum(positions[k]) / len(positions[k]), order[k]))
    return tuple(StageColumn(key, names[key]) for key in keys)


@dataclass(frozen=True, slots=True)
class Appearance:
    """A touchpoint a persona or channel appears at."""

    site_map: SiteMap
    stage: Stage
    touchpoint: Touchpoint


@dataclass(slots=True)
class Member(Sightings[SiteMap]):
    """A persona or a channel across maps: its names and the touchpoints it appears at."""

    id: str
    touchpoints: list[Appearance] = field(default_factory=list)


def _touchpoint_personas(journey: JourneyMap, touchpoint: Touchpoint) -> list[str]:
    """A touchpoint's personas; none listed means every persona of the map (docs/format.md)."""
    return touchpoint.personas or [p.id for p in journey.personas]


def personas(maps: Sequence[SiteMap]) -> list[Member]:
    """Every persona defined in a map, by id, with the touchpoints it walks through."""
    found: dict[str, Member] = {}
    for site_map in maps:
        journey = site_map.journey
        for persona in journey.personas:
            found.setdefault(persona.id, Member(persona.id)).seen(site_map, persona.name)
        # A persona listed but not defined in this map is a lint error (CJ102): left out.
        defined = {p.id for p in journey.personas}
        for stage in journey.stages:
            for touchpoint in stage.touchpoints:
                for persona_id in dict.fromkeys(_touchpoint_personas(journey, touchpoint)):
                    if persona_id in defined:
                        found[persona_id].touchpoints.append(
                            Appearance(site_map, stage, touchpoint))
    return sorted(found.values(), key=lambda m: m.id)


def channels(maps: Sequence[SiteMap]) -> list[Member]:
    """Every channel defined in a map, by id, with the maps and touchpoints that use it.

    A map counts for a channel only where a touchpoint uses it: a channel a map merely
    defines (every channel of a library it uses, docs/portfolio.md) is not in its journey.
    """
    found: dict[str, Member] = {}
    for site_map in maps:
        names = {c.id: c.name for c in site_map.journey.channels}
        for channel_id, name in names.items():
            member = found.setdefault(channel_id, Member(channel_id))
            if name not in member.names:
                member.names.append(name)
        for stage in site_map.journey.stages:
            for touchpoint in stage.touchpoints:
                used = touchpoint.channel
                if used is not None and used in names:
                    member = found[used]
                    member.seen(site_map, None)
                    member.touchpoints.append(Appearance(site_map, stage, touchpoint))
    return sorted(found.values(), key=lambda m: m.id)
