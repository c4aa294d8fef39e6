"""One walk over a map: every definition and every reference, with its JSON pointer.

Lint rules, diff, score and render all need "which items are there, where, and what
refers to what"; they ask this index instead of walking the model themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from cjmap.model import (
    Channel,
    Evidence,
    JourneyMap,
    Metric,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)

Item = Persona | Channel | Evidence | Metric | Stage | Touchpoint | PainPoint | Opportunity


class Kind(StrEnum):
    PERSONA = "persona"
    CHANNEL = "channel"
    EVIDENCE = "evidence"
    METRIC = "metric"
    STAGE = "stage"
    TOUCHPOINT = "touchpoint"
    PAIN_POINT = "pain point"
    OPPORTUNITY = "opportunity"

    # Enum's own __hash__ is a Python function (hash of the name); a str's is C and
    # agrees with ==, so ("id", Kind.PERSONA) and ("id", "persona") find each other.
    __hash__ = str.__hash__


class Definition(NamedTuple):
    id: str
    kind: Kind
    pointer: str
    item: Item


class Reference(NamedTuple):
    """``pointer`` refers to ``target``, which must be a ``kind``.

    ``at_key`` is true when the reference is a mapping key (a per-persona emotion).
    """

    target: str
    kind: Kind
    pointer: str
    at_key: bool = False


class TouchpointRef(NamedTuple):
    pointer: str
    stage: Stage
    touchpoint: Touchpoint


class PainRef(NamedTuple):
    """A pain point with where it sits: on a touchpoint, or on a stage directly."""

    pointer: str
    pain: PainPoint
    stage: Stage
    touchpoint: Touchpoint | None


@dataclass(slots=True)
class MapIndex:
    definitions: list[Definition] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    touchpoints: list[TouchpointRef] = field(default_factory=list)
    pains: list[PainRef] = field(default_factory=list)
    by_id: dict[str, Definition] = field(default_factory=dict)
    kinds: set[tuple[str, Kind]] = field(default_factory=set)

    def kind_of(self, item_id: str) -> Kind | None:
        definition = self.by_id.get(item_id)
        return None if definition is None else definition.kind

    def defines(self, item_id: str, kind: Kind) -> bool:
        """Whether ``item_id`` is defined as a ``kind`` (even if also, wrongly, as another)."""
        return (item_id, kind) in self.kinds


    def ids_of(self, kind: Kind) -> list[str]:
        return [d.id for d in self.definitions if d.kind is kind]

    def referenced_ids(self) -> set[str]:
        return {r.target for r in self.references}


def _refs(ids: list[str], kind: Kind, pointer: str) -> list[Reference]:
    return [Reference(target, kind, f"{pointer}/{i}") for i, target in enumerate(ids)]


def build_index(journey: JourneyMap) -> MapIndex:
    # Runs for every map linted: list comprehensions, cheap records and local names,
    # not generators and frozen dataclasses (this was half the time of the rules).
    defs: list[Definition] = []
    refs: list[Reference] = []
    touchpoints: list[TouchpointRef] = []
    pains: list[PainRef] = []
    persona, evidence, metric = Kind.PERSONA, Kind.EVIDENCE, Kind.METRIC
    pain_kind = Kind.PAIN_POINT

    for attr, kind in (("personas", persona), ("channels", Kind.CHANNEL),
                       ("evidence", evidence), ("metrics", metric)):
        items: list[Persona | Channel | Evidence | Metric] = getattr(journey, attr)
        defs += [Definition(item.id, kind, f"/{attr}/{i}", item) for i, item in enumerate(items)]

    def add_pain(pain: PainPoint, pointer: str, stage: Stage, touchpoint: Touchpoint | None,
                 ) -> None:
        defs.append(Definition(pain.id, pain_kind, pointer, pain))
        pains.append(PainRef(pointer, pain, stage, touchpoint))
        if pain.personas:
            refs.extend(_refs(pain.personas, persona, f"{pointer}/personas"))
        if pain.evidence:
            refs.extend(_refs(pain.evidence, evidence, f"{pointer}/evidence"))

    for s, stage in enumerate(journey.stages):
        stage_ptr = f"/stages/{s}"
        defs.append(Definition(stage.id, Kind.STAGE, stage_ptr, stage))
        for t, touchpoint in enumerate(stage.touchpoints):
            tp_ptr = f"{stage_ptr}/touchpoints/{t}"
            defs.append(Definition(touchpoint.id, Kind.TOUCHPOINT, tp_ptr, touchpoint))
            touchpoints.append(TouchpointRef(tp_ptr, stage, touchpoint))
            if touchpoint.channel is not None:
                refs.append(Reference(touchpoint.channel, Kind.CHANNEL, f"{tp_ptr}/channel"))
            if touchpoint.personas:
                refs.extend(_refs(touchpoint.personas, persona, f"{tp_ptr}/personas"))
            if touchpoint.metrics:
                refs.extend(_refs(touchpoint.metrics, metric, f"{tp_ptr}/metrics"))
            if touchpoint.evidence:
                refs.extend(_refs(touchpoint.evidence, evidence, f"{tp_ptr}/evidence"))
            emotion = touchpoint.emotion
            if isinstance(emotion, dict):
                refs += [Reference(persona_id, persona, f"{tp_ptr}/emotion/{persona_id}", True)
                         for persona_id in emotion]
            for p, pain in enumerate(touchpoint.pain_points):
                add_pain(pain, f"{tp_ptr}/pain_points/{p}", stage, touchpoint)
        for p, pain in enumerate(stage.pain_points):
            add_pain(pain, f"{stage_ptr}/pain_points/{p}", stage, None)

    for o, opportunity in enumerate(journey.opportunities):
        opp_ptr = f"/opportunities/{o}"
        defs.append(Definition(opportunity.id, Kind.OPPORTUNITY, opp_ptr, opportunity))
        refs.extend(_refs(opportunity.addresses, pain_kind, f"{opp_ptr}/addresses"))
        if opportunity.metrics:
            refs.extend(_refs(opportunity.metrics, metric, f"{opp_ptr}/metrics"))

    by_id: dict[str, Definition] = {}
    for definition in defs:
        by_id.setdefault(definition.id, definition)  # the first definition of an id wins
    return MapIndex(defs, refs, touchpoints, pains, by_id,
                    {(d.id, d.kind) for d in defs})
