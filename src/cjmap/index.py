"""One walk over a map: every definition and every reference, with its JSON pointer.

Lint rules, diff, score and render all need "which items are there, where, and what
refers to what"; they ask this index instead of walking the model themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

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


@dataclass(frozen=True, slots=True)
class Definition:
    id: str
    kind: Kind
    pointer: str
    item: Item


@dataclass(frozen=True, slots=True)
class Reference:
    """``pointer`` refers to ``target``, which must be a ``kind``.

    ``at_key`` is true when the reference is a mapping key (a per-persona emotion).
    """

    target: str
    kind: Kind
    pointer: str
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class TouchpointRef:
    pointer: str
    stage: Stage
    touchpoint: Touchpoint


@dataclass(frozen=True, slots=True)
class PainRef:
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


def _refs(ids: list[str], kind: Kind, pointer: str) -> Iterator[Reference]:
    for i, target in enumerate(ids):
        yield Reference(target, kind, f"{pointer}/{i}")


def _pain_refs(pain: PainPoint, pointer: str) -> Iterator[Reference]:
    yield from _refs(pain.personas, Kind.PERSONA, f"{pointer}/personas")
    yield from _refs(pain.evidence, Kind.EVIDENCE, f"{pointer}/evidence")


def build_index(journey: JourneyMap) -> MapIndex:
    index = MapIndex()
    defs = index.definitions
    refs = index.references

    for attr, kind in (("personas", Kind.PERSONA), ("channels", Kind.CHANNEL),
                       ("evidence", Kind.EVIDENCE), ("metrics", Kind.METRIC)):
        items: list[Persona | Channel | Evidence | Metric] = getattr(journey, attr)
        for i, item in enumerate(items):
            defs.append(Definition(item.id, kind, f"/{attr}/{i}", item))

    for s, stage in enumerate(journey.stages):
        stage_ptr = f"/stages/{s}"
        defs.append(Definition(stage.id, Kind.STAGE, stage_ptr, stage))
        for t, touchpoint in enumerate(stage.touchpoints):
            tp_ptr = f"{stage_ptr}/touchpoints/{t}"
            defs.append(Definition(touchpoint.id, Kind.TOUCHPOINT, tp_ptr, touchpoint))
            index.touchpoints.append(TouchpointRef(tp_ptr, stage, touchpoint))
            if touchpoint.channel is not None:
                refs.append(Reference(touchpoint.channel, Kind.CHANNEL, f"{tp_ptr}/channel"))
            refs.extend(_refs(touchpoint.personas, Kind.PERSONA, f"{tp_ptr}/personas"))
            refs.extend(_refs(touchpoint.metrics, Kind.METRIC, f"{tp_ptr}/metrics"))
            refs.extend(_refs(touchpoint.evidence, Kind.EVIDENCE, f"{tp_ptr}/evidence"))
            if isinstance(touchpoint.emotion, dict):
                for persona_id in touchpoint.emotion:
                    refs.append(Reference(persona_id, Kind.PERSONA,
                                          f"{tp_ptr}/emotion/{persona_id}", at_key=True))
            for p, pain in enumerate(touchpoint.pain_points):
                pain_ptr = f"{tp_ptr}/pain_points/{p}"
                defs.append(Definition(pain.id, Kind.PAIN_POINT, pain_ptr, pain))
                index.pains.append(PainRef(pain_ptr, pain, stage, touchpoint))
                refs.extend(_pain_refs(pain, pain_ptr))
        for p, pain in enumerate(stage.pain_points):
            pain_ptr = f"{stage_ptr}/pain_points/{p}"
            defs.append(Definition(pain.id, Kind.PAIN_POINT, pain_ptr, pain))
            index.pains.append(PainRef(pain_ptr, pain, stage, None))
            refs.extend(_pain_refs(pain, pain_ptr))

    for o, opportunity in enumerate(journey.opportunities):
        opp_ptr = f"/opportunities/{o}"
        defs.append(Definition(opportunity.id, Kind.OPPORTUNITY, opp_ptr, opportunity))
        refs.extend(_refs(opportunity.addresses, Kind.PAIN_POINT, f"{opp_ptr}/addresses"))
        refs.extend(_refs(opportunity.metrics, Kind.METRIC, f"{opp_ptr}/metrics"))

    for definition in defs:
        index.by_id.setdefault(definition.id, definition)
        index.kinds.add((definition.id, definition.kind))
    return index
