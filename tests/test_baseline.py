"""Baselines: --write-baseline freezes today's findings, --baseline reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.lint.baseline import stable_pointer
from cjmap.load import load_bytes

# Findings: CJ206 on channel 'fax' (warning), CJ102 on channel 'wbe' (error: no such
# channel), CJ201 and CJ202 on pain point 'fees' (warnings).
MAP = """\
cjmap: 1
id: shop
title: Shop
owner: cx
reviewed: 2026-11-01
channels:
  - id: web
    name: Web
  - id: fax
    name: Fax
stages:
  - id: browse
    name: Browse
    touchpoints:
      - id: home
        name: Home page
        channel: web
        emotion: 0
        owner: web-team
  - id: buy
    name: Buy
    touchpoints:
      - id: pay
        name: Pay
        channel: wbe
        emotion: 1
        owner: ops
        pain_points:
          - id: fees
            title: Hidden fees
            severity: 3
opportunities: []
"""

EXPECTED_ENTRIES = [
    {"file": "maps/shop.cjmap.yaml", "code": "CJ102",
     "pointer": "/stages/[buy]/touchpoints/[pay]/channel", "count": 1},
    {"file": "maps/shop.cjmap.yaml", "code": "CJ201",
     "pointer": "/stages/[buy]/touchpoints/[pay]/pain_points/[fees]/id", "count": 1},
    {"file": "maps/shop.cjmap.yaml", "code": "CJ202",
     "pointer": "/stages/[buy]/touchpoints/[pay]/pain_points/[fees]/id", "count": 1},
    {"file": "maps/shop.cjmap.yaml", "code": "CJ206", "pointer": "/channels/[fax]/id",
     "count": 1},
]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cjmap.toml").write_text("[lint]\nstale-after-days = 100000\n")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "shop.cjmap.yaml").write_text(MAP)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cjmap(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def concise(*args: str) -> tuple[int, list[str]]:
    code, out, _ = cjmap("lint", "--format", "concise", *args)
    return code, [line.split(": ", 2)[1].split(" ")[0] + " " + line.split(":")[1]
                  for line in out.splitlines()]


def test_without_a_baseline(repo: Path) -> None:
    assert concise("maps") == (1, ["CJ206 9", "CJ102 25", "CJ201 29", "CJ202 29"])


def test_write_baseline_records_every_finding_and_exits_0(repo: Path) -> None:
    code, out, err = cjmap("lint", "--write-baseline", "baseline.json", "maps")
    assert code == 0
    assert out == ""
    assert "Baseline baseline.json written: 4 findings in 1 file." in err
    document = json.loads((repo / "baseline.json").read_text())
    assert document == {"cjmap-baseline": 1, "findings": EXPECTED_ENTRIES}


def test_baseline_silences_recorded_findings(repo: Path) -> None:
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    code, out, err = cjmap("lint", "--baseline", "baseline.json", "maps")
    assert code == 0
    assert out == "1 file checked: no problems.\n"
    assert "4 findings in the baseline baseline.json not reported." in err


def test_inserted_lines_do_not_wake_baselined_findings_but_new_ones_are_reported(
        repo: Path) -> None:
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    shop = repo / "maps" / "shop.cjmap.yaml"
    text = shop.read_text()
    text = text.replace("title: Shop\n", "title: Shop\nsummary: Four\ngoals:\n  - more\n"
                        "  - lines\n")  # +4 lines above everything
    text = text.replace("  - id: fax\n", "  - id: phone\n    name: Phone\n  - id: fax\n")
    shop.write_text(text)
    # Only the new unused channel 'phone' (line 13) is reported.
    assert concise("--baseline", "baseline.json", "maps") == (0, ["CJ206 13"])


def test_reordered_items_do_not_wake_baselined_findings(repo: Path) -> None:
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    shop = repo / "maps" / "shop.cjmap.yaml"
    text = shop.read_text()
    browse = text[text.index("  - id: browse"):text.index("  - id: buy")]
    buy = text[text.index("  - id: buy"):text.index("opportunities:")]
    shop.write_text(text.replace(browse + buy, buy + browse))  # /stages/0 is now 'buy'
    assert concise("--baseline", "baseline.json", "maps") == (0, [])


def test_a_second_finding_with_the_same_key_is_reported(repo: Path) -> None:
    shop = repo / "maps" / "shop.cjmap.yaml"
    shop.write_text(MAP + "# cjmap: ignore[CJ104]\n")  # CJ900, pointer ''
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    document = json.loads((repo / "baseline.json").read_text())
    assert {"file": "maps/shop.cjmap.yaml", "code": "CJ900", "pointer": "", "count": 1} in (
        document["findings"])
    shop.write_text(MAP + "# cjmap: ignore[CJ104]\n# cjmap: ignore[CJ103]\n")
    assert concise("--baseline", "baseline.json", "maps") == (0, ["CJ900 34"])


def test_fixed_findings_are_mentioned_as_stale_entries(repo: Path) -> None:
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    shop = repo / "maps" / "shop.cjmap.yaml"
    shop.write_text(shop.read_text().replace("channel: wbe", "channel: web"))
    code, _, err = cjmap("lint", "--baseline", "baseline.json", "maps")
    assert code == 0
    assert "1 baseline entry matched nothing (fixed?); refresh with --write-baseline " \
           "baseline.json" in err


def test_paths_are_relative_to_the_baseline_file(repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "ci").mkdir()
    cjmap("lint", "--write-baseline", "ci/baseline.json", "maps")
    document = json.loads((repo / "ci" / "baseline.json").read_text())
    assert {e["file"] for e in document["findings"]} == {"../maps/shop.cjmap.yaml"}
    monkeypatch.chdir(repo / "maps")
    assert concise("--baseline", "../ci/baseline.json", "shop.cjmap.yaml") == (0, [])


def test_maps_that_do_not_load_are_never_baselined(repo: Path) -> None:
    (repo / "maps" / "broken.cjmap.yaml").write_text("cjmap: 1\nid: [\n")
    code, _, err = cjmap("lint", "--write-baseline", "baseline.json", "maps")
    assert code == 0
    assert "1 map cannot be loaded and cannot be baselined (fix them first): " \
           "maps/broken.cjmap.yaml" in err
    codes = {e["code"] for e in json.loads((repo / "baseline.json").read_text())["findings"]}
    assert "CJ001" not in codes
    status, lines = concise("--baseline", "baseline.json", "maps")
    assert status == 1
    assert [line.split()[0] for line in lines] == ["CJ001"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such baseline file"),
    ("{", "not a cjmap baseline (invalid JSON"),
    ('{"findings": []}', "no 'cjmap-baseline' key"),
    ('{"cjmap-baseline": 2, "findings": []}', "version 2"),
    ('{"cjmap-baseline": 1, "findings": [{"file": 1}]}', "entry 0 needs"),
])
def test_bad_baselines_exit_2(repo: Path, content: str | None, message: str) -> None:
    if content is not None:
        (repo / "baseline.json").write_text(content)
    code, _, err = cjmap("lint", "--baseline", "baseline.json", "maps")
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_baseline_and_write_baseline_together_is_a_usage_error(repo: Path) -> None:
    cjmap("lint", "--write-baseline", "baseline.json", "maps")
    code, _, err = cjmap("lint", "--baseline", "baseline.json", "--write-baseline",
                         "new.json", "maps")
    assert code == 2
    assert "do not go together" in err


def test_write_baseline_refuses_to_overwrite_an_input(repo: Path) -> None:
    code, _, err = cjmap("lint", "--write-baseline", "maps/shop.cjmap.yaml",
                         "maps/shop.cjmap.yaml")
    assert code == 2
    assert "over an input" in err
    assert (repo / "maps" / "shop.cjmap.yaml").read_text() == MAP


def test_stable_pointer() -> None:
    journey = load_bytes(MAP.encode(), "m").journey
    assert journey is not None
    assert stable_pointer(journey, "/stages/1/touchpoints/0/pain_points/0/title") == (
        "/stages/[buy]/touchpoints/[pay]/pain_points/[fees]/title")
    assert stable_pointer(journey, "/channels/1") == "/channels/[fax]"
    assert stable_pointer(journey, "") == ""
    assert stable_pointer(journey, "/stages/9/name") == "/stages/9/name"  # no such item
    assert stable_pointer(None, "/stages/1") == "/stages/1"
