"""``cjmap score --by``: roll-ups across maps (docs/scoring.md, "Roll-ups across maps").

Every expected number is worked out by hand from tests/data/rollup/*.cjmap.yaml:

- pain weights (severity × frequency): a/x1 4 × 0.5 = 2 (on t1, web, owner ecom, touchpoint
  persona p1; covered by o1), a/x2 3 × 1 = 3 (on t2, email, no owner, pain persona p2; only
  the dropped o2 addresses it: not covered), a/x3 2 × 0.5 = 1 (on the stage: no channel, no
  owner, every persona of a; not addressed), b/y1 5 × 0.2 = 1 (web, ecom; map b has no
  personas; covered by q1).
- priorities: a/o1 2 × 5/5 × 1 / 1 = 2; b/q1 1 × 5/5 × 0.5 / 5 = 0.1; o2 is dropped.
- emotions (scale -2..2): t1 -2 (persona p1), t2 p1 1 and p2 -1 (mean 0), u1 1.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.reporting.formats import ROLLUP_REPORTERS, SCORE_REPORTERS

DATA = Path(__file__).resolve().parent / "data" / "rollup"
A, B, C = (str(DATA / f"{name}.cjmap.yaml") for name in "abc")


def rolled(by: str, *maps: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["score", *(maps or (A, B)), "--by", by,
                                      "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def summary(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(label, pain weight, pain count, coverage, mean emotion, opportunities) per group."""
    return [(g["label"], g["pain_weight"], g["pain_count"], g["coverage"]["value"],
             g["mean_emotion"], [f"{o['map']}/{o['id']}" for o in g["opportunities"]])
            for g in document["groups"]]


def test_by_persona_follows_pain_then_touchpoint_then_map_personas() -> None:
    # p2: x2 (its own personas) 3 + x3 (all of a's personas) 1 = 4, nothing covered;
    #     emotion t2's p2 value -1.
    # p1: x1 (t1's personas) 2 + x3 1 = 3, covered 2 of 3; emotions t1 -2, t2's p1 1 -> -0.5.
    # (no persona): map b's y1 1, covered; emotion u1 1.
    assert summary(rolled("persona")) == [
        ("p2", 4.0, 2, 0.0, -1.0, []),
        ("p1", 3.0, 2, 2 / 3, -0.5, ["a/o1"]),
        ("(no persona)", 1.0, 1, 1.0, 1.0, ["b/q1"]),
    ]
    groups = rolled("persona")["groups"]
    assert groups[1]["names"] == ["Persona one"]
    assert groups[2]["key"] is None


def test_by_channel_groups_stage_pains_under_no_channel() -> None:
    # email: x2 3, uncovered, emotion mean(1, -1) = 0; web: x1 2 + y1 1 = 3, covered,
    # emotions -2 and 1 -> -0.5; equal weights are ordered by label. (no channel): x3 1.
    assert summary(rolled("channel")) == [
        ("email", 3.0, 1, 0.0, 0.0, []),
        ("web", 3.0, 2, 1.0, -0.5, ["a/o1", "b/q1"]),
        ("(no channel)", 1.0, 1, 0.0, None, []),
    ]
    web = rolled("channel")["groups"][1]
    assert web["names"] == ["Web", "Web site"]
    assert web["maps"] == ["a", "b"]


def test_by_stage_matches_names_across_maps() -> None:
    # "Buy" and "  buy ": one stage. 2 + 3 + 1 + 1 = 7, covered 2 + 1 = 3;
    # emotions -2, 0, 1 -> -1/3.
    assert summary(rolled("stage")) == [("Buy", 7.0, 4, 3 / 7, -1 / 3, ["a/o1", "b/q1"])]


def test_by_owner() -> None:
    # (no owner): x2 3 + x3 1 = 4, uncovered, emotion t2 0; ecom: x1 2 + y1 1 = 3, covered,
    # emotions -2, 1 -> -0.5.
    assert summary(rolled("owner")) == [
        ("(no owner)", 4.0, 2, 0.0, 0.0, []),
        ("ecom", 3.0, 2, 1.0, -0.5, ["a/o1", "b/q1"]),
    ]


def test_different_scales_are_rescaled_to_minus_one_one() -> None:
    # c's 3 on 0..4 is (2·3 − 0 − 4) / 4 = 0.5; a's -2 -> -1, t2's 0 -> 0, b's 1 -> 0.5.
    document = rolled("stage", A, B, C)
    assert document["rescaled"] is True
    assert document["emotion_scale"] == {"min": -1, "max": 1}
    assert summary(document)[0][4] == pytest.approx(0.0)
    assert rolled("stage")["emotion_scale"] == {"min": -2, "max": 2}


def test_top_limits_the_opportunities_of_each_group() -> None:
    web = rolled("channel", extra=("--top", "1"))["groups"][1]
    assert [o["id"] for o in web["opportunities"]] == ["o1"]
    assert web["opportunities_total"] == 2


def test_explain_shows_the_terms() -> None:
    p1 = rolled("persona", extra=("--explain",))["groups"][1]["explain"]
    assert p1["pain_weight"] == "2 [a/x1: 4 × 0.5] + 1 [a/x3: 2 × 0.5] = 3"
    assert p1["coverage"] == "covered 2 ÷ total 3 = 0.667"
    assert p1["mean_emotion"] == "(-2 [a/t1] + 1 [a/t2: p1]) ÷ 2 = -0.5"


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, ["score", A, B, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_score_format_has_a_rollup() -> None:
    assert list(ROLLUP_REPORTERS) == list(SCORE_REPORTERS)


def test_table_and_markdown_rows() -> None:
    table = invoke("--by", "owner").splitlines()
    assert table[0] == "Roll-up by owner across 2 maps (weighted)"
    row = next(line for line in table if line.startswith("ecom"))
    assert row.split()[:6] == ["ecom", "2", "2", "3", "100%", "-0.5"]
    markdown = invoke("--by", "owner", "--format", "markdown")
    assert "| (no owner) | 1 | 2 | 4 | 0% | 0 | – |" in markdown
    assert "| ecom | 2 | 2 | 3 | 100% | -0.5 | a/o1 (2), b/q1 (0.1) |" in markdown


def test_csv_rows() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("--by", "persona", "--format", "csv"))))
    assert [r["label"] for r in rows] == ["p2", "p1", "(no persona)"]
    assert rows[1]["pain_weight"] == "3.0"
    assert float(rows[1]["coverage"]) == pytest.approx(2 / 3)
    assert rows[1]["top_opportunities"] == "a/o1"
    assert rows[2]["key"] == ""


def test_unknown_grouping_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["score", A, "--by", "persnoa"])
    assert result.exit_code == 2
    assert "persona" in result.stderr


def test_the_cli_choices_are_the_groupings() -> None:
    from cjmap.choices import ROLLUPS
    from cjmap.rollup import By

    assert ROLLUPS.names == tuple(b.value for b in By)
