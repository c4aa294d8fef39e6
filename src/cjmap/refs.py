"""The map format's structure, read once from the model: item lists and references.

Every field that holds ids carries a :class:`~cjmap.model.Ref` on its annotation and
every item model names its :class:`~cjmap.model.Kind` (``KIND``). This module reads
those declarations (``model_fields`` metadata, cached per model) so that the index,
the diff and the loader never list fields by hand: adding an id-list field to the
model is one line there (docs/architecture.md, "References").
"""

from __future__ import annotations

from functools import cache
from types import UnionType
from typing import NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from cjmap.model import JourneyMap, Kind, Ref


# NamedTuples, not frozen dataclasses: creating one of those costs about 0.3 ms at
# import, and every command imports this module (docs/performance.md, "One map: start-up").
class RefField(NamedTuple):
    """A field of a model holding ids of ``kind``: one id, a list of ids (``many``) or
    the keys of a mapping (``keys``)."""

    name: str
    kind: Kind
    many: bool
    keys: bool


class ModelShape(NamedTuple):
    """What one model holds besides plain values.

    ``refs``: its reference fields, in field order. ``items``: its lists of items that
    define ids (a stage's touchpoints), in field order. ``nested``: every field holding
    models, items or not (``scales`` too), with the model it holds.
    """

    refs: tuple[RefField, ...]
    items: tuple[tuple[str, type[BaseModel]], ...]
    nested: tuple[tuple[str, type[BaseModel]], ...]


def _models_in(annotation: object) -> tuple[type[BaseModel], bool]:
    """The model a field holds (directly, in a list or as ``| None``) and whether in a
    list; ``BaseModel`` itself when the field holds no model."""
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if origin is list:
        (inner,) = get_args(annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner, True
    if origin in (Union, UnionType):
        for member in get_args(annotation):
            if member is not type(None):
                model, many = _models_in(member)
                if model is not BaseModel:
                    return model, many
    return BaseModel, False


def _is_list(annotation: object) -> bool:
    if get_origin(annotation) in (Union, UnionType):
        return any(_is_list(a) for a in get_args(annotation) if a is not type(None))
    return get_origin(annotation) is list


@cache
def shape_of(model: type[BaseModel]) -> ModelShape:
    """The model's references and nested models, read from its fields once."""
    refs: list[RefField] = []
    items: list[tuple[str, type[BaseModel]]] = []
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, info in model.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        if ref is not None:
            many = not ref.keys and _is_list(info.annotation)
            refs.append(RefField(name, ref.kind, many, ref.keys))
            continue
        held, many = _models_in(info.annotation)
        if held is BaseModel:
            continue
        nested.append((name, held))
        if many and isinstance(getattr(held, "KIND", None), Kind):
            items.append((name, held))
    return ModelShape(tuple(refs), tuple(items), tuple(nested))


@cache
def models_by_shape(root: type[BaseModel] = JourneyMap) -> dict[tuple[str, ...], type[BaseModel]]:
    """Each model by the field names leading to it from ``root`` (list indices left out):
    ``("stages", "touchpoints")`` is a touchpoint."""
    found: dict[tuple[str, ...], type[BaseModel]] = {}

    def walk(path: tuple[str, ...], model: type[BaseModel]) -> None:
        found[path] = model
        for name, held in shape_of(model).nested:
            walk((*path, name), held)

    walk((), root)
    return found


@cache
def item_models(root: type[BaseModel] = JourneyMap) -> tuple[type[BaseModel], ...]:
    """Every item model (one with a ``KIND``) reachable from ``root``, each once."""
    models = models_by_shape(root).values()
    return tuple(dict.fromkeys(m for m in models if isinstance(getattr(m, "KIND", None), Kind)))


@cache
def references_by_kind(root: type[BaseModel] = JourneyMap) -> dict[str, dict[str, RefField]]:
    """Per item kind (a Kind, which is its value), its reference fields by name; kinds
    without references are left out."""
    table: dict[str, dict[str, RefField]] = {}
    for model in item_models(root):
        refs = shape_of(model).refs
        if refs:
            table[kind_of(model)] = {r.name: r for r in refs}
    return table


def kind_of(model: type[BaseModel]) -> Kind:
    kind = getattr(model, "KIND", None)
    if not isinstance(kind, Kind):
        raise TypeError(f"{model.__name__} is not an item model (it has no KIND)")
    return kind


@cache
def kinds_in_reference_order(root: type[BaseModel] = JourneyMap) -> tuple[Kind, ...]:
    """Item kinds ordered so that a kind comes after every kind it refers to (what is
    referred to first), ties in the order the model defines them."""
    kinds = [kind_of(m) for m in item_models(root)]
    refers: dict[Kind, set[Kind]] = {k: set() for k in kinds}
    for model in item_models(root):
        kind = kind_of(model)
        refers[kind] = {ref.kind for ref in shape_of(model).refs} - {kind}
    ordered: list[Kind] = []
    while len(ordered) < len(kinds):
        ready = next((k for k in kinds if k not in ordered and refers[k] <= set(ordered)), None)
        if ready is None:  # a cycle: take the rest in model order
            ordered += [k for k in kinds if k not in ordered]
            break
        ordered.append(ready)
    return tuple(ordered)
