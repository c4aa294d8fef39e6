"""What type of value a model field holds, read from its annotation.

Pydantic keeps a field's annotation with its ``Annotated[...]`` layers and ``| None``;
rules that check every field of one type (every date, every list of texts) ask here
instead of naming the fields (docs/architecture.md: the model is the format).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic.fields import FieldInfo


def _layers(annotation: object) -> Iterator[object]:
    """The annotation, then each annotation inside it down to the bare one (the last):
    ``Annotated`` layers peeled, ``X | None`` taken as ``X``. A union of several
    types is bare."""
    while True:
        yield annotation
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return
            annotation = members[0]
        else:
            return


def bare(annotation: object) -> object:
    """The annotation without its ``Annotated`` layers and without ``None``."""
    return list(_layers(annotation))[-1]


def constraints(annotation: object, metadata: list[Any]) -> list[Any]:
    """A field's constraints: its own metadata and those of the ``Annotated`` layers of
    its annotation (``Ratio | None`` keeps ``ge``/``le`` inside the union)."""
    found = list(metadata)
    for layer in _layers(annotation):
        if get_origin(layer) is Annotated:
            for item in getattr(layer, "__metadata__", ()):
                # pydantic's Field(...) inside Annotated holds its constraints itself.
                found += item.metadata if isinstance(item, FieldInfo) else [item]
    return found


def is_a(annotation: object, cls: type) -> bool:
    """Whether the field holds one ``cls`` (optionally None)."""
    held = bare(annotation)
    return isinstance(held, type) and issubclass(held, cls)


def is_list_of(annotation: object, cls: type) -> bool:
    """Whether the field holds a list of ``cls`` (optionally None)."""
    held = bare(annotation)
    if get_origin(held) is not list:
        return False
    (inner,) = get_args(held)
    return is_a(inner, cls)
