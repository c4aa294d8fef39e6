"""Colour themes of the picture.

A theme is only colours and font family; sizes and positions live in the layout.
``light`` is for screens and slides; ``print`` is for paper and grey-scale printers:
white ground, no large dark fills, and severity and valence told by shade and line
weight as well as by hue.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjmap.errors import UsageError
from cjmap.model import Status


@dataclass(frozen=True, slots=True)
class Tone:
    """A fill, a border and the text colour to use on that fill."""

    fill: str
    stroke: str
    text: str


@dataclass(frozen=True, slots=True)
class Theme:
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


LIGHT = Theme(
    name="light",
    font="sans-serif",
    background="#ffffff",
    text="#1f2933",
    muted="#616e7c",
    title="#102a43",
    band=("#f7f9fb", "#eef2f6"),
    label=Tone("#e4e9ef", "#e4e9ef", "#334e68"),
    card=Tone("#ffffff", "#d3dae3", "#1f2933"),
    thought=Tone("#fffbea", "#f7e3a1", "#5c4813"),
    stages=(
        Tone("#2f6fb0", "#2f6fb0", "#ffffff"),
        Tone("#2a8c82", "#2a8c82", "#ffffff"),
        Tone("#7b5ea7", "#7b5ea7", "#ffffff"),
        Tone("#c0692a", "#c0692a", "#ffffff"),
        Tone("#3d7a3a", "#3d7a3a", "#ffffff"),
        Tone("#a23d6b", "#a23d6b", "#ffffff"),
    ),
    severity=(
        Tone("#fff8e1", "#e6c35c", "#4d3b00"),
        Tone("#ffefd5", "#eba556", "#5a3300"),
        Tone("#ffe3d3", "#e5814c", "#5e2100"),
        Tone("#fdd8d5", "#d9534f", "#5f1310"),
        Tone("#f8c4c4", "#b3261e", "#4a0a06"),
    ),
    status={
        Status.IDEA: Tone("#e9eef4", "#9aa5b1", "#3e4c59"),
        Status.PLANNED: Tone("#dcecfb", "#4a90d9", "#17456f"),
        Status.IN_PROGRESS: Tone("#fff1cc", "#e0a100", "#5c4200"),
        Status.DONE: Tone("#daf2df", "#3f9b52", "#1b4d26"),
        Status.DROPPED: Tone("#f0f0f0", "#b8b8b8", "#7b7b7b"),
    },
    opportunity=Tone("#f3fbf6", "#7cc495", "#1f2933"),
    positive="#2e9e5b",
    neutral="#8a96a3",
    negative="#d64545",
    positive_area="#ecf8f0",
    negative_area="#fcefef",
    grid="#dde3ea",
    baseline="#8a96a3",
    personas=("#2f6fb0", "#d9822b", "#7b5ea7", "#2a8c82", "#a23d6b", "#5b6b7a"),
    persona_dashes=("", "", "", "", "", ""),
    line_width=2.6,
    good="#2e7d4f",
    bad="#b3261e",
)

PRINT = Theme(
    name="print",
    font="sans-serif",
    background="#ffffff",
    text="#000000",
    muted="#444444",
    title="#000000",
    band=("#ffffff", "#f4f4f4"),
    label=Tone("#ffffff", "#ffffff", "#000000"),
    card=Tone("#ffffff", "#888888", "#000000"),
    thought=Tone("#ffffff", "#aaaaaa", "#222222"),
    stages=(
        Tone("#e6e6e6", "#000000", "#000000"),
        Tone("#ffffff", "#000000", "#000000"),
    ),
    severity=(
        Tone("#ffffff", "#bbbbbb", "#000000"),
        Tone("#ffffff", "#888888", "#000000"),
        Tone("#f2f2f2", "#555555", "#000000"),
        Tone("#e3e3e3", "#222222", "#000000"),
        Tone("#cccccc", "#000000", "#000000"),
    ),
    status={
        Status.IDEA: Tone("#ffffff", "#777777", "#000000"),
        Status.PLANNED: Tone("#f0f0f0", "#444444", "#000000"),
        Status.IN_PROGRESS: Tone("#dddddd", "#222222", "#000000"),
        Status.DONE: Tone("#bbbbbb", "#000000", "#000000"),
        Status.DROPPED: Tone("#ffffff", "#bbbbbb", "#666666"),
    },
    opportunity=Tone("#ffffff", "#555555", "#000000"),
    positive="#000000",
    neutral="#666666",
    negative="#000000",
    positive_area="#ffffff",
    negative_area="#f2f2f2",
    grid="#dddddd",
    baseline="#555555",
    personas=("#000000", "#555555", "#000000", "#555555", "#000000", "#555555"),
    persona_dashes=("", "dashed", "dotted", "", "dashed", "dotted"),
    line_width=2.0,
    good="#000000",
    bad="#000000",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, PRINT)}


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise UsageError(
            f"unknown theme {name!r}; choose from {', '.join(sorted(THEMES))}") from None
