"""Render fixes (issue 12 item 4): output suffixes, pain numbers per persona, links
from an opportunity to pains in several columns."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cjmap.commands import Streams
from cjmap.commands.render import render
from cjmap.errors import UsageError
from cjmap.index import build_index
from cjmap.render import FORMATS
from cjmap.render.geometry import GAP, LANE_GAP, column_x
from cjmap.render.layout import layout
from cjmap.render.options import RenderOptions
from cjmap.render.scene import Box, Curve, Picture
from helpers import EXAMPLE_MAPS, journey_at

DATA = Path(__file__).resolve().parent / "data" / "render"
SMALL = DATA / "small.cjmap.yaml"


@pytest.mark.parametrize("name", ["map.jpg", "map.xml", "map.SVGZ", "map.txt"])
def test_an_unknown_output_suffix_is_a_usage_error_before_anything_is_written(
        tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    with pytest.raises(UsageError) as caught:
        render([str(SMALL)], output=target, streams=Streams(io.StringIO(), io.StringIO()))
    message = str(caught.value)
    assert Path(name).suffix in message
    for fmt in FORMATS:  # the message names every format cjmap writes
        assert fmt in message
    assert list(tmp_path.iterdir()) == []


def test_the_cli_exits_2_naming_the_formats(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cjmap.cli import app

    result = CliRunner().invoke(app, ["render", str(SMALL), "-o", str(tmp_path / "m.jpg")])
    assert result.exit_code == 2
    assert ".svg (svg)" in result.output and ".dot (dot)" in result.output
    assert not (tmp_path / "m.jpg").exists()


def test_known_suffixes_in_any_case_and_explicit_formats_still_work(tmp_path: Path) -> None:
    out = io.StringIO()
    assert render([str(SMALL)], output=tmp_path / "m.GV", streams=Streams(out, out)) == 0
    assert (tmp_path / "m.GV").read_text().startswith("graph journey {")
    # --format overrides the suffix: a user may name the file as they like
    assert render([str(SMALL)], output=tmp_path / "m.txt", output_format="dot",
                  streams=Streams(out, out)) == 0
    assert (tmp_path / "m.txt").read_text().startswith("graph journey {")


def _badges(picture: Picture) -> dict[str, str]:
    """pain id -> the badge text on its card."""
    found = re.compile(r"pain:(.+):badge:text\Z")
    return {m.group(1): t.lines[0].text for t in picture.texts
            if (m := found.match(t.id))}


@pytest.mark.parametrize("example", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_pain_numbers_are_the_same_in_every_persona_view(example: Path) -> None:
    journey = journey_at(example)
    # The numbering of docs/render.md: every pain of the map, in map order.
    expected = {ref.pain.id: f"P{n}" for n, ref in enumerate(build_index(journey).pains, 1)}
    assert _badges(layout(journey)) == expected
    shown_somewhere: set[str] = set()
    for persona in journey.personas:
        badges = _badges(layout(journey, RenderOptions(persona=persona.id)))
        assert badges == {k: expected[k] for k in badges}, persona.id
        shown_somewhere |= set(badges)
    if len(journey.personas) > 1:
        # at least one persona view leaves a pain out, so numbering by view would differ
        assert any(len(_badges(layout(journey, RenderOptions(persona=p.id)))) < len(expected)
                   for p in journey.personas)


def _segments(curve: Curve) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    pts = curve.points
    return [(pts[i], pts[i + 3]) for i in range(0, len(pts) - 3, 3)]


def _crosses(segment: tuple[tuple[float, float], tuple[float, float]], box: Box) -> bool:
    """Whether an axis-parallel segment passes through the inside of a box."""
    (x1, y1), (x2, y2) = segment
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < box.x + box.w - 0.01 and hi_x > box.x + 0.01 and \
        lo_y < box.y + box.h - 0.01 and hi_y > box.y + 0.01


def test_an_opportunity_is_linked_to_each_pain_it_relieves_in_other_columns() -> None:
    picture = layout(journey_at(SMALL))
    links = {c.id: c for c in picture.curves if c.role == "link"}
    cross = links["link:no-sizes:faster-pay"]
    pain = next(b for b in picture.boxes if b.id == "pain:no-sizes")
    opp = next(b for b in picture.boxes if b.id == "opp:faster-pay")
    lane = next(b for b in picture.boxes if b.id == "lane:opportunities")
    # starts at the pain card's left edge (column 1: x 374) and ends at the
    # opportunity card's left edge (column 2: x 564), 14 pt below their tops
    assert cross.points[0] == (column_x(1), pain.y + 14.0)
    assert cross.points[-1] == (column_x(2), opp.y + 14.0)
    xs = {x for x, _ in cross.points}
    assert xs == {column_x(1), column_x(1) - GAP / 2, column_x(2) - GAP / 2, column_x(2)}
    # crosses over in the gap between the pains and opportunities lanes
    route = {y for x, y in cross.points if x not in (column_x(1), column_x(2))} - {
        pain.y + 14.0, opp.y + 14.0}
    assert len(route) == 1
    assert lane.y - LANE_GAP < route.pop() < lane.y
    cards = [b for b in picture.boxes if b.role.split()[0] in
             ("touchpoint", "thought", "pain", "opportunity", "stage")]
    for curve in links.values():
        for segment in _segments(curve):
            assert not any(_crosses(segment, card) for card in cards), (curve.id, segment)


def test_links_with_the_opportunities_lane_above_the_pains() -> None:
    picture = layout(journey_at(SMALL), RenderOptions(lanes=("opportunities", "pains")))
    cross = next(c for c in picture.curves if c.id == "link:no-sizes:faster-pay")
    pains_lane = next(b for b in picture.boxes if b.id == "lane:pains")
    route = [y for x, y in cross.points if x == column_x(2) - GAP / 2]
    assert pains_lane.y - LANE_GAP < max(route) < pains_lane.y
