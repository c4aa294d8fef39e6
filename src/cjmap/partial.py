"""What can be read of a map that fails the schema, so that one lint run shows everything.

When a map has schema errors (CJ003) it is not a :class:`~cjmap.model.JourneyMap`, yet
most of it usually is: one bad frequency should not hide a duplicate id three screens
down. :func:`readable_part` builds a map from the data with every value that failed
left out — an optional field falls back to its default, a bad element of a list or a
bad mapping key is dropped, and an item missing a required field (or with one that is
wrong) is dropped whole. The rules that make sense on such a map (``Rule.partial``:
ids, references, scales, dates, lists) then run on it (docs/rules.md).

The ids of dropped items are kept (``unread``): a reference to one of them is not an
unknown reference, only one whose target could not be read.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from cjmap.model import JourneyMap, Kind, validation_errors
from cjmap.refs import models_by_shape
from cjmap.yamlio import unescape_pointer_token

# Each round removes what failed; what is left can only fail again where a removal
# exposed something new (an item dropped for a required field), which is rare.
_ROUNDS = 4


@dataclass(frozen=True, slots=True)
class PartialMap:
    """The readable part of a map, and the ids of the items that had to be left out.

    Leaving out an element of a list moves the ones after it; :meth:`in_file` turns a
    pointer into the readable part back into the pointer of the same value in the file.
    """

    journey: JourneyMap
    unread: frozenset[str]
    data: Any
    # id() of each list something was removed from -> the file's index of each element.
    origins: dict[int, list[int]]

    def in_file(self, pointer: str) -> str:
        if not pointer:
            return pointer
        tokens = pointer.split("/")[1:]
        node = self.data
        for position, token in enumerate(tokens):
            if isinstance(node, list) and token.isdigit() and int(token) < len(node):
                origin = self.origins.get(id(node))
                index = int(token)
                tokens[position] = str(origin[index]) if origin else token
                node = node[index]
            elif isinstance(node, dict) and unescape_pointer_token(token) in node:
                node = node[unescape_pointer_token(token)]
            else:
                break
        return "/" + "/".join(tokens)


@dataclass(frozen=True, slots=True)
class _Step:
    """One step down the data: ``container[key]``, with the field names leading to it."""

    container: Any
    key: str | int
    shape: tuple[str, ...]


def readable_part(data: dict[str, Any], errors: Sequence[Any]) -> PartialMap | None:
    """The map without the values that failed, or None when not even that validates
    (the map's own required fields are wrong: there is no map to check)."""
    data = copy.deepcopy(data)
    unread: set[str] = set()
    origins: dict[int, list[int]] = {}
    for _ in range(_ROUNDS):
        removals: dict[int, tuple[Any, set[str | int]]] = {}
        for error in errors:
            target = _removal(data, error, unread)
            if target is None:
                return None
            container, key = target
            removals.setdefault(id(container), (container, set()))[1].add(key)
        _remove(removals, origins)
        try:
            journey = JourneyMap.model_validate(data)
            return PartialMap(journey, frozenset(unread), data, origins)
        except ValidationError as exc:
            errors = validation_errors(exc)
    return None


def _remove(removals: dict[int, tuple[Any, set[str | int]]],
            origins: dict[int, list[int]]) -> None:
    for container, keys in removals.values():
        if isinstance(container, list):
            origin = origins.setdefault(id(container), list(range(len(container))))
            for index in sorted((k for k in keys if isinstance(k, int)), reverse=True):
                del container[index]
                del origin[index]
        else:
            for key in keys:
                container.pop(key, None)


def _steps(data: Any, loc: Sequence[int | str]) -> list[_Step]:
    """Follow ``loc`` through the data, skipping the union tags pydantic adds to it."""
    steps: list[_Step] = []
    current: Any = data
    shape: tuple[str, ...] = ()
    for element in loc:
        if isinstance(current, dict) and isinstance(element, str) and element in current:
            steps.append(_Step(current, element, shape))
            current, shape = current[element], (*shape, element)
        elif isinstance(current, list) and isinstance(element, int) and (
                0 <= element < len(current)):
            steps.append(_Step(current, element, shape))
            current = current[element]
    return steps


def _is_model(shape: tuple[str, ...]) -> bool:
    return shape in models_by_shape()


def _removal(data: Any, error: Any, unread: set[str]) -> tuple[Any, str | int] | None:
    """Where to cut so that the value the error is about is gone: (container, key)."""
    steps = _steps(data, error["loc"])
    if steps and error["type"] != "missing":
        last = steps[-1]
        if not _is_model(last.shape):
            # One element of a list of ids or texts, or one key of a mapping (a
            # per-persona emotion).
            return last.container, last.key
        elif isinstance(last.key, str) and not _required(last.shape, last.key):
            return last.container, last.key  # an optional field: its default instead
    return _enclosing_item(steps, unread)


def _required(shape: tuple[str, ...], name: str) -> bool:
    """Whether ``name`` is a required field of the model at ``shape``."""
    model: type[BaseModel] | None = models_by_shape().get(shape)
    info = None if model is None else model.model_fields.get(name)
    return info is not None and info.is_required()


def _enclosing_item(steps: list[_Step], unread: set[str]) -> tuple[Any, int] | None:
    """The innermost item (an element of a list of items) around the failing value."""
    for step in reversed(steps):
        model = models_by_shape().get(step.shape)
        if isinstance(step.container, list) and model is not None and isinstance(
                getattr(model, "KIND", None), Kind) and isinstance(step.key, int):
            item = step.container[step.key]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                unread.add(item["id"])
            return step.container, step.key
    return None
