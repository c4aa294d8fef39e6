"""``cjmap score`` from the command line: formats, options, exit codes, the examples.

Expected numbers come from tests/data/score/shop.cjmap.yaml worked out by hand (see
tests/test_score.py for the arithmetic) or, for the examples, from the YAML read here
independently of cjmap.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner, Result

from cjmap.cli import app
from helpers import EXAMPLE_MAPS, ROOT

DATA = Path(__file__).resolve().parent / "data" / "score"
SHOP = str(DATA / "shop.cjmap.yaml")
ALPHA = str(DATA / "alpha.cjmap.yaml")
CALM = str(DATA / "calm.cjmap.yaml")
BROKEN = str(DATA / "broken.cjmap.yaml")
SCHEMA = json.loads((DATA / "scorecard.schema.json").read_text(encoding="utf-8"))


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["score", *args])


def as_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document


# -- formats ---------------------------------------------------------------------------------

def test_json_shape_and_numbers() -> None:
    doc = as_json(SHOP)
    assert (doc["version"], doc["method"], doc["top"], doc["min_coverage"]) == (
        1, "weighted", None, None)
    (shop,) = doc["maps"]
    assert shop["id"] == "shop" and shop["path"] == SHOP
    ranked = [(o["rank"], o["id"], o["priority"]) for o in shop["opportunities"]]
    assert ranked == [(1, "better-search", pytest.approx(1.408)), (2, "size-chart", 1.0),
                      (3, "chat-help", pytest.approx(0.216)),
                      (4, "nav-redo", pytest.approx(0.216))]
    assert shop["ranked_total"] == 4
    assert [(o["id"], o["status"], o["rank"]) for o in shop["closed"]] == [
        ("retry-payments", "done", None), ("guest-checkout", "dropped", None)]
    # 7 / 7.5
    assert shop["coverage"]["value"] == pytest.approx(14 / 15)
    assert shop["coverage"]["meets_minimum"] is None
    assert [p["id"] for p in shop["unaddressed_pains"]] == ["forced-account"]
    assert shop["unaddressed_pains"][0]["dropped_by"] == ["guest-checkout"]
    size = next(o for o in shop["opportunities"] if o["id"] == "size-chart")
    assert size["confidence"] == 1.0 and size["confidence_default"] is True
    no_sizes = next(p for p in shop["pains"] if p["id"] == "no-sizes")
    assert no_sizes["frequency_default"] is True and no_sizes["weight"] == 3.0
    stages = {s["id"]: s for s in shop["stages"]}
    assert stages["browse"]["mean_emotion"] == 0.75
    assert stages["after"]["mean_emotion"] is None
    assert "explain" not in shop["opportunities"][0]


def test_json_explain() -> None:
    doc = as_json(SHOP, "--explain")
    first = doc["maps"][0]["opportunities"][0]
    assert first["explain"]["priority"].endswith(
        "4.4 × impact 4/5 × confidence 0.8 ÷ effort 2 = 1.408")
    assert doc["maps"][0]["coverage"]["explain"]["value"].endswith("7 ÷ 7.5 = 0.933")
    assert "explain" in doc["maps"][0]["stages"][0]


def test_csv_one_row_per_ranked_opportunity() -> None:
    result = run(SHOP, ALPHA, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["rank"], r["map"], r["opportunity"]) for r in rows] == [
        ("1", "shop", "better-search"), ("2", "alpha", "size-chart"),
        ("3", "shop", "size-chart"), ("4", "shop", "chat-help"), ("5", "shop", "nav-redo")]
    assert float(rows[0]["priority"]) == pytest.approx(1.408)
    assert rows[0]["addresses"] == "slow-search;no-sizes"
    assert rows[0]["path"] == SHOP
    assert "explain" not in rows[0]


def test_markdown_has_the_tables_and_escapes_text() -> None:
    result = run(SHOP, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "| # | Opportunity | Title | Status | Priority |" in out
    assert "| 1 | better-search | Better search | idea | 1.408 | 4.4 |" in out
    assert "### Unaddressed pain points" in out
    # the title "Shop <checkout> | test" must not become HTML or break the table
    assert r"## Shop \<checkout\> \| test (shop)" in out
    assert "Combined" not in out  # one map: no combined ranking


def test_table_is_plain_off_a_terminal() -> None:
    result = run(SHOP, ALPHA)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    assert "better-search" in out and "1.408" in out
    assert "coverage 93.3% (7 of 7.5 pain weight; 5 of 6 pain points)" in out
    assert "Combined ranking across 2 maps" in out


def test_table_explain() -> None:
    result = run(SHOP, "--explain")
    assert result.exit_code == 0
    assert "Computed as" in result.stdout
    assert "(1 [search] + 0.5 [product: mean of parent 2, student -1]) ÷ 2 = 0.75" in (
        result.stdout)


# -- options ---------------------------------------------------------------------------------

def test_top() -> None:
    doc = as_json(SHOP, ALPHA, "--top", "2")
    assert doc["top"] == 2
    assert [o["id"] for o in doc["maps"][0]["opportunities"]] == ["better-search", "size-chart"]
    assert doc["maps"][0]["ranked_total"] == 4
    assert [(r["map"], r["id"]) for r in doc["combined"]["opportunities"]] == [
        ("shop", "better-search"), ("alpha", "size-chart")]
    rows = list(csv.DictReader(io.StringIO(run(SHOP, "--top", "1", "-f", "csv").stdout)))
    assert [r["opportunity"] for r in rows] == ["better-search"]


def test_ice_method() -> None:
    doc = as_json(SHOP, "--method", "ice")
    # size-chart 5 × 1 × 3 = 15; better-search 4 × 0.8 × 4 = 12.8; nav-redo 3 × 0.6 × 4 = 7.2;
    # chat-help 2 × 0.6 × 5 = 6
    assert [(o["id"], o["priority"]) for o in doc["maps"][0]["opportunities"]] == [
        ("size-chart", 15.0), ("better-search", pytest.approx(12.8)),
        ("nav-redo", pytest.approx(7.2)), ("chat-help", pytest.approx(6.0))]
    assert doc["method"] == "ice"


@pytest.mark.parametrize(("minimum", "code"), [("0.93", 0), ("0.94", 1), ("0", 0), ("1", 1)])
def test_min_coverage_gate(minimum: str, code: int) -> None:
    # shop's coverage is 14/15 = 0.9333...
    result = run(SHOP, "--min-coverage", minimum)
    assert result.exit_code == code, result.stderr
    if code:
        assert "coverage 93.3% of map 'shop' is below --min-coverage" in result.stderr
        assert "'forced-account' (weight 0.5)" in result.stderr
        assert "better-search" in result.stdout  # the report is still written
    else:
        assert "below" not in result.stderr


def test_min_coverage_exact_boundary() -> None:
    # 0.7 / 0.875 is exactly 0.8 (binary floats say 0.7999999999999999)
    assert run(str(DATA / "exact.cjmap.yaml"), "--min-coverage", "0.8").exit_code == 0


def test_min_coverage_is_per_map_and_names_each_failing_map() -> None:
    # alpha covers 5 of 5; shop 7 of 7.5; together 12 / 12.5 = 0.96 >= 0.95, but shop fails.
    result = run(SHOP, ALPHA, "--min-coverage", "0.95", "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["combined"]["coverage"]["value"] == pytest.approx(0.96)
    assert [m["coverage"]["meets_minimum"] for m in doc["maps"]] == [False, True]
    assert "'shop'" in result.stderr and "'alpha'" not in result.stderr


def test_no_pains_meets_any_minimum() -> None:
    result = run(CALM, "--min-coverage", "1")
    assert result.exit_code == 0
    assert "'ghost'" in result.stderr and "CJ102" in result.stderr  # unknown id: warned


@pytest.mark.parametrize("args", [
    ["--min-coverage", "1.5"], ["--min-coverage", "-0.1"], ["--min-coverage", "nan"],
    ["--top", "0"], ["--method", "rice"], ["--format", "xml"],
])
def test_bad_options_exit_2(args: list[str]) -> None:
    result = run(SHOP, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("cjmap: error:") or "Invalid value" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_exit_2() -> None:
    result = run(str(DATA / "nope.cjmap.yaml"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_map_that_fails_to_load_exit_1_with_findings() -> None:
    result = run(SHOP, BROKEN)
    assert result.exit_code == 1
    assert f"{BROKEN}:11:" in result.stderr and "CJ003" in result.stderr
    assert result.stdout == ""


def test_output_file_and_never_over_an_input(tmp_path: Path) -> None:
    target = tmp_path / "score.md"
    result = run(SHOP, "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# cjmap score: 1 map")
    assert result.stdout == ""
    copy = tmp_path / "shop.cjmap.yaml"
    copy.write_bytes(Path(SHOP).read_bytes())
    result = run(str(copy), "-o", str(copy))
    assert result.exit_code == 2
    assert copy.read_bytes() == Path(SHOP).read_bytes()


def test_directory_argument(tmp_path: Path) -> None:
    for name in ("shop.cjmap.yaml", "alpha.cjmap.yaml"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    doc = as_json(str(tmp_path))
    assert sorted(m["id"] for m in doc["maps"]) == ["alpha", "shop"]


# -- the examples ----------------------------------------------------------------------------

def _independent_coverage(path: Path) -> tuple[float, list[str]]:
    """Coverage and the ids of uncovered pains (heaviest first), read straight from the YAML."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pains = [p for stage in data["stages"]
             for holder in [stage, *stage.get("touchpoints", [])]
             for p in holder.get("pain_points", [])]
    addressed: set[str] = set()
    for o in data.get("opportunities", []):
        if o.get("status", "idea") != "dropped":
            targets = o["addresses"]
            addressed.update([targets] if isinstance(targets, str) else targets)
    weight = {p["id"]: p["severity"] * p.get("frequency", 1.0) for p in pains}
    total = sum(weight.values())
    covered = sum(w for pid, w in weight.items() if pid in addressed)
    uncovered = sorted((p for p in weight if p not in addressed), key=lambda p: (-weight[p], p))
    return (1.0 if total == 0 else covered / total), uncovered


