"""The checked-in JSON Schema is the one the models generate, and agrees with them.

Editors validate and autocomplete with ``schemas/cjmap.schema.json``; cjmap validates
with the pydantic models. A map one accepts the other must accept too.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from cjmap.commands import Streams
from cjmap.commands.schema import schema_text
from cjmap.load import load_bytes
from cjmap.model import json_schema
from cjmap.yamlio import read_document
from helpers import EXAMPLE_MAPS, ROOT, as_json

SCHEMA_FILE = ROOT / "schemas" / "cjmap.schema.json"
RULE_CASES = sorted((ROOT / "tests" / "rules").glob("CJ*.yaml"))
REGENERATE = "regenerate it with: cjmap schema -o schemas/cjmap.schema.json"


def checked_in() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def validator() -> Draft202012Validator:
    # Editors check formats such as "date"; so does this validator.
    return Draft202012Validator(checked_in(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_checked_in_schema_is_the_generated_one() -> None:
    assert checked_in() == json_schema(), f"schemas/cjmap.schema.json is stale; {REGENERATE}"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_checked_in_library_schema_is_the_generated_one() -> None:
    library_schema = ROOT / "schemas" / "cjlib.schema.json"
    assert library_schema.read_text(encoding="utf-8") == schema_text(library=True), (
        "schemas/cjlib.schema.json is stale; regenerate it with: "
        "cjmap schema --library -o schemas/cjlib.schema.json")


def test_the_example_library_validates_against_the_library_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "cjlib.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {"cjmap", "id", "title"}
    assert "uses" not in schema["properties"]  # a library uses no other library
    library = ROOT / "examples" / "library" / "shared.cjlib.yaml"
    document = read_document(library.read_bytes())
    Draft202012Validator(schema).validate(as_json(document.data))


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = checked_in()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {"cjmap", "id", "title", "stages"}


def test_there_are_examples() -> None:
    assert len(EXAMPLE_MAPS) >= 4


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_examples_are_valid_for_both(path: Path) -> None:
    raw = path.read_bytes()
    assert load_bytes(raw, str(path)).ok
    errors = sorted(validator().iter_errors(as_json(read_document(raw).data)), key=str)
    assert errors == [], errors[0].message if errors else ""


def _snippets() -> list[tuple[str, str]]:
    out = []
    for path in RULE_CASES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append((f"{path.stem}: {case['name']}", case["snippet"]))
    return out


# Checks the JSON Schema cannot express: they are cjmap's alone.
PYDANTIC_ONLY = {
    "CJ003: an emotion scale whose min is not below its max",
}


def test_schema_and_models_agree_on_the_rule_cases() -> None:
    """Every snippet of tests/rules that is a mapping: accepted by both or by neither."""
    checked = 0
    disagreements = []
    for name, snippet in _snippets():
        document = read_document(snippet.encode("utf-8"))
        if not isinstance(document.data, dict) or any(
            p.kind == "syntax" for p in document.problems
        ):
            continue
        if document.data.get("cjmap") != 1:
            continue  # CJ004: the version decides which schema applies
        by_models = load_bytes(snippet.encode("utf-8"), "x").ok
        by_schema = validator().is_valid(as_json(document.data))
        checked += 1
        if by_models != by_schema and name not in PYDANTIC_ONLY:
            disagreements.append((name, by_models, by_schema))
    assert disagreements == []
    assert checked > 50


def test_pydantic_only_checks_are_still_pydantic_only() -> None:
    # If the schema learns to express one of them, drop it from PYDANTIC_ONLY.
    for name, snippet in _snippets():
        if name in PYDANTIC_ONLY:
            data = as_json(read_document(snippet.encode("utf-8")).data)
            assert validator().is_valid(data)
            assert not load_bytes(snippet.encode("utf-8"), "x").ok


def test_extension_keys_are_allowed_by_the_schema() -> None:
    data = {"cjmap": 1, "id": "m", "title": "T", "x-anything": {"a": 1},
            "stages": [{"id": "s", "name": "S", "x-note": "n"}]}
    assert validator().is_valid(data)
    data["stages"][0]["nmae"] = "typo"  # type: ignore[index]
    assert not validator().is_valid(data)


BASE: dict[str, Any] = {
    "cjmap": 1, "id": "m", "title": "T",
    "scales": {"emotion": {"min": -2, "max": 2}},
    "personas": [{"id": "a", "name": "A"}], "channels": [{"id": "w", "name": "W"}],
    "evidence": [{"id": "e", "title": "E"}], "metrics": [{"id": "k", "name": "K"}],
    "stages": [{"id": "s", "name": "S", "touchpoints": [
        {"id": "t", "name": "N", "pain_points": [{"id": "p", "title": "P", "severity": 3}]}]}],
    "opportunities": [{"id": "o", "title": "O", "addresses": ["p"], "impact": 1, "effort": 1}],
}
VALUES: list[Any] = [None, True, False, 0, 1, -3, 7, 0.5, 1.5, "", "x", "Bad Id", "ok-id",
                     "https://a.example", "ftp://x", [], ["a"], ["Bad Id"], [1], {}, {"a": 1},
                     {"Bad Id": 1}, "2026-01-01", "2026-13-01", 20261001]
FIELDS = ["description", "share", "goals", "needs", "kind", "url", "date", "sample_size",
          "value", "target", "unit", "better", "goal", "channel", "personas", "actions",
          "thoughts", "emotion", "backstage", "owner", "metrics", "evidence", "frequency",
          "confidence", "status", "summary", "state", "tags", "reviewed", "severity",
          "impact", "effort", "addresses", "x-ext", "min", "max", "cjmap", "id", "name"]


def _mappings(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            found += _mappings(child)
    elif isinstance(value, list):
        for child in value:
            found += _mappings(child)
    return found


def _pydantic_only(data: dict[str, Any]) -> bool:
    """What JSON Schema cannot say: scale order (min < max)."""
    scales = data.get("scales")
    scale = scales.get("emotion") if isinstance(scales, dict) else None
    if not isinstance(scale, dict):
        return False
    low, high = scale.get("min", -2), scale.get("max", 2)
    return (isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool)
            and not isinstance(high, bool) and low >= high)


def test_schema_and_models_agree_on_mutated_maps() -> None:
    """One field of a valid map set to an odd value: both accept it or both reject it."""
    rng = random.Random(2026)
    check = validator()
    disagreements = set()
    for _ in range(1500):
        data = copy.deepcopy(BASE)
        target = rng.choice(_mappings(data))
        target[rng.choice(FIELDS)] = copy.deepcopy(rng.choice(VALUES))
        if _pydantic_only(data):
            continue
        raw = json.dumps(data).encode("utf-8")  # JSON is YAML
        by_models = load_bytes(raw, "x").ok
        by_schema = check.is_valid(data)
        if by_models != by_schema:
            disagreements.add((json.dumps(target, sort_keys=True), by_models, by_schema))
    assert sorted(disagreements) == []


def test_only_finite_numbers() -> None:
    # YAML has .inf and .nan; JSON (and so the schema) cannot express them.
    text = "cjmap: 1\nid: m\ntitle: T\nmetrics: [{id: k, name: K, value: .inf}]\n" \
           "stages: [{id: s, name: S}]\n"
    assert not load_bytes(text.encode(), "x").ok


def test_init_starter_map_is_valid_for_both(tmp_path: Path) -> None:
    from cjmap.commands.init import init

    target = tmp_path / "starter.cjmap.yaml"
    init(target, today=dt.date(2026, 11, 1), streams=Streams(io.StringIO(), io.StringIO()))
    raw = target.read_bytes()
    assert load_bytes(raw, str(target)).ok
    assert validator().is_valid(as_json(read_document(raw).data))
