"""A map as tables, one per kind of item, for spreadsheets and CSV (docs/interop.md).

The XLSX and CSV formats share this model: :func:`to_tables` turns a map into rows
(typed cells: text, whole numbers, numbers, dates) and
:mod:`cjmap.interop.tables_read` turns rows back into a map. The two file formats
only decide how cells are stored.

Layout: one table per kind, in :data:`KINDS` order. The ``map`` table has one row.
Lists (actions, thoughts, personas, ...) are one item per line inside a cell.
Touchpoints name their stage in a ``stage`` column and pain points their
touchpoint (or, for a stage's own pain points, only their stage); the order of
rows is the order of items in the map. A touchpoint's emotion is one ``emotion``
cell, or one ``emotion:PERSONA`` column per persona when it differs by persona.
``x-`` keys are extra ``x-...`` columns holding the value as YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from cjmap.interop.base import Notice
from cjmap.model import (
    Better,
    ChannelKind,
    CjmapModel,
    EvidenceKind,
    JourneyMap,
    MetricKind,
    PainPoint,
    State,
    Status,
)
from cjmap.yamlio import dump_flow

Cell = str | int | float | dt.date | None

EMOTION = "emotion"
PERSONA_EMOTION = "emotion:"
"""Prefix of the per-persona emotion columns: ``emotion:busy-parent``."""
EXTENSION = "x-"
LIST_SEPARATOR = "\n"


class Column(NamedTuple):
    """One column of a table: its header, the type of its cells, and whether a table
    without it cannot be read."""

    name: str
    type: str
    """text | list | int | float | date | choice"""
    required: bool = False
    choices: tuple[str, ...] = ()


def _choice(name: str, enum: type[Enum]) -> Column:
    return Column(name, "choice", choices=tuple(str(member.value) for member in enum))


RATING = tuple(str(n) for n in range(1, 6))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "map": (Column("cjmap", "int", True), Column("id", "text", True),
            Column("title", "text", True), Column("summary", "text"), _choice("state", State),
            Column("owner", "text"), Column("tags", "list"), Column("reviewed", "date"),
            Column("goals", "list"), Column("emotion_min", "int"),
            Column("emotion_max", "int")),
    "personas": (Column("id", "text", True), Column("name", "text", True),
                 Column("description", "text"), Column("share", "float"),
                 Column("goals", "list"), Column("needs", "list")),
    "channels": (Column("id", "text", True), Column("name", "text", True),
                 _choice("kind", ChannelKind)),
    "evidence": (Column("id", "text", True), _choice("kind", EvidenceKind),
                 Column("title", "text", True), Column("url", "text"),
                 Column("date", "date"), Column("sample_size", "int")),
    "metrics": (Column("id", "text", True), Column("name", "text", True),
                _choice("kind", MetricKind), Column("value", "float"),
                Column("target", "float"), Column("unit", "text"), _choice("better", Better)),
    "stages": (Column("id", "text", True), Column("name", "text", True),
               Column("goal", "text"), Column("description", "text")),
    "touchpoints": (Column("stage", "text", True), Column("id", "text", True),
                    Column("name", "text", True), Column("description", "text"),
                    Column("channel", "text"), Column("personas", "list"),
                    Column("actions", "list"), Column("thoughts", "list"),
                    Column(EMOTION, "int"), Column("backstage", "list"), Column("owner", "text"),
                    Column("metrics", "list"), Column("evidence", "list")),
    "pain_points": (Column("stage", "text", True), Column("touchpoint", "text", True),
                    Column("id", "text", True), Column("title", "text", True),
                    Column("description", "text"),
                    Column("severity", "int", True, RATING), Column("frequency", "float"),
                    Column("personas", "list"), Column("evidence", "list")),
    "opportunities": (Column("id", "text", True), Column("title", "text", True),
                      Column("description", "text"), Column("addresses", "list", True),
                      Column("impact", "int", True, RATING),
                      Column("effort", "int", True, RATING),
                      Column("confidence", "float"), _choice("status", Status),
                      Column("owner", "text"), Column("metrics", "list")),
}
"""Every table and its columns, in the order they are written."""

KINDS: tuple[str, ...] = tuple(COLUMNS)
PLACEMENT = frozenset({("touchpoints", "stage"), ("pain_points", "stage"),
                       ("pain_points", "touchpoint")})
"""Columns that say where an item sits rather than being one of its fields."""


@dataclass(slots=True)
class Table:
    """One kind of item as rows: ``header`` names the columns of every row."""

    kind: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


@dataclass(slots=True)
class Row:
    """One row read back: its values and the place of each of its cells."""

    kind: str
    number: int
    values: dict[str, Any]
    """Column name -> value, for the cells that are not empty."""
    places: dict[str, str]
    """Column name -> where its cell is, for every column."""
    where: str


def _cell(column: Column, value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if column.type == "list":
        return LIST_SEPARATOR.join(value) if value else None
    if isinstance(value, str | int | float | dt.date):
        return value
    return str(value)


class _Builder:
    """Collects the rows of one table, adding ``x-`` columns as items bring them."""

    def __init__(self, kind: str, notices: list[Notice]) -> None:
        self.table = Table(kind, list(COLUMNS[kind]))
        self.notices = notices
        self.extension_names: list[str] = []
        self.extension_rows: list[dict[str, str]] = []

    def add(self, item: CjmapModel | None, values: dict[str, Any]) -> list[Cell]:
        row = [_cell(column, values.get(column.name)) for column in self.table.columns]
        self.table.rows.append(row)
        extensions = {} if item is None else item.extensions
        for name in extensions:
            if name not in self.extension_names:
                self.extension_names.append(name)
        self.extension_rows.append({k: dump_flow(v) for k, v in extensions.items()})
        self._check_lists(values)
        return row

    def _check_lists(self, values: dict[str, Any]) -> None:
        for column in self.table.columns:
            items = values.get(column.name)
            if column.type == "list" and items and any(LIST_SEPARATOR in i for i in items):
                self.notices.append(Notice(
                    f"a {column.name} item of {values.get('id')!r} spans several lines; "
                    "each line comes back as an item of its own", self.table.kind))

    def finish(self) -> Table:
        for name in self.extension_names:
            self.table.columns.append(Column(name, "text"))
        for row, extensions in zip(self.table.rows, self.extension_rows, strict=True):
            row.extend(extensions.get(name) for name in self.extension_names)
        return self.table


def _fields(item: CjmapModel) -> dict[str, Any]:
    return {name: getattr(item, name) for name in type(item).model_fields}


def _emotion_personas(journey: JourneyMap) -> list[str]:
    """The persona columns of the emotion: defined personas, then any other key used."""
    names = [persona.id for persona in journey.personas]
    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            if isinstance(touchpoint.emotion, dict):
                names += [key for key in touchpoint.emotion if key not in names]
    return names


def _map_row(journey: JourneyMap, notices: list[Notice]) -> Table:
    builder = _Builder("map", notices)
    scale = journey.scales.emotion
    builder.add(journey, {**_fields(journey), "emotion_min": scale.min,
                          "emotion_max": scale.max})
    if journey.scales.extensions or scale.extensions:
        notices.append(Notice("x- keys on scales are not carried over", "map"))
    return builder.finish()


def _simple(kind: str, items: Sequence[CjmapModel], notices: list[Notice]) -> Table:
    builder = _Builder(kind, notices)
    for item in items:
        builder.add(item, _fields(item))
    return builder.finish()


def _touchpoints(journey: JourneyMap, notices: list[Notice]) -> Table:
    personas = _emotion_personas(journey)
    builder = _Builder("touchpoints", notices)
    at = [c.name for c in builder.table.columns].index(EMOTION) + 1
    builder.table.columns[at:at] = [Column(PERSONA_EMOTION + p, "int") for p in personas]
    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            values = {**_fields(touchpoint), "stage": stage.id}
            emotion = touchpoint.emotion
            if isinstance(emotion, dict):
                values[EMOTION] = None
                values |= {PERSONA_EMOTION + k: v for k, v in emotion.items()}
                if not emotion:
                    notices.append(Notice(f"the empty per-persona emotion of {touchpoint.id!r} "
                                          "comes back as no emotion", "touchpoints"))
            builder.add(touchpoint, values)
    return builder.finish()


def _pain_points(journey: JourneyMap, notices: list[Notice]) -> Table:
    builder = _Builder("pain_points", notices)

    def add(pain: PainPoint, stage_id: str, touchpoint_id: str | None) -> None:
        builder.add(pain, {**_fields(pain), "stage": stage_id, "touchpoint": touchpoint_id})

    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            for pain in touchpoint.pain_points:
                add(pain, stage.id, touchpoint.id)
        for pain in stage.pain_points:
            add(pain, stage.id, None)
    return builder.finish()


def to_tables(journey: JourneyMap) -> tuple[list[Table], list[Notice]]:
    """The map as one table per kind (:data:`KINDS` order), and what does not fit."""
    notices: list[Notice] = []
    tables = [_map_row(journey, notices)]
    tables += [_simple(kind, getattr(journey, kind), notices) for kind in JourneyMap.KINDS]
    tables.append(_simple("stages", journey.stages, notices))
    tables.append(_touchpoints(journey, notices))
    tables.append(_pain_points(journey, notices))
    tables.append(_simple("opportunities", journey.opportunities, notices))
    return tables, notices