@pytest.mark.skipif(not EXAMPLE_MAPS, reason="examples not written yet")
def test_examples_json_matches_the_shape_and_independent_coverage() -> None:
    doc = as_json(*map(str, EXAMPLE_MAPS))
    assert [m["path"] for m in doc["maps"]] == [str(p) for p in EXAMPLE_MAPS]
    for path, scored in zip(EXAMPLE_MAPS, doc["maps"], strict=True):
        coverage, uncovered = _independent_coverage(path)
        assert scored["coverage"]["value"] == pytest.approx(coverage), path
        assert sorted(p["id"] for p in scored["unaddressed_pains"]) == sorted(uncovered)


@pytest.mark.skipif(not EXAMPLE_MAPS, reason="examples not written yet")
def test_min_coverage_one_fails_on_an_example_with_an_unaddressed_pain() -> None:
    gaps = [p for p in EXAMPLE_MAPS if _independent_coverage(p)[0] < 1.0]
    assert gaps, "an example is expected to have a pain only a dropped opportunity addresses"
    cjmap = Path(sys.executable).parent / "cjmap"  # the installed command, as a user runs it
    for path in EXAMPLE_MAPS:
        proc = subprocess.run([str(cjmap), "score", str(path), "--min-coverage", "1.0"],
                              capture_output=True, text=True, timeout=60, check=False)
        expected = 1 if path in gaps else 0
        assert proc.returncode == expected, (path, proc.stderr)
        if expected:
            for pain_id in _independent_coverage(path)[1][:3]:
                assert f"'{pain_id}'" in proc.stderr


