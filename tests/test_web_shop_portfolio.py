"""The portfolio example: one business (the web shop of examples/online-clothing) with
three journeys that share one library (docs/portfolio.md, "Libraries").

- The directory lints with no findings at all, CJ304 (unused library item) included:
  every library item is used by some journey.
- Each journey uses the library and defines no persona, channel, evidence or metric of
  its own; the library's personas are online-clothing's.
- Each journey is realistic in size (4-5 stages, 8-12 touchpoints, 5-8 pain points).
- The roll-up by persona spans the three journeys, with the numbers worked out by hand
  below from the YAML files and docs/scoring.md, "Roll-ups across maps".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.config import load_config
from cjmap.findings import FailOn
from cjmap.lint.engine import LintOptions, lint_paths
from cjmap.yamlio import read_document
from helpers import EXAMPLE_MAPS, ROOT, WEB_SHOP, WEB_SHOP_MAPS, as_json, journey_at

LIBRARY = WEB_SHOP / "web-shop.cjlib.yaml"
ONLINE_CLOTHING = ROOT / "examples" / "online-clothing.cjmap.yaml"
JOURNEYS = {"returns", "support", "browse-to-buy"}
SHARED_KINDS = ("personas", "channels", "evidence", "metrics")
# Pinned so that CJ207 (stale map) gives the same answer whenever the suite runs.
TODAY = dt.date(2026, 11, 22)


def _document(path: Path) -> dict[str, Any]:
    document = read_document(path.read_bytes())
    assert document.problems == [], document.problems
    assert isinstance(document.data, dict)
    return document.data


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_the_three_journeys_are_there_and_not_top_level_examples() -> None:
    assert {p.name.removesuffix(".cjmap.yaml") for p in WEB_SHOP_MAPS} == JOURNEYS
    assert not set(WEB_SHOP_MAPS) & set(EXAMPLE_MAPS)


def test_directory_lints_with_no_findings_at_all() -> None:
    # Info included (CJ205, CJ208), and CJ304 across the files: every library item used.
    options = LintOptions(today=TODAY, fail_on=FailOn.INFO)
    result = lint_paths([str(WEB_SHOP)], load_config(start=WEB_SHOP), options)
    assert sorted(Path(f.path).name for f in result.files) == sorted(
        [p.name for p in WEB_SHOP_MAPS] + [LIBRARY.name])
    assert [(file.path, f.code, f.line, f.message)
            for file in result.files for f in file.findings] == []
    assert result.success


def test_cli_lint_directory_exits_0_failing_on_info() -> None:
    # CJ207 is left to the pinned-date test above: review dates age with the real date.
    result = CliRunner().invoke(
        app, ["lint", "--fail-on", "info", "--ignore", "CJ207", str(WEB_SHOP)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


@pytest.mark.parametrize("path", WEB_SHOP_MAPS, ids=_ids(WEB_SHOP_MAPS))
def test_journey_uses_the_library_and_defines_none_of_its_items(path: Path) -> None:
    data = _document(path)
    assert data["uses"] == ["web-shop.cjlib.yaml"]
    assert [kind for kind in SHARED_KINDS if kind in data] == []


@pytest.mark.parametrize("path", WEB_SHOP_MAPS, ids=_ids(WEB_SHOP_MAPS))
def test_journey_is_realistic_in_size_and_review(path: Path) -> None:
    journey = journey_at(path)
    touchpoints = [t for s in journey.stages for t in s.touchpoints]
    pains = [p for s in journey.stages for p in s.pain_points] + [
        p for t in touchpoints for p in t.pain_points]
    assert 4 <= len(journey.stages) <= 5
    assert 8 <= len(touchpoints) <= 12
    assert 5 <= len(pains) <= 8
    assert journey.reviewed is not None
    assert dt.date(2026, 10, 1) <= journey.reviewed <= dt.date(2026, 11, 30)
    assert all(p.evidence for p in pains)
    assert any(isinstance(t.emotion, dict) for t in touchpoints), "no per-persona emotion"
    assert all(o.owner and o.metrics for o in journey.opportunities)
    assert journey.summary and journey.owner and journey.goals


@pytest.mark.parametrize("path", WEB_SHOP_MAPS, ids=_ids(WEB_SHOP_MAPS))
def test_journey_validates_against_the_checked_in_schema(path: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "cjmap.schema.json").read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/cjmap.schema.json")
    jsonschema.validate(as_json(_document(path)), schema)


def test_library_validates_against_the_checked_in_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "cjlib.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(as_json(_document(LIBRARY)), schema)


def test_library_personas_are_the_online_clothing_personas() -> None:
    fields = ("id", "name", "description", "share")
    shop = [{k: p.get(k) for k in fields} for p in _document(ONLINE_CLOTHING)["personas"]]
    library = [{k: p.get(k) for k in fields} for p in _document(LIBRARY)["personas"]]
    assert library == shop
    assert [p["name"] for p in library] == ["Busy parent", "Style seeker", "Bargain hunter"]


def test_library_metrics_say_which_way_is_better() -> None:
    metrics = _document(LIBRARY)["metrics"]
    assert {"nps", "return-rate", "cart-abandonment", "first-contact-resolution"} <= {
        m["id"] for m in metrics}
    assert all({"value", "target", "unit", "better"} <= m.keys() for m in metrics)


# -- the roll-up across the three journeys, by hand ------------------------------------
#
# Style seeker (docs/scoring.md, "Roll-ups across maps": a pain's own `personas`, else its
# touchpoint's, else every persona of the map — here the library's three; w = severity ×
# frequency; a stage pain belongs to every persona).
#   browse-to-buy: filters-forgotten 2×0.45=0.9 (no personas), size-chart-unreadable
#     3×0.3=0.9 (own: busy-parent, style-seeker), delivery-cost-late 4×0.4=1.6,
#     bank-app-switch-fails 5×0.09=0.45, cannot-change-delivery 3×0.15=0.45 (own),
#     missed-delivery-slot 3×0.12=0.36                                   = 4.66 (6 pains)
#   returns: printer-needed 3×0.4=1.2, no-drop-off-receipt 4×0.12=0.48, no-refund-date
#     (on the stage) 3×0.5=1.5; not: bundle-items-not-returnable (own: busy-parent),
#     order-number-required and slow-refund (touchpoints list busy-parent and
#     bargain-hunter), unclear-refund-amount (own)                        = 3.18 (3 pains)
#   support: zero-result-searches 3×0.23=0.69, bot-loops 3×0.14=0.42,
#     repeat-on-hand-over 4×0.35=1.4, promise-not-kept 5×0.1=0.5 (touchpoint lists
#     busy-parent, style-seeker), survey-before-fix 2×0.2=0.4; not: bot-cannot-see-returns,
#     evening-wait (own personas)                                         = 3.41 (5 pains)
#   total 4.66 + 3.18 + 3.41 = 11.25 over 14 pains, each addressed by an opportunity that
#   is not dropped: coverage 100%.
# Style seeker's emotions (a per-persona value, else the single value when the touchpoint
# lists style-seeker or no one):
#   browse-to-buy 1, 1, 0, 1, 0, -1, 1, 0, 1 = 4 (9); returns 1, -2, 2, 0, 1, -1, 1, 0 = 2
#   (8); support 0, 0, 0, -1, -1, -1, 1, -2, 1 = -3 (9): mean 3 / 26.
# Busy parent: every pain of the three maps (20) is attributed to it: 4.66 + (0.24 + 0.3 +
#   1.2 + 0.48 + 1.2 + 1.5 + 0.5 = 5.42) + (0.69 + 0.42 + 0.57 + 1.2 + 1.4 + 0.5 + 0.4 =
#   5.18) = 15.26; evening-wait (1.2) is addressed only by the dropped evening-shift, so
#   coverage is (15.26 - 1.2) / 15.26.


def _rollup() -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["score", str(WEB_SHOP), "--by", "persona", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["by"] == "persona"
    assert {m["id"] for m in report["maps"]} == JOURNEYS
    return {group["key"]: group for group in report["groups"]}


def test_rollup_shows_each_persona_across_the_three_journeys() -> None:
    groups = _rollup()
    assert set(groups) == {"busy-parent", "style-seeker", "bargain-hunter"}
    assert all(sorted(g["maps"]) == sorted(JOURNEYS) for g in groups.values())


def test_rollup_style_seeker_by_hand() -> None:
    seeker = _rollup()["style-seeker"]
    assert seeker["names"] == ["Style seeker"]
    assert seeker["pain_count"] == 14
    assert seeker["pain_weight"] == pytest.approx(11.25)
    assert seeker["coverage"]["value"] == pytest.approx(1.0)
    assert seeker["mean_emotion"] == pytest.approx(3 / 26)
    assert seeker["emotion_count"] == 26


def test_rollup_busy_parent_by_hand() -> None:
    parent = _rollup()["busy-parent"]
    assert parent["pain_count"] == 20
    assert parent["pain_weight"] == pytest.approx(15.26)
    assert parent["coverage"]["value"] == pytest.approx((15.26 - 1.2) / 15.26)


def test_site_has_a_page_per_journey_and_library_persona(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", str(WEB_SHOP), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert {p.stem for p in (site / "maps").glob("*.html")} == JOURNEYS
    assert {p.stem for p in (site / "personas").glob("*.html")} == {
        "busy-parent", "style-seeker", "bargain-hunter"}
    assert "Sending clothes back to the web shop" in (site / "index.html").read_text("utf-8")


def test_site_counts_a_channel_only_in_the_maps_whose_touchpoints_use_it(
        tmp_path: Path) -> None:
    """Every journey has every library channel; the index counts the journeys that use one.

    Expected counts come from the map files' text: a touchpoint names its channel on a line
    ``channel: ID``; a touchpoint line without one reads as written (none here)."""
    import re

    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(WEB_SHOP), "-o", str(site)])
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    for channel in ("agent-chat", "web", "carrier", "push"):
        uses = [re.findall(rf"^\s+channel: {channel}\s*$", p.read_text(encoding="utf-8"), re.M)
                for p in WEB_SHOP_MAPS]
        maps = sum(1 for found in uses if found)
        touchpoints = sum(len(found) for found in uses)
        noun = "map" if maps == 1 else "maps"
        tp_noun = "touchpoint" if touchpoints == 1 else "touchpoints"
        assert f"({channel}; {maps} {noun}, {touchpoints} {tp_noun})" in index, channel
