"""Rows of every table -> the map's YAML data, and where each value came from.

Items keep the order of their rows; touchpoints go into the stage their ``stage``
cell names, pain points onto the touchpoint (or the stage) theirs name. Keys come
in the order of docs/format.md, ``x-`` keys last, so the written map reads like a
hand-written one.
"""

from __future__ import annotations

from typing import Any

from cjmap.interop.base import Notice
from cjmap.interop.tables import (
    COLUMNS,
    EMOTION,
    EXTENSION,
    PERSONA_EMOTION,
    PLACEMENT,
    Row,
)
from cjmap.model import JourneyMap
from cjmap.suggest import did_you_mean

SCALE_COLUMNS = {"emotion_min": "/scales/emotion/min", "emotion_max": "/scales/emotion/max"}
DEFAULT_SCALE = (-2, 2)


class _Assembly:
    def __init__(self, notices: list[Notice]) -> None:
        self.notices = notices
        self.places: dict[str, str] = {}

    def item(self, row: Row, pointer: str, children: tuple[str, ...] = ()) -> dict[str, Any]:
        """The item a row holds, its places recorded under ``pointer``."""
        self.places[pointer] = row.where
        for name, place in row.places.items():
            self.places[self._field_pointer(pointer, row.kind, name)] = place
        values = row.values
        item: dict[str, Any] = {}
        for column in COLUMNS[row.kind]:
            if (row.kind, column.name) in PLACEMENT or column.name in SCALE_COLUMNS:
                continue
            if column.name == EMOTION:
                self._emotion(row, item)
            elif column.name in values:
                item[column.name] = values[column.name]
        for child in children:
            item[child] = []
        item |= {name: value for name, value in values.items() if name.startswith(EXTENSION)}
        return item

    @staticmethod
    def _field_pointer(pointer: str, kind: str, name: str) -> str:
        if kind == "map" and name in SCALE_COLUMNS:
            return SCALE_COLUMNS[name]
        if name.startswith(PERSONA_EMOTION):
            return f"{pointer}/{EMOTION}/{name.removeprefix(PERSONA_EMOTION)}"
        return f"{pointer}/{name}"

    def _emotion(self, row: Row, item: dict[str, Any]) -> None:
        per_persona = {name.removeprefix(PERSONA_EMOTION): value
                       for name, value in row.values.items()
                       if name.startswith(PERSONA_EMOTION)}
        if EMOTION in row.values and per_persona:
            self.notices.append(Notice(
                "give one emotion or one per persona, not both", row.places[EMOTION], True))
        if EMOTION in row.values:
            item[EMOTION] = row.values[EMOTION]
        elif per_persona:
            item[EMOTION] = per_persona

    def unknown(self, row: Row, column: str, what: str, candidates: list[str]) -> None:
        target = row.values[column]
        self.notices.append(Notice(
            f"no {what} has the id {target!r}{did_you_mean(target, candidates)}; "
            f"the row is left out", row.places[column], True))


def _map(assembly: _Assembly, rows: list[Row]) -> dict[str, Any]:
    """The map's own fields from the first row of the map table (there is one)."""
    if len(rows) > 1:
        assembly.notices.append(Notice("the map table has one row; the others are left out",
                                       rows[1].where))
    row = rows[0]
    data = assembly.item(row, "")
    extensions = {k: data.pop(k) for k in list(data) if k.startswith(EXTENSION)}
    scale = (row.values.get("emotion_min"), row.values.get("emotion_max"))
    if scale != DEFAULT_SCALE and scale != (None, None):
        limits = dict(zip(("min", "max"), scale, strict=True))
        data["scales"] = {"emotion": {k: v for k, v in limits.items() if v is not None}}
    return data | {kind: [] for kind in (*JourneyMap.KINDS, "stages", "opportunities")} | (
        extensions)


# A parent item in the map being assembled: its JSON pointer and its data.
_Parent = tuple[str, dict[str, Any]]


def _stages(assembly: _Assembly, data: dict[str, Any], rows: dict[str, list[Row]]) -> None:
    stages: dict[str, _Parent] = {}
    for s, row in enumerate(rows["stages"]):
        stage = assembly.item(row, f"/stages/{s}", ("touchpoints", "pain_points"))
        data["stages"].append(stage)
        stages.setdefault(str(row.values.get("id")), (f"/stages/{s}", stage))
    touchpoints: dict[str, _Parent] = {}
    for row in rows["touchpoints"]:
        found = _stage_of(assembly, row, stages)
        if found is not None:
            touchpoints.setdefault(str(row.values.get("id")),
                                   _add_child(assembly, row, found, "touchpoints",
                                              ("pain_points",)))
    for row in rows["pain_points"]:
        if "touchpoint" in row.values:
            found = touchpoints.get(row.values["touchpoint"])
            if found is None:
                assembly.unknown(row, "touchpoint", "touchpoint", list(touchpoints))
        else:
            found = _stage_of(assembly, row, stages)
        if found is not None:
            _add_child(assembly, row, found, "pain_points")


def _stage_of(assembly: _Assembly, row: Row, stages: dict[str, _Parent]) -> _Parent | None:
    """The stage a row names; None (and a notice) when it names none or an unknown one."""
    found = stages.get(row.values.get("stage", ""))
    if found is None:
        _missing_stage(assembly, row, list(stages))
    return found


def _add_child(assembly: _Assembly, row: Row, parent: _Parent, key: str,
               children: tuple[str, ...] = ()) -> _Parent:
    """The row's item appended to the ``key`` list of ``parent``: its pointer and data."""
    pointer, owner = parent
    pointer = f"{pointer}/{key}/{len(owner[key])}"
    item = assembly.item(row, pointer, children)
    owner[key].append(item)
    return pointer, item


def _missing_stage(assembly: _Assembly, row: Row, stages: list[str]) -> None:
    if "stage" in row.values:
        assembly.unknown(row, "stage", "stage", stages)
    else:
        what = "touchpoint or stage" if row.kind == "pain_points" else "stage"
        assembly.notices.append(Notice(f"the row names no {what}; it is left out",
                                       row.places.get("stage", row.where), True))


def _prune(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the empty lists of children the assembly prepared."""
    for stage in data.get("stages", []):
        for touchpoint in stage["touchpoints"]:
            if not touchpoint["pain_points"]:
                del touchpoint["pain_points"]
        for key in ("touchpoints", "pain_points"):
            if not stage[key]:
                del stage[key]
    for key in (*JourneyMap.KINDS, "opportunities"):
        if key in data and not data[key]:
            del data[key]
    return data


def assemble(rows: dict[str, list[Row]], notices: list[Notice],
             ) -> tuple[dict[str, Any], dict[str, str]]:
    """The map's data from the rows of every table, and where each value came from."""
    assembly = _Assembly(notices)
    data = _map(assembly, rows["map"])
    for kind in (*JourneyMap.KINDS, "opportunities"):
        data[kind] = [assembly.item(row, f"/{kind}/{i}") for i, row in enumerate(rows[kind])]
    _stages(assembly, data, rows)
    return _prune(data), assembly.places
