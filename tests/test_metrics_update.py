"""`cjmap metrics update` edits only the changed values' lines; `cjmap metrics list`."""

from __future__ import annotations

import csv
import difflib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap.load import load_path

MAP = """\
# yaml-language-server: $schema=../schemas/cjmap.schema.json
cjmap: 1
id: shop
title: "Shop"   # quoted on purpose
reviewed: 2026-01-01

metrics:
  # The headline number.
  - id: nps
    name: NPS
    value: 18        # Q2 survey
    target: 35
    better: higher
    x-source: survey-2026q2

  - id: churn
    name: 'Churn'
    better: lower
    target: 0.05
    measured: "2026-01-31"
    value: 0.08
  - {id: csat, name: CSAT, value: 4.1, target: 4.5, better: higher}
  - id: aov
    name: Order value
    unit: EUR
x-team: growth
stages:
  - id: buy
    name: Buy
"""


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60, check=False,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(cwd)})


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.cjmap.yaml"
    path.write_bytes(MAP.encode())
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and added, from a difflib line diff."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([d[2:] for d in diff if d.startswith("- ")],
            [d[2:] for d in diff if d.startswith("+ ")])


def test_only_the_changed_values_and_measured_lines_differ(shop: Path) -> None:
    shop.with_name("values.csv").write_text(
        "metric,value,date\n"
        "nps,24,2026-10-01\n"
        "churn,0.065,2026-09-30\n"
        "csat,4.3,2026-10-02\n"
        "aov,52.5,2026-10-03\n", encoding="utf-8")
    done = run("metrics", "update", shop.name, "--from", "values.csv", cwd=shop.parent)
    assert done.returncode == 0, done.stderr
    after = shop.read_text("utf-8")
    removed, added = changed_lines(MAP, after)
    assert removed == [
        "    value: 18        # Q2 survey",
        '    measured: "2026-01-31"',
        "    value: 0.08",
        "  - {id: csat, name: CSAT, value: 4.1, target: 4.5, better: higher}",
    ]
    assert added == [
        "    value: 24        # Q2 survey",     # the comment after the value stays
        "    measured: 2026-10-01",            # new line, indented like the metric's keys
        '    measured: "2026-09-30"',          # the author's quotes are kept
        "    value: 0.065",
        "  - {id: csat, name: CSAT, value: 4.3, measured: 2026-10-02, target: 4.5, "
        "better: higher}",                     # a flow mapping stays one line
        "    value: 52.5",                     # a metric without a value gets both lines,
        "    measured: 2026-10-03",            # after its id
    ]
    # Everything else, comments, blank lines, x- keys and key order included, is unchanged.
    assert after.count("\n") == MAP.count("\n") + 3  # nps measured; aov value, measured
    loaded = load_path(str(shop))
    assert loaded.journey is not None and not loaded.findings
    metrics = {m.id: m for m in loaded.journey.metrics}
    assert (metrics["nps"].value, str(metrics["nps"].measured)) == (24, "2026-10-01")
    assert (metrics["churn"].value, str(metrics["churn"].measured)) == (0.065, "2026-09-30")
    assert (metrics["aov"].value, str(metrics["aov"].measured)) == (52.5, "2026-10-03")
    assert metrics["nps"].extensions == {"x-source": "survey-2026q2"}
    assert done.stdout.splitlines()[0] == "nps: 18 -> 24 (measured 2026-10-01)"


def test_a_row_without_a_date_is_measured_today(shop: Path) -> None:
    import datetime as dt

    done = run("metrics", "update", shop.name, "--from", "-", cwd=shop.parent,
               stdin="metric,value\nnps,20\n")
    assert done.returncode == 0, done.stderr
    loaded = load_path(str(shop))
    assert loaded.journey is not None
    nps = loaded.journey.metrics[0]
    assert nps.value == 20
    assert nps.measured in (dt.date.today(), dt.date.today() - dt.timedelta(days=1))