# -- the worked example of docs/scoring.md ---------------------------------------------------

HOTEL = ROOT / "examples" / "hotel-stay.cjmap.yaml"
# The inputs the worked example in docs/scoring.md was computed from, as the doc shows them.
DOC_PAINS = {"no-best-rate-shown": (3, 0.64), "digital-key-unreliable": (3, 0.27),
             "peak-checkin-queue": (4, 0.4), "room-unlike-photos": (2, 0.2),
             "weak-wifi-upper-floors": (4, 0.3), "no-kids-breakfast": (2, 0.1),
             "invoice-wrong-details": (3, 0.15), "feedback-unanswered": (2, 0.25)}
DOC_OPPORTUNITIES = {
    "best-rate-badge": ("done", 4, 1, 0.8, ["no-best-rate-shown"]),
    "company-profile-sync": ("planned", 3, 3, 0.7, ["invoice-wrong-details"]),
    "flex-desk-staffing": ("in_progress", 4, 2, 0.7, ["peak-checkin-queue"]),
    "replace-key-vendor": ("idea", 4, 5, 0.5, ["digital-key-unreliable", "peak-checkin-queue"]),
    "wifi-upgrade": ("planned", 5, 3, 0.9, ["weak-wifi-upper-floors"]),
    "kids-breakfast-corner": ("done", 2, 1, 0.8, ["no-kids-breakfast"]),
    "new-room-photos": ("planned", 2, 1, 0.9, ["room-unlike-photos"]),
    "feedback-callback": ("dropped", 3, 4, 0.4, ["feedback-unanswered"]),
}


