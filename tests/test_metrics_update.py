"""`cjmap metrics update` edits only the changed values' lines; `cjmap metrics list`."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap.commands import Streams
from cjmap.commands.metrics import update_metrics
from cjmap.errors import ExitCode
from cjmap.load import load_bytes, load_path
from cjmap.metrics.update import (
    MetricUpdate,
    ValueRow,
    apply_values,
    parse_values,
    round_trip_edit,
    unexpected_line,
)

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


# -- the edit is made by ruamel.yaml's round trip and checked line by line -----------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2026, 11, 29)


def loadable_examples() -> list[Path]:
    """Every example map that loads cleanly (the others are refused before any edit: see
    test_a_map_that_does_not_load_is_not_touched)."""
    loaded = {path: load_bytes(path.read_bytes(), str(path))
              for path in sorted(EXAMPLES.rglob("*.yaml"))}
    return [path for path, m in loaded.items() if m.journey is not None and not m.findings]


def test_the_examples_that_load_are_many() -> None:
    assert len(loadable_examples()) >= 20  # 4 maps, 2 in diff/, 14 in broken/


def new_value(i: int) -> float:
    return [7, 2.5, 0.125, 5.0, 1250, 0.0625][i % 6]  # 5.0 is whole: written as 5


def expected_diff(path: Path, rows: list[ValueRow]) -> tuple[list[str], list[str]]:
    """By hand: each metric's value line gets the new number and a measured line under it
    at the same indentation; a metric without a value gets both under its id; a flow
    mapping gets ``value: …, measured: …`` after its id, on its own line."""
    loaded = load_bytes(path.read_bytes(), str(path))
    assert loaded.journey is not None
    removed, added = [], []
    for i, (metric, row) in enumerate(zip(loaded.journey.metrics, rows, strict=True)):
        number, date = format(row.value, "g"), str(row.date)
        mapping = loaded.source.locate(f"/metrics/{i}")
        line = loaded.source.line_text(mapping.line)
        if "{" in line:
            old = f"value: {format(metric.value, 'g')}" if metric.value is not None else (
                f"id: {metric.id}")
            removed.append(line)
            added.append(line.replace(old, f"{old}, value: {number}, measured: {date}"
                                      if metric.value is None else
                                      f"value: {number}, measured: {date}"))
        elif metric.value is not None:
            line = loaded.source.line_text(loaded.source.locate(f"/metrics/{i}/value").line)
            indent = line[: len(line) - len(line.lstrip())]
            removed.append(line)
            added += [f"{indent}value: {number}", f"{indent}measured: {date}"]
        else:
            id_line = loaded.source.line_text(mapping.line)
            indent = " " * (id_line.index("id:"))
            added += [f"{indent}value: {number}", f"{indent}measured: {date}"]
    return removed, added


@pytest.mark.parametrize("example", loadable_examples(), ids=lambda p: p.name)
def test_every_example_map_changes_only_the_expected_lines(example: Path, tmp_path: Path
                                                          ) -> None:
    path = tmp_path / example.name
    shutil.copyfile(example, path)
    loaded = load_bytes(path.read_bytes(), example.name)
    assert loaded.journey is not None
    rows = [ValueRow(i + 2, m.id, new_value(i), dt.date(2026, 10, 1 + i))
            for i, m in enumerate(loaded.journey.metrics)]
    values = tmp_path / "values.csv"
    values.write_text("metric,value,date\n" + "".join(
        f"{r.metric},{r.value},{r.date}\n" for r in rows), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert update_metrics(path, str(values), streams=Streams(out, err)) == ExitCode.OK, err
    removed, added = changed_lines(example.read_text("utf-8"), path.read_text("utf-8"))
    assert (removed, added) == expected_diff(example, rows)
    again = load_path(str(path))
    assert again.journey is not None and not again.findings
    assert [(m.value, m.measured) for m in again.journey.metrics] == [
        (r.value, r.date) for r in rows]


def round_trip_alone(raw: bytes) -> tuple[str, tuple[int, str] | None]:
    """ruamel.yaml's text for setting every metric, and the line it should not have changed."""
    loaded = load_bytes(raw, "map.yaml")
    assert loaded.journey is not None
    updates = [MetricUpdate(i, new_value(i), dt.date(2026, 10, 1 + i))
               for i in range(len(loaded.journey.metrics))]
    text = round_trip_edit(loaded, updates)
    return text, unexpected_line(loaded, text, [u.index for u in updates])