@pytest.mark.parametrize(("rows", "message"), [
    ("nsp,24,2026-10-01\n", "values.csv:2: unknown metric 'nsp' (did you mean 'nps'?)"),
    ("nps,lots,2026-10-01\n", "values.csv:2: value 'lots' is not a number"),
    ("nps,nan,\n", "values.csv:2: value 'nan' is not a number"),
    ("nps,24,2026-13-01\n", "values.csv:2: date '2026-13-01' is not a date (YYYY-MM-DD)"),
    ("nps,24,01/10/2026\n", "values.csv:2: date '01/10/2026' is not a date (YYYY-MM-DD)"),
    ("nps,24,\nchurn,0.1,\nnps,25,\n", "values.csv:4: metric 'nps' is already set on line 2"),
    (",24,\n", "values.csv:2: no metric id"),
])
def test_any_bad_row_leaves_the_file_byte_identical(shop: Path, rows: str,
                                                    message: str) -> None:
    shop.with_name("values.csv").write_text("metric,value,date\n" + rows, encoding="utf-8")
    done = run("metrics", "update", shop.name, "--from", "values.csv", cwd=shop.parent)
    assert done.returncode == 1
    assert message in done.stderr.splitlines()
    assert done.stderr.splitlines()[-1].endswith(f"{shop.name} was not changed")
    assert shop.read_bytes() == MAP.encode()


def test_every_problem_is_named_with_its_line(shop: Path) -> None:
    shop.with_name("values.csv").write_text(
        "metric,value,date\nnps,24,2026-10-01\nnsp,1,\nchurn,x,\n", encoding="utf-8")
    done = run("metrics", "update", shop.name, "--from", "values.csv", cwd=shop.parent)
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        "values.csv:3: unknown metric 'nsp' (did you mean 'nps'?)",
        "values.csv:4: value 'x' is not a number"]
    assert shop.read_bytes() == MAP.encode()


@pytest.mark.parametrize(("header", "message"), [
    ("metric,amount\n", "values.csv:1: unknown column 'amount'"),
    ("id,value\n", "values.csv:1: the header row has no 'metric' column"),
])
def test_a_bad_header_is_reported(shop: Path, header: str, message: str) -> None:
    shop.with_name("values.csv").write_text(header + "nps,1\n", encoding="utf-8")
    done = run("metrics", "update", shop.name, "--from", "values.csv", cwd=shop.parent)
    assert done.returncode == 1
    assert any(line.startswith(message) for line in done.stderr.splitlines())
    assert shop.read_bytes() == MAP.encode()


def test_a_map_that_does_not_load_is_not_touched(tmp_path: Path) -> None:
    broken = tmp_path / "b.cjmap.yaml"
    broken.write_text("cjmap: 1\nid: [\n", encoding="utf-8")
    (tmp_path / "v.csv").write_text("metric,value\nnps,1\n", encoding="utf-8")
    done = run("metrics", "update", broken.name, "--from", "v.csv", cwd=tmp_path)
    assert done.returncode == 1
    assert "CJ001" in done.stderr
    assert broken.read_text("utf-8") == "cjmap: 1\nid: [\n"


LIST_MAP = """\
cjmap: 1
id: list
title: List
metrics:
  - {id: up, name: Up, value: 5, target: 5, better: higher}
  - {id: down, name: Down, value: 0.3, target: 0.2, better: lower}
  - {id: low, name: Low, value: 0.1, target: 0.2, better: lower}
  - {id: free, name: Free, value: 3}
  - {id: empty, name: Empty, target: 3, better: higher}
  - {id: which, name: Which, value: 3, target: 4}
stages: [{id: s, name: S}]
"""
# By hand: up 5 >= 5 on target; down 0.3 > 0.2 with lower better: off target; low 0.1 <= 0.2
# on target; free has no target; empty has no value; which has no direction (better unset).
EXPECTED = {"up": "on target", "down": "off target", "low": "on target", "free": "no target",
            "empty": "no value", "which": "no direction"}


def test_metrics_list_json_and_csv(tmp_path: Path) -> None:
    (tmp_path / "l.cjmap.yaml").write_text(LIST_MAP, encoding="utf-8")
    done = run("metrics", "list", "l.cjmap.yaml", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["metrics"]
    assert {m["id"]: m["status"] for m in items} == EXPECTED
    assert items[0]["map"] == "list"
    done = run("metrics", "list", "l.cjmap.yaml", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["metric"]: r["status"] for r in rows} == EXPECTED


def test_metrics_list_table_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "l.cjmap.yaml").write_text(LIST_MAP, encoding="utf-8")
    done = run("metrics", "list", "l.cjmap.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
    lines = {line.split()[0]: line for line in done.stdout.splitlines()[2:]}
    assert lines["up"].endswith("on target") and "≥ 5" in lines["up"]
    assert lines["down"].endswith("off target") and "≤ 0.2" in lines["down"]
    done = run("metrics", "list", "l.cjmap.yaml", "-f", "markdown", cwd=tmp_path)
    assert "| up | Up | 5 | ≥ 5 | – | on target |" in done.stdout
