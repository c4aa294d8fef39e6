"""The pure layout: positions computed by hand from the geometry in layout.py's docstring.

Geometry (points): MARGIN 24, lane-name column 150, then per column a 10 gap and 180
width. So column 0 starts at 24 + 150 + 10 = 184, column 1 at 184 + 190 = 374, column 2
at 564; their centres are 274, 464 and 654.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from bench.generate import generate_map

from cjmap.errors import UsageError
from cjmap.load import load_bytes
from cjmap.model import JourneyMap, Status
from cjmap.render.layout import (
    Box,
    Picture,
    RenderOptions,
    layout,
    monotone_bezier,
    parse_lanes,
    split_bezier,
)
from cjmap.render.text import clean, text_width, wrap
from cjmap.render.themes import LIGHT, PRINT, get_theme
from helpers import journey_at

DATA = Path(__file__).resolve().parent / "data" / "render"


def load(name: str) -> JourneyMap:
    return journey_at(DATA / name)


def box(picture: Picture, box_id: str) -> Box:
    found = [b for b in picture.boxes if b.id == box_id]
    assert len(found) == 1, box_id
    return found[0]


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


# -- text ----------------------------------------------------------------------------------

def test_text_width_uses_the_advance_widths() -> None:
    # DejaVu Sans: "a" 0.613 em, "b" 0.635 em, plus 5% for hinting; bold is 16% wider.
    assert text_width("ab", 10) == pytest.approx(12.48 * 1.05)
    assert text_width("ab", 10, bold=True) == pytest.approx(12.48 * 1.05 * 1.16)


def test_wrap_keeps_every_line_within_the_width_and_every_word() -> None:
    text = "Parents buying school uniforms on the web shop at night"
    lines = wrap(text, 100, 10)
    assert len(lines) > 1
    assert all(text_width(line, 10) <= 100 for line in lines)
    assert " ".join(lines) == text


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    lines = wrap("x" * 50, 60, 10)  # "x" is 0.592 em (+5%): 6.216 pt, so 9 fit in 60
    assert lines == ["x" * 9] * 5 + ["x" * 5]


def test_wrap_caps_lines_with_an_ellipsis() -> None:
    lines = wrap("one two three four five six seven eight nine ten", 40, 10, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("\u2026")


def test_clean_drops_control_characters_and_folds_whitespace() -> None:
    assert clean("a\tb\n\nc\x07d\x00 ") == "a b cd"


# -- options -------------------------------------------------------------------------------

def test_parse_lanes_orders_aliases_and_rejects_unknown_or_repeated() -> None:
    assert parse_lanes(None) == ("touchpoints", "actions", "thoughts", "emotion", "pains",
                                 "opportunities")
    assert parse_lanes("feelings, pain-points,backstage") == ("emotion", "pains", "backstage")
    with pytest.raises(UsageError, match="unknown lane 'colour'"):
        parse_lanes("emotion,colour")
    with pytest.raises(UsageError, match="twice"):
        parse_lanes("emotion,emotions")
    with pytest.raises(UsageError, match="no lane given"):
        parse_lanes(" , ")


def test_themes() -> None:
    assert get_theme("light") is LIGHT and get_theme("print") is PRINT
    with pytest.raises(UsageError, match="choose from light, print"):
        get_theme("neon")


# -- geometry ------------------------------------------------------------------------------

def test_columns_stages_and_width_by_hand() -> None:
    picture = layout(load("small.cjmap.yaml"))
    assert [(b.x, b.w) for b in (box(picture, "tp:search"), box(picture, "tp:product"),
                                  box(picture, "tp:checkout"))] == [(184, 180), (374, 180),
                                                                      (564, 180)]
    # A stage spans its columns and the gaps between them.
    assert (box(picture, "stage:find").x, box(picture, "stage:find").w) == (184, 370)
    assert (box(picture, "stage:buy").x, box(picture, "stage:buy").w) == (564, 180)
    # Right edge: last column ends at 744, bands reach 6 further, then the margin.
    assert picture.width == 744 + 6 + 24
    canvas = box(picture, "canvas")
    assert (canvas.x, canvas.y, canvas.w, canvas.h) == (0, 0, picture.width, picture.height)


def test_touchpoint_cards_in_a_lane_share_one_height() -> None:
    picture = layout(load("small.cjmap.yaml"))
    heights = {box(picture, f"tp:{t}").h for t in ("search", "product", "checkout")}
    assert len(heights) == 1


def test_emotion_points_are_placed_by_value_on_the_scale() -> None:
    picture = layout(load("small.cjmap.yaml"))
    lane = box(picture, "lane:emotion")
    # Scale -2..2: height max(150, 4 * 30 + 2 * 18) = 156; value v sits at
    # top + 18 + (2 - v) * (156 - 36) / 4, i.e. +2 at 18, 0 at 78, -2 at 138.
    assert lane.h == 156
    dots = {d.id: d for d in picture.dots}
    assert (dots["emotion:all:search"].x, dots["emotion:all:search"].y - lane.y) == (274, 18)
    assert (dots["emotion:all:product"].x, dots["emotion:all:product"].y - lane.y) == (464, 138)
    assert (dots["emotion:all:checkout"].x, dots["emotion:all:checkout"].y - lane.y) == (654, 78)
    # Colour by valence: positive, negative, neutral.
    assert [dots[f"emotion:all:{t}"].fill for t in ("search", "product", "checkout")] == [
        LIGHT.positive, LIGHT.negative, LIGHT.neutral]
    neutral = [c for c in picture.curves if c.role == "neutral"]
    assert len(neutral) == 1 and neutral[0].points[0][1] == lane.y + 78


def test_the_curve_changes_colour_where_it_crosses_the_neutral_line() -> None:
    picture = layout(load("small.cjmap.yaml"))
    lane = box(picture, "lane:emotion")
    lines = [c for c in picture.curves if c.role == "emotion-line"]
    # +2 -> -2 crosses the line: green then red; -2 -> 0 stays below: red (merged).
    assert [c.color for c in lines] == [LIGHT.positive, LIGHT.negative]
    green, red = lines
    assert green.points[0] == (274, lane.y + 18)
    assert green.points[-1] == red.points[0]
    assert green.points[-1][1] == pytest.approx(lane.y + 78, abs=0.01)
    assert red.points[-1] == (654, lane.y + 78)
    assert len(green.points) == 4 and len(red.points) == 7


def test_monotone_bezier_of_a_straight_line_puts_controls_at_thirds() -> None:
    assert monotone_bezier([(0, 0), (3, 3), (6, 6)]) == (
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6))


def test_monotone_bezier_never_overshoots() -> None:
    points = [(0.0, 0.0), (10.0, 100.0), (20.0, 100.0), (30.0, 0.0), (40.0, 90.0)]
    controls = monotone_bezier(points)
    assert all(0 <= y <= 100 for _, y in controls)


def test_split_bezier_halves_a_line() -> None:
    first, second = split_bezier([(0, 0), (1, 1), (2, 2), (3, 3)], 0.5)
    assert first[-1] == second[0] == (1.5, 1.5)
    assert first[0] == (0, 0) and second[-1] == (3, 3)


def test_pains_sit_under_their_touchpoint_and_opportunities_under_their_pain() -> None:
    picture = layout(load("small.cjmap.yaml"))
    pain = box(picture, "pain:no-sizes")
    assert pain.x == 374 and pain.w == 180 and pain.href == "https://example.com/survey?a=1&b=2"
    assert pain.y > box(picture, "lane:pains").y
    assert box(picture, "pain:slow-pay").x == 564
    # Placed in the column of the first pain addressed; below the pains lane.
    assert box(picture, "opp:size-chart").x == 374
    assert box(picture, "opp:faster-pay").x == 564
    assert box(picture, "opp:size-chart").y > box(picture, "lane:opportunities").y
    # Pains are numbered in map order and the badges say so.
    badges = {t.id: t.lines[0].text for t in picture.texts if t.role == "badge-text"}
    assert badges["pain:no-sizes:badge:text"] == "P1"
    assert badges["pain:slow-pay:badge:text"] == "P2"
    assert badges["opp:faster-pay:relieves:slow-pay:text"] == "P2"
    assert badges["opp:faster-pay:relieves:no-sizes:text"] == "P1"
    # A connector runs from each pain to each opportunity relieving it, in the gutters.
    links = {c.id: c for c in picture.curves if c.role == "link"}
    assert set(links) == {"link:no-sizes:size-chart", "link:slow-pay:faster-pay",
                          "link:no-sizes:faster-pay"}
    assert {x for x, _ in links["link:no-sizes:size-chart"].points} == {374, 369}


def test_severity_and_status_are_visible() -> None:
    picture = layout(load("small.cjmap.yaml"))
    assert box(picture, "pain:no-sizes").fill == LIGHT.severity[3].fill
    assert box(picture, "pain:slow-pay").fill == LIGHT.severity[1].fill
    pips = [b for b in picture.boxes if b.id.startswith("pain:no-sizes:pip:")]
    assert [b.fill == LIGHT.severity[3].stroke for b in pips] == [True] * 4 + [False]
    assert box(picture, "opp:faster-pay:status").fill == LIGHT.status[Status.DONE].fill


def test_per_persona_lines_with_legend_and_persona_filter() -> None:
    journey = load("personas.cjmap.yaml")
    picture = layout(journey)
    lines = [c for c in picture.curves if c.role == "emotion-line"]
    # parent: newsletter -1, store 1 (no value on the student-only ad);
    # student: ad 1, newsletter 2. One line each, persona colours.
    assert sorted(c.id for c in lines) == ["emotion:parent:0", "emotion:student:0"]
    assert {c.color for c in lines} == {LIGHT.personas[0], LIGHT.personas[1]}
    legend = [t for t in picture.texts if t.role == "legend" and t.id.startswith("emotion:")]
    assert [t.lines[0].text for t in legend] == ["Busy parent", "Student"]
    # Stage-level pain spans the stage; the empty stage gets a placeholder column.
    pain = box(picture, "pain:too-many-ads")
    assert (pain.x, pain.w) == (184, 3 * 180 + 2 * 10)
    assert any(t.id == "tp:later-empty:text" for t in picture.texts)

    only_parent = layout(journey, RenderOptions(persona="parent"))
    ids = {b.id for b in only_parent.boxes}
    assert "tp:ad" not in ids and "tp:email" in ids and "pain:too-many-ads" not in ids
    assert "opp:fewer-ads" not in ids
    assert [c.id for c in only_parent.curves if c.role == "emotion-line"] != []
    assert "Busy parent: Shops at night." in " ".join(
        line.text for t in only_parent.texts for line in t.lines)
    with pytest.raises(UsageError, match=r"unknown persona 'nobody'.*parent, student"):
        layout(journey, RenderOptions(persona="nobody"))


def test_lanes_option_chooses_and_orders_lanes() -> None:
    picture = layout(load("small.cjmap.yaml"), RenderOptions(lanes=("metrics", "emotion")))
    lanes = [b for b in picture.boxes if b.role == "lane"]
    assert [b.id for b in lanes] == ["lane:metrics", "lane:emotion"]
    assert lanes[0].y < lanes[1].y
    assert not any(b.role.startswith("pain") for b in picture.boxes)


def test_same_map_same_picture() -> None:
    journey = load("personas.cjmap.yaml")
    assert layout(journey) == layout(journey)


def test_links_are_only_http() -> None:
    journey = load("small.cjmap.yaml")
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                "file:///etc/passwd", " javascript:x", "http://", "https://a b"):
        evidence = journey.evidence[0].model_copy(update={"url": url})
        hostile = journey.model_copy(update={"evidence": [evidence]})
        picture = layout(hostile)
        assert all(b.href is None for b in picture.boxes), url


def _cards(picture: Picture) -> list[Box]:
    roles = ("touchpoint", "thought", "pain", "opportunity", "stage")
    return [b for b in picture.boxes if b.role.split(" ")[0] in roles]


@pytest.mark.parametrize("name", ["small.cjmap.yaml", "personas.cjmap.yaml"])
def test_no_cards_overlap(name: str) -> None:
    cards = _cards(layout(load(name)))
    for a, b in itertools.combinations(cards, 2):
        assert not overlaps(a, b), (a.id, b.id)


def test_a_300_touchpoint_map_stays_legible() -> None:
    loaded = load_bytes(generate_map(300).encode(), "generated.cjmap.yaml")
    assert loaded.journey is not None
    picture = layout(loaded.journey)
    touchpoints = [b for b in picture.boxes if b.role == "touchpoint"]
    assert len(touchpoints) == 300
    # Columns keep their width and step; nothing collapses or overlaps.
    assert {b.w for b in touchpoints} == {180}
    xs = sorted(b.x for b in touchpoints)
    assert all(b - a == 190 for a, b in itertools.pairwise(xs))
    cards = sorted(_cards(picture), key=lambda b: (b.x, b.y))
    for a, b in itertools.combinations(cards, 2):
        if abs(a.x - b.x) < 200:  # only neighbours can touch; keeps the test fast
            assert not overlaps(a, b), (a.id, b.id)
    # Text stays at reading size and inside the picture.
    assert min(line.size for t in picture.texts for line in t.lines) >= 8
    assert all(t.x >= 0 and t.x + t.w <= picture.width and t.y + t.h <= picture.height
               for t in picture.texts)


SKIP_MAP = """
cjmap: 1
id: skip
title: Skip
personas: [{id: a, name: A}, {id: b, name: B}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t1, name: T1, emotion: {a: 1, b: 1}}
      - {id: t2, name: T2, personas: [b], emotion: {b: 2}}
      - {id: t3, name: T3, emotion: {a: -1, b: 0}}
      - {id: t4, name: T4}
      - {id: t5, name: T5, emotion: {a: 2, b: 2}}
"""


def test_a_persona_line_runs_past_touchpoints_it_skips_but_breaks_at_missing_data() -> None:
    loaded = load_bytes(SKIP_MAP.encode(), "skip.cjmap.yaml")
    assert loaded.journey is not None
    picture = layout(loaded.journey)
    lines = {c.id: c for c in picture.curves if c.role == "emotion-line"}
    # A skips T2 (B only): one piece from T1 (centre 274) to T3 (centre 654).
    # Both break at T4, which everyone passes without a recorded emotion; T5 stands alone.
    assert sorted(lines) == ["emotion:a:0", "emotion:b:0"]
    a = lines["emotion:a:0"]
    assert len(a.points) == 4 and (a.points[0][0], a.points[-1][0]) == (274, 654)
    assert len(lines["emotion:b:0"].points) == 7
    dots = {d.id for d in picture.dots}
    assert {"emotion:a:t5", "emotion:b:t5"} <= dots and "emotion:a:t2" not in dots