def test_ruamel_makes_the_edit_of_every_example_but_a_flow_mapping_over_two_lines() -> None:
    refused = {path.name: round_trip_alone(path.read_bytes())[1]
               for path in loadable_examples()}
    # cj205-missing-owner.yaml writes an opportunity as a flow mapping over two lines
    # (lines 34-35); ruamel.yaml would join them, so that map is edited in place instead.
    # cj212-bidi-override.yaml writes a right-to-left override as the escape "\u202e";
    # ruamel.yaml would write the invisible character itself: edited in place too.
    assert {name: line for name, line in refused.items() if line is not None} == {
        "cj205-missing-owner.yaml":
            (34, "  - {id: show-delivery-cost, title: Show delivery cost on the product page,\n"),
        "cj212-bidi-override.yaml": (29, '        name: "Pay \\u202enow"\n')}


def test_comments_flow_quotes_crlf_and_x_keys_survive_the_round_trip(tmp_path: Path) -> None:
    crlf = MAP.replace("\n", "\r\n").encode()
    assert round_trip_alone(crlf)[1] is None  # ruamel.yaml, not the fallback, edits this map
    path = tmp_path / "shop.cjmap.yaml"
    path.write_bytes(crlf)
    (tmp_path / "values.csv").write_text(
        "metric,value,date\nnps,24,2026-10-01\nchurn,0.065,2026-09-30\ncsat,4.3,2026-10-02\n"
        "aov,52.5,2026-10-03\n", encoding="utf-8")
    done = run("metrics", "update", path.name, "--from", "values.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == MAP.count("\n") + 3
    removed, added = changed_lines(MAP, after.decode().replace("\r\n", "\n"))
    assert removed == [
        "    value: 18        # Q2 survey",
        '    measured: "2026-01-31"',
        "    value: 0.08",
        "  - {id: csat, name: CSAT, value: 4.1, target: 4.5, better: higher}"]
    assert added == [
        "    value: 24        # Q2 survey",
        "    measured: 2026-10-01",
        '    measured: "2026-09-30"',
        "    value: 0.065",
        "  - {id: csat, name: CSAT, value: 4.3, measured: 2026-10-02, target: 4.5, "
        "better: higher}",
        "    value: 52.5",
        "    measured: 2026-10-03"]


SPACED = """\
cjmap: 1
id: spaced
title:    Spaced   # hand-aligned values
stages: [{id: s, name: S}]
metrics:
  - id: m
    name: M
    value:    1
"""


def test_a_style_ruamel_cannot_keep_is_edited_in_place(tmp_path: Path) -> None:
    _, refused = round_trip_alone(SPACED.encode())
    assert refused == (3, "title:    Spaced   # hand-aligned values\n")
    path = tmp_path / "spaced.cjmap.yaml"
    path.write_text(SPACED, encoding="utf-8")
    done = run("metrics", "update", path.name, "--from", "-", cwd=tmp_path,
               stdin="metric,value,date\nm,2,2026-10-01\n")
    assert done.returncode == 0, done.stderr
    assert path.read_text("utf-8") == SPACED.replace(
        "    value:    1\n", "    value:    2\n    measured: 2026-10-01\n")


AFTER_VALUE = """\
cjmap: 1
id: after
title: After
stages: [{id: s, name: S}]
metrics:
  - id: m
    name: M
    value: 1   # from the survey
    # the target is the board's
    target: 3
  - id: n
    name: N
    value: 10

  - id: o
    name: O
"""


@pytest.mark.parametrize(("csv_value", "written"), [
    ("4.0", "4"),          # a whole number is written as an int
    ("0.5", "0.5"),
    ("0.00001", "1.0e-05"),  # libyaml reads 1e-05 as text: the exponent gets a point
    ("2e20", "2.0e+20"),
])
def test_measured_goes_under_value_and_numbers_keep_their_type(
        csv_value: str, written: str) -> None:
    raw = AFTER_VALUE.encode()
    loaded = load_bytes(raw, "after.yaml")
    rows = parse_values(f"metric,value\nm,{csv_value}\nn,7\no,8\n", ["m", "n", "o"])
    new_raw, _ = apply_values(raw, loaded, rows, TODAY)
    assert round_trip_alone(raw)[1] is None
    assert new_raw.decode() == AFTER_VALUE.replace(
        "    value: 1   # from the survey\n",
        f"    value: {written}{' ' * max(1, 3 - len(written) + 1)}# from the survey\n"
        "    measured: 2026-11-29\n",
    ).replace("    value: 10\n", "    value: 7\n    measured: 2026-11-29\n").replace(
        "  - id: o\n", "  - id: o\n    value: 8\n    measured: 2026-11-29\n")
    again = load_bytes(new_raw, "after.yaml")
    assert again.journey is not None
    assert again.journey.metrics[0].value == float(csv_value)


def test_only_metrics_update_imports_ruamel() -> None:
    code = ("import sys, cjmap.cli, cjmap.commands.metrics, cjmap.metrics.update; "
            "print(sorted(m for m in sys.modules if m.startswith('ruamel')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"
