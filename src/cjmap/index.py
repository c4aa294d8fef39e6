"""One walk over a map: every definition and every reference, with its JSON pointer.

Lint rules, diff, score and render all need "which items are there, where, and what
refers to what"; they ask this index instead of walking the model themselves.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple, cast

from pydantic import BaseModel

from cjmap.model import Item, JourneyMap, Kind, PainPoint, Stage, Touchpoint
from cjmap.refs import RefField, kind_of, shape_of

__all__ = ["Definition", "Item", "Kind", "MapIndex", "PainRef", "Reference", "TouchpointRef",
           "build_index"]


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


# A NamedTuple, not a dataclass: cheaper to create at import (docs/performance.md).
class MapIndex(NamedTuple):
    definitions: list[Definition]
    references: list[Reference]
    touchpoints: list[TouchpointRef]
    pains: list[PainRef]
    by_id: dict[str, Definition]
    kinds: set[tuple[str, Kind]]

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


class _Plan(NamedTuple):
    """What the walk does at one model: its kind (None for the map), its reference
    fields and its lists of items, as the model declares them (``cjmap.refs``)."""

    kind: Kind | None
    refs: tuple[RefField, ...]
    items: tuple[str, ...]


@cache
def _plan(model: type[BaseModel]) -> _Plan:
    shape = shape_of(model)
    kind = None if model is JourneyMap else kind_of(model)
    return _Plan(kind, shape.refs, tuple(name for name, _ in shape.items))


def _references(item: BaseModel, pointer: str, fields: tuple[RefField, ...],
                ) -> list[Reference]:
    found: list[Reference] = []
    for ref in fields:
        value = getattr(item, ref.name)
        if not value:
            continue
        at = f"{pointer}/{ref.name}"
        if ref.keys:
            if isinstance(value, dict):  # a single emotion (an integer) names no persona
                found += [Reference(key, ref.kind, f"{at}/{key}", True) for key in value]
        elif ref.many:
            found += [Reference(target, ref.kind, f"{at}/{i}") for i, target in enumerate(value)]
        else:
            found.append(Reference(value, ref.kind, at))
    return found


def build_index(journey: JourneyMap) -> MapIndex:
    """Walk the map depth first, in field order, as the model declares its items and
    references: an item's definition, then its references, then its own items."""
    # Runs for every map linted: plans cached per model, cheap records, local names
    # (this was half the time of the rules).
    defs: list[Definition] = []
    refs: list[Reference] = []
    touchpoints: list[TouchpointRef] = []
    pains: list[PainRef] = []
    _visit(journey, "", None, None, (defs, refs, touchpoints, pains))
    by_id: dict[str, Definition] = {}
    for definition in defs:
        by_id.setdefault(definition.id, definition)  # the first definition of an id wins
    return MapIndex(defs, refs, touchpoints, pains, by_id,
                    {(d.id, d.kind) for d in defs})


_Found = tuple[list[Definition], list[Reference], list[TouchpointRef], list[PainRef]]


# A module function, not a closure inside build_index: a closure that calls itself is a
# reference cycle (function -> cell -> function) that would keep the whole index, and the
# map it points into, alive until the cyclic collector runs, which the commands pause
# while they lint (docs/performance.md, "Memory").
def _visit(item: BaseModel, pointer: str, stage: Stage | None, touchpoint: Touchpoint | None,
           found: _Found) -> None:
    defs, refs, touchpoints, pains = found
    plan = _plan(type(item))
    if plan.kind is not None:
        defined = cast(Item, item)
        defs.append(Definition(defined.id, plan.kind, pointer, defined))
    if isinstance(item, Stage):
        stage = item
    elif isinstance(item, Touchpoint) and stage is not None:
        touchpoints.append(TouchpointRef(pointer, stage, item))
        touchpoint = item
    elif isinstance(item, PainPoint) and stage is not None:
        pains.append(PainRef(pointer, item, stage, touchpoint))
    if plan.refs:
        refs.extend(_references(item, pointer, plan.refs))
    for name in plan.items:
        for i, child in enumerate(getattr(item, name)):
            _visit(child, f"{pointer}/{name}/{i}", stage, touchpoint, found)