@pytest.mark.skipif(not HOTEL.exists(), reason="examples not written yet")
def test_worked_example_inputs_match_the_file() -> None:
    data = yaml.safe_load(HOTEL.read_text(encoding="utf-8"))
    pains = {p["id"]: (p["severity"], p.get("frequency", 1.0))
             for stage in data["stages"] for holder in [stage, *stage.get("touchpoints", [])]
             for p in holder.get("pain_points", [])}
    assert pains == DOC_PAINS, "examples/hotel-stay changed: update docs/scoring.md"
    opportunities = {o["id"]: (o.get("status", "idea"), o["impact"], o["effort"],
                               o.get("confidence", 1.0), o["addresses"])
                     for o in data["opportunities"]}
    assert opportunities == DOC_OPPORTUNITIES, "examples/hotel-stay changed: update the doc"
    # The results the doc computes by hand.
    (hotel,) = as_json(str(HOTEL))["maps"]
    assert [(o["id"], o["priority"]) for o in hotel["opportunities"]] == [
        ("flex-desk-staffing", pytest.approx(0.448)), ("wifi-upgrade", pytest.approx(0.36)),
        ("replace-key-vendor", pytest.approx(0.1928)),
        ("new-room-photos", pytest.approx(0.144)),
        ("company-profile-sync", pytest.approx(0.063))]
    assert hotel["coverage"]["value"] == pytest.approx(6.58 / 7.08)
    assert [s["mean_emotion"] for s in hotel["stages"]] == pytest.approx(
        [1 / 3, -1 / 6, -4 / 9, 4 / 9, 0, 2 / 3])


def test_output_dash_is_stdout() -> None:
    result = run(ALPHA, "-o", "-", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("rank,map,path,")
    assert "written to" not in result.stderr


# -- golden files: the human formats, byte for byte --------------------------------------------
# Regenerate after an intended change with `make golden` (scripts/regen_golden.py, which runs
# these same cases) and review the diff of tests/golden/score/ like any other change.

GOLDEN = ROOT / "tests" / "golden" / "score"
GOLDEN_CASES = {
    "shop-alpha-calm.table.txt": ["--top", "3"],
    "shop-alpha-calm.explain.md": ["--format", "markdown", "--explain"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)  # relative paths in the output, the same on every machine
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = run("shop.cjmap.yaml", "alpha.cjmap.yaml", "calm.cjmap.yaml", *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8"), (
        "output differs from the golden file; if the change is intended, run "
        "`make golden` and review the diff")


@pytest.mark.skipif(not HOTEL.exists(), reason="examples not written yet")
def test_docs_gate_example_is_true(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = (ROOT / "docs" / "scoring.md").read_text(
        encoding="utf-8")
    block = doc.split("$ cjmap score examples/ --min-coverage 1.0 > /dev/null\n", 1)[1]
    expected_stderr = block.split("$ echo $?", 1)[0]
    monkeypatch.chdir(HOTEL.parent.parent)
    result = run("examples/", "--min-coverage", "1.0")
    assert result.exit_code == 1
    assert result.stderr == expected_stderr
