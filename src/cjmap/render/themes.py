"""Colour themes of the picture.

A theme is only colours and font family; sizes and positions live in the layout.
``light`` is for screens and slides; ``print`` is for paper and grey-scale printers:
white ground, no large dark fills, and severity and valence told by shade and line
weight as well as by hue. The colours themselves are data, in themes.json beside this
module, one table a theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic_core import from_json

from cjmap.errors import UsageError
from cjmap.model import Status


class Tone(NamedTuple):
    """A fill, a border and the text colour to use on that fill."""

    fill: str
    stroke: str
    text: str


# Tone and Theme are NamedTuples, not frozen dataclasses: cheaper to create at import,
# which pays for reading the colours from a file (docs/performance.md).
class Theme(NamedTuple):
    name: str
    font: str
    background: str
    text: str
    muted: str
    title: str
    band: tuple[str, str]  # alternating lane backgrounds
    label: Tone  # the lane-name column
    card: Tone  # touchpoint and metric cards
    thought: Tone
    stages: tuple[Tone, ...]  # stage headers, cycled
    severity: tuple[Tone, ...]  # pain cards, severity 1..5
    status: dict[Status, Tone]  # opportunity status chips
    opportunity: Tone
    positive: str
    neutral: str
    negative: str
    positive_area: str
    negative_area: str
    grid: str
    baseline: str
    personas: tuple[str, ...]  # one emotion line per persona, cycled
    persona_dashes: tuple[str, ...]  # "" for solid; print tells lines apart without colour
    line_width: float
    good: str  # a metric at or better than its target
    bad: str


# How themes.json spells the fields that are not a string or number: a tone is a list
# [fill, stroke, text], lists of tones and colours are lists, status chips a mapping.
_TONES = ("label", "card", "thought", "opportunity")
_TONE_LISTS = ("stages", "severity")
_LISTS = ("band", "personas", "persona_dashes")


def _theme(name: str, table: dict[str, Any]) -> Theme:
    """The theme ``name`` from its table in themes.json."""
    fields: dict[str, Any] = dict(table, name=name)
    fields.update((key, Tone(*table[key])) for key in _TONES)
    fields.update((key, tuple(Tone(*row) for row in table[key])) for key in _TONE_LISTS)
    fields.update((key, tuple(table[key])) for key in _LISTS)
    fields["status"] = {Status(key): Tone(*row) for key, row in table["status"].items()}
    return Theme(**fields)


# Read with what every render has imported already, pathlib and pydantic's JSON parser:
# importlib.resources or the json module would add their imports to the start-up. The
# file is package data (pyproject.toml).
THEMES: dict[str, Theme] = {
    name: _theme(name, table) for name, table in
    from_json(Path(__file__).with_name("themes.json").read_bytes()).items()}
LIGHT = THEMES["light"]
PRINT = THEMES["print"]


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise UsageError(
            f"unknown theme {name!r}; choose from {', '.join(sorted(THEMES))}") from None
