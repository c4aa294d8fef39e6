"""Lanes as modules: the registry drives the choices, the core names no CLI flag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjmap.errors import UsageError
from cjmap.render import lanes as registry
from cjmap.render.context import build_context
from cjmap.render.lanes import parse_lanes
from cjmap.render.options import RenderOptions
from helpers import ROOT, journey_at

RENDER_SRC = ROOT / "src" / "cjmap" / "render"
DATA = Path(__file__).resolve().parent / "data" / "render"


def test_every_lane_module_is_registered_once_in_the_default_order() -> None:
    modules = sorted(p.stem for p in (RENDER_SRC / "lanes").glob("*.py")
                     if p.stem not in ("__init__", "base"))
    assert sorted(lane.name for lane in registry.REGISTRY) == modules
    # docs/render.md: the default picture has the first six lanes, in this order.
    assert registry.DEFAULT_LANES == ("touchpoints", "actions", "thoughts", "emotion",
                                      "pains", "opportunities")
    assert registry.LANES[6:] == ("backstage", "metrics")


def test_the_cli_help_lists_the_registry_lanes() -> None:
    from typer.testing import CliRunner

    from cjmap.cli import app

    result = CliRunner().invoke(app, ["render", "--help"], env={"COLUMNS": "400"})
    help_text = " ".join(result.output.split())
    assert registry.lanes_help() in help_text


def test_measure_is_pure_and_agrees_with_the_drawn_band() -> None:
    journey = journey_at(DATA / "personas.cjmap.yaml")
    context = build_context(journey, RenderOptions())
    for lane in registry.REGISTRY:
        first, second = lane.measure(context), lane.measure(context)
        assert first == second
        sketch = lane.draw(context, 100.0, first)
        # everything a lane draws lies inside its band
        for box in sketch.boxes:
            assert box.y >= 100.0 and box.y + box.h <= 100.0 + first + 1e-9, (lane.name, box.id)


def test_no_message_raised_in_render_names_a_cli_flag() -> None:
    flag = re.compile(r"""raise [A-Za-z]+\((?:[^()]|\([^()]*\))*?["'][^"']*--[a-z]""", re.S)
    for source in RENDER_SRC.rglob("*.py"):
        assert not flag.search(source.read_text(encoding="utf-8")), source


def test_the_command_names_the_lanes_option() -> None:
    from cjmap.commands.render import _lanes

    with pytest.raises(UsageError, match=r"^--lanes: lane 'emotion' is listed twice$"):
        _lanes("emotion,feelings")
    with pytest.raises(UsageError, match=r"^no lane given"):
        parse_lanes(",")
