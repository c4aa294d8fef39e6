"""The items of one version of a map, and how their values compare across versions.

Items are keyed by ``(kind, id)``; an id defined twice in one version (a CJ101 lint
error) is keyed ``id#2``, ``id#3``... so the diff still works. Fields holding ids are
the ones the model declares as references (``cjmap.refs``); they compare through
renames found so far (an old id becomes the new one) and, for lists, as sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from cjmap.diff.changes import JsonValue, Side
from cjmap.index import Item, build_index
from cjmap.refs import RefField, references_by_kind, shape_of

Key = tuple[str, str]  # (item kind, id)


@dataclass(slots=True)
class Entry:
    """One item of one version: where it is, under which parent, in which list."""

    key: Key
    kind: str
    id: str
    pointer: str
    item: Item
    parent: Key | None  # None: the item sits directly in the map
    list_name: str
    position: int
    path: str
    ordinal: int


@dataclass(slots=True)
class Version:
    side: Side
    items: dict[Key, Entry] = field(default_factory=dict)
    order: list[Entry] = field(default_factory=list)

    def line(self, pointer: str) -> int:
        return self.side.source.locate(pointer).line


def collect(side: Side) -> Version:
    version = Version(side)
    if side.journey is None:
        return version
    by_pointer: dict[str, Entry] = {}
    for ordinal, definition in enumerate(build_index(side.journey).definitions):
        kind = definition.kind.value
        key: Key = (kind, definition.id)
        n = 1
        while key in version.items:
            n += 1
            key = (kind, f"{definition.id}#{n}")
        parent_pointer, list_name, position = definition.pointer.rsplit("/", 2)
        parent = by_pointer.get(parent_pointer)
        label = key[1]
        path = f"{parent.path}.{list_name}[{label}]" if parent else f"{list_name}[{label}]"
        entry = Entry(key, kind, definition.id, definition.pointer, definition.item,
                      parent.key if parent else None, list_name, int(position), path, ordinal)
        version.items[key] = entry
        version.order.append(entry)
        by_pointer[definition.pointer] = entry
    return version


def plain(value: Any) -> JsonValue:
    """A value as JSON would hold it: enums by value, dates as ISO text, models as dicts."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return plain(dict(value))
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [plain(v) for v in value]
    return str(value)  # pragma: no cover - the model holds nothing else


@cache
def own_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields compared for an item: all but the id and its lists of nested items."""
    nested = {name for name, _ in shape_of(model).items}
    return tuple(n for n in model.model_fields if n != "id" and n not in nested)


def references(kind: str) -> dict[str, RefField]:
    """The reference fields of an item kind, by name (empty for kinds without any)."""
    return references_by_kind().get(kind, {})


class Renames:
    """Old key -> new id for every matched item, to follow references through renames."""

    def __init__(self) -> None:
        self.new_id: dict[Key, str] = {}

    def translate(self, kind: str, old_id: str) -> str:
        return self.new_id.get((kind, old_id), old_id)

    def ids(self, value: Any, ref: RefField) -> Any:
        """A reference field's value with renamed ids followed: lists as sets (their
        order carries no meaning), mapping keys translated."""
        kind = ref.kind
        if ref.keys:
            if isinstance(value, dict):
                return {self.translate(kind, k): v for k, v in value.items()}
            return value
        if isinstance(value, str):
            return self.translate(kind, value)
        if isinstance(value, list):
            return frozenset(self.translate(kind, v) for v in value)
        return value


def same(kind: str, name: str, old: Any, new: Any, renames: Renames) -> bool:
    """Whether a field has the same value in both versions, references followed."""
    ref = references(kind).get(name)
    if ref is None:
        return bool(old == new)
    if ref.keys:  # per-persona emotions: the new version's keys are already new ids
        return bool(renames.ids(old, ref) == new)
    return bool(renames.ids(old, ref) == renames.ids(new, ref))
