"""Schema errors explained in the words of the person who wrote the map.

Pydantic says what it expected ("expected a list, got the boolean false"); these hints
say why YAML read it so and what to write instead, for the mistakes people make most
(docs/format.md, "Traps that cjmap reports"):

- a YAML 1.1 boolean or null spelling (``No``, ``on``, ``~``) where text is expected;
- a percentage (``45%``, ``45``) where a share from 0 to 1 is expected;
- a display name or a wrong-case spelling (``Working parent``, ``SMS``) where an id is
  expected, with the id of the item whose name or spelling matches.

Which fields take text, shares or ids is read from the model (its types, its ``Ref``
markers), never listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from cjmap.fieldtypes import constraints, is_list_of
from cjmap.model import ID_PATTERN, Kind
from cjmap.refs import models_by_shape, shape_of
from cjmap.source import SourceMap
from cjmap.suggest import closest

# The plain spellings YAML 1.1 reads as a boolean or as null (y and n included: the
# spec lists them, though PyYAML reads those two as text).
BOOLEAN_SPELLINGS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})
NULL_SPELLINGS = frozenset({"~", "null"})
_PERCENTAGE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")
_NOT_SLUG = re.compile(r"[^a-z0-9_-]+")


def explain(error: ErrorDetails, pointer: str, shape: Sequence[str], data: Any,
            source: SourceMap) -> str | None:
    """A better message for ``error`` than pydantic's, or None."""
    return (_yaml_spelling(error, pointer, shape, source) or _percentage(error, shape)
            or _name_for_id(error, shape, data))


def _field(shape: Sequence[str]) -> tuple[type[BaseModel], FieldInfo] | None:
    """The model field the last name of ``shape`` is, if it is one."""
    if not shape:
        return None
    model = models_by_shape().get(tuple(shape[:-1]))
    info = None if model is None else model.model_fields.get(shape[-1])
    return None if model is None or info is None else (model, info)


def _takes_text(error: ErrorDetails, shape: Sequence[str]) -> bool:
    if error["type"] == "string_type":
        return True
    found = _field(shape)
    return (error["type"] == "list_type" and found is not None
            and is_list_of(found[1].annotation, str))


def _written(source: SourceMap, pointer: str) -> str:
    """The value at ``pointer`` as the file spells it (one line)."""
    if not source.has(pointer):
        return ""
    span = source.locate(pointer)
    if span.end_line != span.line:
        return ""
    return source.line_text(span.line)[span.column - 1:span.end_column - 1]


def _yaml_spelling(error: ErrorDetails, pointer: str, shape: Sequence[str],
                   source: SourceMap) -> str | None:
    value = error.get("input")
    if not (value is None or isinstance(value, bool)) or not _takes_text(error, shape):
        return None
    written = _written(source, pointer)
    if isinstance(value, bool) and written.lower() in BOOLEAN_SPELLINGS:
        meaning = f"the boolean {str(value).lower()}"
    elif value is None and written.lower() in NULL_SPELLINGS:
        meaning = "nothing (null)"
    else:
        return None
    return (f"YAML reads {written} as {meaning}, not as text: quote it "
            f"(\"{written}\") to mean the word")


def _is_share(info: FieldInfo) -> bool:
    bounds = {(type(m), getattr(m, "ge", getattr(m, "le", None)))
              for m in constraints(info.annotation, info.metadata)}
    return (Ge, 0) in bounds and (Le, 1) in bounds


def _percentage(error: ErrorDetails, shape: Sequence[str]) -> str | None:
    found = _field(shape)
    if found is None or not _is_share(found[1]):
        return None
    value = error.get("input")
    percent: float | None = None
    if isinstance(value, str) and (match := _PERCENTAGE.match(value)):
        percent = float(match.group(1))
    elif (isinstance(value, int | float) and not isinstance(value, bool)
          and error["type"] == "less_than_equal" and 1 < value <= 100):
        percent = float(value)
    if percent is None:
        return None
    return (f"{shape[-1]} is a share from 0 to 1, not a percentage: write "
            f"{percent / 100:g} for {percent:g} %")


def _ref_kind(shape: Sequence[str]) -> Kind | None:
    """The kind of id the field at ``shape`` holds; a mapping key (a persona's emotion)
    is one name deeper than its field."""
    for depth in (1, 2):
        if len(shape) < depth:
            break
        model = models_by_shape().get(tuple(shape[:-depth]))
        if model is None:
            continue
        for ref in shape_of(model).refs:
            if ref.name == shape[-depth] and (depth == 1 or ref.keys):
                return ref.kind
    return None


def _raw_items(node: Any, path: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The mappings at ``path`` (field names, list positions left out) in raw data."""
    if not path:
        if isinstance(node, dict):
            yield node
        return
    value = node.get(path[0]) if isinstance(node, dict) else None
    for child in value if isinstance(value, list) else [value]:
        yield from _raw_items(child, path[1:])


def defined(data: Any, kind: Kind) -> list[tuple[str, str]]:
    """(id, name or title) of every item of ``kind`` the raw data defines."""
    found: list[tuple[str, str]] = []
    for path, model in models_by_shape().items():
        if getattr(model, "KIND", None) is not kind:
            continue
        for item in _raw_items(data, path):
            item_id, label = item.get("id"), item.get("name", item.get("title"))
            if isinstance(item_id, str):
                found.append((item_id, label if isinstance(label, str) else ""))
    return found


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.strip().lower()).strip("-_")


def _name_for_id(error: ErrorDetails, shape: Sequence[str], data: Any) -> str | None:
    value = error.get("input")
    if error["type"] != "string_pattern_mismatch" or not isinstance(value, str):
        return None
    if str((error.get("ctx") or {}).get("pattern")) != ID_PATTERN:
        return None
    kind = _ref_kind(shape)
    if kind is None:
        return None
    items = defined(data, kind)
    wanted = value.strip().casefold()
    by_name = next((i for i, name in items if name.strip().casefold() == wanted), None)
    by_spelling = next((i for i, _ in items if i == slug(value)), None)
    if by_name is not None:
        hint = f"did you mean {by_name!r}, the {kind.noun} named {value.strip()!r}?"
    elif by_spelling is not None:
        hint = f"did you mean {by_spelling!r}?"
    else:
        near = closest(slug(value), [i for i, _ in items])
        hint = f"did you mean {near!r}?" if near else f"no {kind.noun} is named so"
    return (f"{value!r} is not an id (ids are lower-case, with '-' for spaces): a "
            f"{kind.noun} is referred to by its id; {hint}")
