"""Every ``--format csv`` output is formula-safe (docs/cli.md, "CSV output").

A map whose titles and names start with the characters a spreadsheet runs as a formula
(``=``, ``+``, ``-``, ``@``, a tab, a carriage return) goes through each CSV reporter;
the output is read back with Python's own :mod:`csv` module. Each such text cell must
start with an apostrophe followed by the exact text; numbers, negative ones included,
must be written as plain numbers. The expected cells are written out by hand from
HOSTILE below.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.reporting import formats
from cjmap.reporting.cells import CsvWriter, inert_row
from cjmap.reporting.registry import Registry
from history_repo import cjmap, git, init_repo

LINK = '=HYPERLINK("http://x")'
SUM = "@SUM(A1)"
PLUS = "+1"
MINUS = "-1+2"
TAB = "\tTab-led"
CR = "\rCR-led"
# The file's own name is a formula too: the "path" columns must be safe as well.
FILE = f"{SUM}.cjmap.yaml"

HOSTILE = f"""\
cjmap: 1
id: hostile
title: '{LINK}'
personas:
  - {{id: ann, name: '{LINK}'}}
channels:
  - {{id: web, name: '{PLUS}'}}
metrics:
  - {{id: nps, name: '{LINK}', value: -0.5, target: -1.5, better: higher, unit: '{MINUS}'}}
stages:
  - id: find
    name: '{SUM}'
    touchpoints:
      - id: search
        name: "\\tTab-led"
        channel: web
        personas: [ann]
        emotion: -1
        metrics: [nps]
        pain_points:
          - {{id: slow, title: "\\rCR-led", severity: 4}}
      - id: browse
        name: '{MINUS}'
        channel: web
        emotion: 0
opportunities:
  - {{id: o1, title: '{LINK}', addresses: [slow], impact: 3, effort: 2}}
  - {{id: o2, title: '{SUM}', addresses: [slow], impact: 3, effort: 2}}
  - {{id: o3, title: '{PLUS}', addresses: [slow], impact: 3, effort: 2}}
  - {{id: o4, title: '{MINUS}', addresses: [slow], impact: 3, effort: 2}}
  - {{id: o5, title: "\\tTab-led", addresses: [slow], impact: 3, effort: 2}}
  - {{id: o6, title: "\\rCR-led", addresses: [slow], impact: 3, effort: 2}}
"""
# By hand: stage "find" has the emotions -1 (search) and 0 (browse): mean -0.5; so have
# persona ann (search is hers, browse is everyone's) and channel web. nps is -0.5 against
# the target -1.5. Slow weighs 4 × 1 = 4, all of it addressed (coverage 1).

TESTED = {"score", "score --by", "history", "metrics list"}


def quoted(text: str) -> str:
    return "'" + text


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / FILE).write_text(HOSTILE, encoding="utf-8")
    return folder


def run(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False,
                                env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_csv_format_is_tested_here() -> None:
    registries = [value for value in vars(formats).values()
                  if isinstance(value, Registry)]
    with_csv = {registry.command for registry in registries if "csv" in list(registry)}
    assert with_csv == TESTED


def test_score_csv_titles_and_paths_are_inert(hostile: Path) -> None:
    table = rows(run(hostile, "score", str(hostile / FILE), "-f", "csv"))
    assert [row["title"] for row in table] == [quoted(t) for t in
                                               (LINK, SUM, PLUS, MINUS, TAB, CR)]
    assert {row["path"] for row in table} == {str(hostile / FILE)}  # starts with "/"
    assert all(not cell.startswith("'") for row in table
               for key, cell in row.items() if key != "title")


def test_score_csv_relative_path_starting_with_a_formula(hostile: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hostile)
    table = rows(run(hostile, "score", FILE, "-f", "csv"))
    assert {row["path"] for row in table} == {quoted(FILE)}


@pytest.mark.parametrize(("by", "label", "names"), [
    ("stage", quoted(SUM), ""),
    ("persona", "ann", quoted(LINK)),
    ("channel", "web", quoted(PLUS)),
])
def test_rollup_csv_names_are_inert_and_negative_means_are_numbers(
        hostile: Path, by: str, label: str, names: str) -> None:
    [row] = rows(run(hostile, "score", str(hostile / FILE), "--by", by, "-f", "csv"))
    assert (row["label"], row["names"]) == (label, names)
    assert row["mean_emotion"] == "-0.5"
    assert row["pain_weight"] == "4.0"


def test_metrics_csv_names_and_units_are_inert_and_negative_values_are_numbers(
        hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hostile)
    [row] = rows(run(hostile, "metrics", "list", FILE, "-f", "csv"))
    assert (row["path"], row["name"], row["unit"]) == (quoted(FILE), quoted(LINK),
                                                       quoted(MINUS))
    assert (row["value"], row["target"]) == ("-0.5", "-1.5")


def test_history_csv_subjects_paths_and_figures(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    (repo / FILE).write_text(HOSTILE, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", LINK, date="2026-01-10T09:00:00+00:00")
    done = cjmap(repo, "history", FILE, "--format", "csv")
    assert done.returncode == 0, done.stderr
    [row] = rows(done.stdout)
    assert (row["map"], row["path"], row["subject"]) == (quoted(FILE), quoted(FILE),
                                                         quoted(LINK))
    assert (row["emotion:find"], row["persona:ann"]) == ("-0.5", "-0.5")
    assert (row["metric:nps"], row["target:nps"]) == ("-0.5", "-1.5")


def test_writer_quotes_text_only() -> None:
    assert inert_row([LINK, -0.5, -1, None, "plain", "-0.5"]) == [
        quoted(LINK), -0.5, -1, None, "plain", "'-0.5"]  # "-0.5" as text is text
    stream = io.StringIO(newline="")
    CsvWriter(stream).writerow([TAB, CR, 3])
    assert next(csv.reader(io.StringIO(stream.getvalue(), newline=""))) == [
        quoted(TAB), quoted(CR), "3"]
