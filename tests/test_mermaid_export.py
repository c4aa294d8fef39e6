"""Exported Mermaid journeys, read back by Mermaid's own grammar (journey.jison in node).

Each exported diagram is parsed by the real jison parser; the sections, tasks, scores and
actors its actions receive must be the map's stages, touchpoints, emotions and personas.
Expected scores are worked out by hand from docs/interop.md (linear onto 1..5, half up).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from cjmap.interop import mermaid
from cjmap.load import load_bytes
from cjmap.model import JourneyMap
from cjmap.yamlio import dump
from helpers import EXAMPLE_MAPS, journey_at
from mermaid_harness import run_jison

HOSTILE_NAMES = [
    "Pay: card or cash", "Ticket #42", "a; b", "100%% sure", "%%{init: {'theme':'dark'}}%%",
    "%% not a comment", 'Say "hi" and \'bye\'', "Check-in 🛎️ ✅", "שלום עולם (RTL)",
    "مرحبا بالعالم", "Journey planning", "title page", "section 2 of 3", "accTitle: x",
    "accDescr {x}", "<b>bold</b> & <br> break", "#58; literal", "  padded  ", "tab\tin",
    "ends with colon:", "back`tick```", "style x:#fff;", "a, b, c", "}", "x:5:y",
]


def _hostile_map() -> JourneyMap:
    personas = [{"id": f"p{i}", "name": name} for i, name in
                enumerate(["Ana: admin", "Ben #2", "Cy; Dee", "Eve, Fay", "🙂 Ümit", "דנה"])]
    stages: list[dict[str, Any]] = []
    for index, name in enumerate(HOSTILE_NAMES):
        if index % 5 == 0:
            stages.append({"id": f"s{index}", "name": HOSTILE_NAMES[-1 - index],
                           "touchpoints": []})
        stages[-1]["touchpoints"].append({
            "id": f"t{index}", "name": name, "emotion": index % 5 + 1,
            "personas": [personas[index % len(personas)]["id"]]})
    data = {"cjmap": 1, "id": "hostile", "title": "Hostile: #1; 100%% «ok»",
            "summary": "Line one: a; b #3\nline two", "scales": {"emotion": {"min": 1, "max": 5}},
            "personas": personas, "stages": stages}
    loaded = load_bytes(dump(data).encode(), "hostile.cjmap.yaml")
    assert loaded.journey is not None, loaded.findings
    return loaded.journey


def _expected_score(value: Fraction, low: int, high: int) -> str:
    position = 1 + (value - low) * 4 / (high - low)
    return str(int(position + Fraction(1, 2)))  # half up (positions are positive)


def _expected(journey: JourneyMap) -> dict[str, Any]:
    scale = journey.scales.emotion
    names = {p.id: p.name for p in journey.personas}
    tasks = []
    for stage in journey.stages:
        for tp in stage.touchpoints:
            emotion = tp.emotion
            if isinstance(emotion, dict):
                value = Fraction(sum(emotion.values()), len(emotion))
            else:
                value = Fraction(3 if emotion is None else emotion)
            score = "3" if emotion is None else _expected_score(value, scale.min, scale.max)
            people = [names[p] for p in tp.personas] if tp.personas else list(names.values())
            tasks.append({"section": stage.name, "task": tp.name, "score": score,
                          "people": [p.strip() for p in sorted(people, key=list(names.values())
                                                               .index)]})
    return {"title": journey.title, "sections": [s.name for s in journey.stages],
            "tasks": tasks}


def _text(journey: JourneyMap, persona: str | None = None) -> str:
    return mermaid.write(journey, persona=persona).files[""].decode("utf-8")


def test_every_example_exports_to_what_mermaid_reads_back() -> None:
    journeys = [journey_at(path) for path in EXAMPLE_MAPS]
    results = run_jison([_text(j) for j in journeys])
    for journey, got in zip(journeys, results, strict=True):
        assert "error" not in got, got
        want = _expected(journey)
        assert got["title"] == want["title"]
        assert got["sections"] == want["sections"]
        assert got["tasks"] == want["tasks"]
        assert got["accDescr"] == (journey.summary or "").strip() or got["accDescr"] is None


def test_hostile_names_survive_mermaids_grammar() -> None:
    journey = _hostile_map()
    got = run_jison([_text(journey)])[0]
    assert "error" not in got, got
    want = _expected(journey)
    assert got["title"] == "Hostile: #1; 100%% «ok»"
    assert got["accDescr"] == "Line one: a; b #3\nline two"
    assert got["sections"] == want["sections"]
    assert got["tasks"] == want["tasks"]
    assert [t["task"] for t in got["tasks"]] == HOSTILE_NAMES


def test_one_personas_journey_is_exported_exactly() -> None:
    hotel = journey_at(next(p for p in EXAMPLE_MAPS if p.name == "hotel-stay.cjmap.yaml"))
    ids = [p.id for p in hotel.personas]
    results = run_jison([_text(hotel, persona) for persona in ids])
    for persona_id, got in zip(ids, results, strict=True):
        persona = next(p for p in hotel.personas if p.id == persona_id)
        want = []
        for stage in hotel.stages:
            for tp in stage.touchpoints:
                if tp.personas and persona_id not in tp.personas:
                    continue
                emotion = tp.emotion[persona_id] if isinstance(tp.emotion, dict) else tp.emotion
                assert emotion is not None
                want.append((stage.name, tp.name, str(emotion + 3), [persona.name]))
        assert [(t["section"], t["task"], t["score"], t["people"]) for t in got["tasks"]] == want


def test_scores_map_linearly_and_round_half_up() -> None:
    # By hand: on -3..3, v -> 1 + (v + 3) * 4 / 6; on 0..8, v -> 1 + v / 2.
    assert [mermaid.to_score(Fraction(v), -3, 3) for v in range(-3, 4)] == [1, 2, 2, 3, 4, 4, 5]
    assert [mermaid.to_score(Fraction(v), 0, 8) for v in range(9)] == [1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert mermaid.to_score(Fraction(-2, 3), -2, 2) == 2  # 2.33


def test_averaged_and_missing_emotions_are_reported() -> None:
    hotel = journey_at(next(p for p in EXAMPLE_MAPS if p.name == "hotel-stay.cjmap.yaml"))
    notices = [str(n) for n in mermaid.write(hotel).notices]
    assert any("averaged on 5 touchpoints" in n and "--persona" in n for n in notices)
    assert any("not exported:" in n and "pain point" in n for n in notices)


def test_unknown_persona_is_a_usage_error() -> None:
    from cjmap.errors import UsageError

    hotel = journey_at(next(p for p in EXAMPLE_MAPS if p.name == "hotel-stay.cjmap.yaml"))
    with pytest.raises(UsageError, match="did you mean 'family'"):
        mermaid.write(hotel, persona="famly")


def test_round_trip_on_a_one_to_five_map() -> None:
    journey = _hostile_map()
    back = mermaid.from_text(_text(journey)).data
    assert back["title"] == journey.title
    assert back["summary"] == journey.summary
    assert back["scales"] == {"emotion": {"min": 1, "max": 5}}
    assert [p["name"] for p in back["personas"]] == [p.name.strip() for p in journey.personas]
    by_id = {p["id"]: p["name"] for p in back["personas"]}
    names = {p.id: p.name for p in journey.personas}
    assert [s["name"] for s in back["stages"]] == [s.name for s in journey.stages]
    got = [(tp["name"], tp["emotion"], [by_id[i] for i in tp["personas"]])
           for s in back["stages"] for tp in s["touchpoints"]]
    want = [(tp.name, tp.emotion, [names[i] for i in tp.personas])
            for s in journey.stages for tp in s.touchpoints]
    assert got == want


def test_journey_block_is_a_fenced_block_longer_than_any_backticks_inside() -> None:
    block = mermaid.journey_block(_hostile_map())
    assert block.startswith("````mermaid\njourney\n") and block.endswith("\n````\n")
