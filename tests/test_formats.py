"""The CI formats (sarif, github, junit) and several reports in one run."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.commands import Streams
from cjmap.commands.lint import ReportTarget, lint, option_order, plan_reports
from cjmap.errors import ExitCode, UsageError
from cjmap.findings import Finding, Severity
from cjmap.lint.engine import FileResult, LintResult
from cjmap.lint.registry import RULES
from cjmap.reporting.lint.github import annotation, escape_data, escape_property
from cjmap.reporting.lint.junit import JunitReporter
from helpers import ROOT

BROKEN = ROOT / "examples" / "broken"
SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"

CONFIG = "[lint]\nstale-after-days = 100000\n"

CLEAN = """\
cjmap: 1
id: shop
title: Shop
owner: cx
reviewed: 2026-11-01
channels:
  - id: web
    name: Web
evidence:
  - id: survey
    kind: survey
    title: Survey
metrics:
  - id: nps
    name: NPS
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: pay
        name: Pay
        channel: web
        emotion: 1
        owner: ops
        evidence: [survey]
        metrics: [nps]
        pain_points:
          - id: fees
            title: Hidden fees
            severity: 3
opportunities:
  - id: show-fees
    title: Show fees early
    addresses: [fees]
    impact: 3
    effort: 2
    owner: product
    metrics: [nps]
"""

# CLEAN with an unused channel (CJ206 on 'fax', line 9, columns 9-12) and no
# opportunity (CJ201 on 'fees', line 30, columns 17-21).
WARN = (CLEAN.replace("    name: Web\n", "    name: Web\n  - id: fax\n    name: Fax\n")
        .split("opportunities:")[0] + "opportunities: []\n")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cjmap.toml").write_text(CONFIG)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "clean.cjmap.yaml").write_text(CLEAN)
    (tmp_path / "maps" / "warn.cjmap.yaml").write_text(WARN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(paths: list[str], fmt: str, **kwargs: object) -> tuple[ExitCode, str]:
    out = Path("report.out")
    quiet = Streams(io.StringIO(), io.StringIO())
    code = lint(paths, reports=[ReportTarget(fmt, out)], streams=quiet,
                **kwargs)  # type: ignore[arg-type]
    return code, out.read_text(encoding="utf-8")


def test_warn_map_has_the_two_findings_the_tests_assume(repo: Path) -> None:
    lines = WARN.splitlines()
    assert lines[8] == "  - id: fax"
    assert lines[29] == "          - id: fees"
    _, text = run(["maps/warn.cjmap.yaml"], "concise")
    assert text.splitlines() == [
        "maps/warn.cjmap.yaml:9:9: CJ206 [warning] channel 'fax' is defined but never used",
        "maps/warn.cjmap.yaml:30:17: CJ201 [warning] pain point 'fees' is not addressed by "
        "any opportunity",
    ]


# -- SARIF --------------------------------------------------------------------------------

def _validate(document: dict[str, object]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(document)


def test_sarif_of_broken_examples_validates_against_the_official_schema(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = sorted(BROKEN.glob("*.yaml"))
    assert broken, "examples/broken/ is empty"
    monkeypatch.chdir(BROKEN.parent.parent)
    out = tmp_path / "lint.sarif"
    code = lint([str(p.relative_to(BROKEN.parent.parent)) for p in broken],
                reports=[ReportTarget("sarif", out)],
                streams=Streams(io.StringIO(), io.StringIO()))
    assert code == ExitCode.PROBLEMS
    document = json.loads(out.read_text(encoding="utf-8"))
    _validate(document)
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    # Every rule is listed, results or not, with the fields code scanning shows.
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    for rule in rules:
        assert {"id", "name", "shortDescription", "fullDescription", "help", "helpUri"} <= set(
            rule)
        assert rule["helpUri"].endswith(f"#{rule['id'].lower()}-{rule['name']}")
    fired: dict[str, set[str]] = {}
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = location["artifactLocation"]["uri"]
        assert uri.startswith("examples/broken/")
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"],
                                                             region["startColumn"])
        assert result["partialFingerprints"]["cjmap/v1"]
        fired.setdefault(uri, set()).add(result["ruleId"])
    # Each broken example is named after the rule it makes fire.
    for path in broken:
        code_in_name = path.name[:5].upper()
        if code_in_name == "CJ211":
            continue  # found by searching a directory, not in a file named: test_examples.py
        assert code_in_name in fired.get(f"examples/broken/{path.name}", set()), path.name


def test_sarif_result_fields_for_a_known_map(repo: Path) -> None:
    code, text = run(["maps/warn.cjmap.yaml", "maps/clean.cjmap.yaml"], "sarif")
    assert code == ExitCode.OK  # warnings only, fail-on error
    document = json.loads(text)
    _validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == 2
    first = results[0]
    assert first["ruleId"] == "CJ206"
    assert first["level"] == "warning"
    assert first["message"]["text"] == "channel 'fax' is defined but never used"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "maps/warn.cjmap.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 9, "startColumn": 9, "endLine": 9, "endColumn": 12},
    }
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/channels/1/id"
    assert results[1]["ruleId"] == "CJ201"
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 30
    info = document["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in info}["CJ205"] == "note"


def test_sarif_fingerprints_survive_inserted_lines(repo: Path) -> None:
    _, before = run(["maps/warn.cjmap.yaml"], "sarif")
    shifted = WARN.replace("title: Shop\n", "title: Shop\nsummary: |\n  two\n  lines\n")
    Path("maps/warn.cjmap.yaml").write_text(shifted)
    _, after = run(["maps/warn.cjmap.yaml"], "sarif")

    def prints(text: str) -> list[tuple[str, int]]:
        return [(r["partialFingerprints"]["cjmap/v1"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in json.loads(text)["runs"][0]["results"]]

    old, new = prints(before), prints(after)
    assert [line for _, line in old] == [9, 30]
    assert [line for _, line in new] == [12, 33]
    assert [fp for fp, _ in old] == [fp for fp, _ in new]
    assert old[0][0] != old[1][0]


# -- JUnit --------------------------------------------------------------------------------

def test_junit_structure(repo: Path) -> None:
    _, text = run(["maps/clean.cjmap.yaml", "maps/warn.cjmap.yaml"], "junit")
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    # 1 passing case for the clean file + 1 failing case per finding (2).
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["maps/clean.cjmap.yaml", "maps/warn.cjmap.yaml"]
    clean, warn = suites
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")
    cases = clean.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None
    assert (warn.get("tests"), warn.get("failures")) == ("2", "2")
    failures = [case.find("failure") for case in warn.findall("testcase")]
    assert [f.get("type") for f in failures if f is not None] == ["CJ206", "CJ201"]
    first = warn.findall("testcase")[0]
    assert first.get("name") == "CJ206 unused-definition at 9:9"
    assert first.get("classname") == "maps/warn.cjmap.yaml"
    assert first.get("line") == "9"
    assert failures[0] is not None
    assert failures[0].get("message") == "channel 'fax' is defined but never used"
    assert (failures[0].text or "").startswith("maps/warn.cjmap.yaml:9:9: CJ206 [warning] ")


def test_junit_escapes_user_text_and_control_characters(repo: Path) -> None:
    # An unknown key with XML specials and a control character ends up in the message.
    Path("maps/odd.cjmap.yaml").write_text(CLEAN.replace(
        "title: Shop\n", 'title: Shop\n"<&\\x01\\">": 1\n'))
    code, text = run(["maps/odd.cjmap.yaml"], "junit")
    assert code == ExitCode.PROBLEMS
    root = ET.fromstring(text)  # parses: & < " escaped, \x01 written as \\x01
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert "<&\\x01\"" in (failure.get("message") or "")


def test_junit_writes_characters_xml_cannot_hold_as_escapes() -> None:
    finding = Finding("CJ003", "schema", Severity.ERROR, "bad \x01 byte & <tag>", "a.yaml",
                      1, 1, 1, 2, "")
    stream = io.StringIO()
    JunitReporter(stream).report(LintResult([FileResult("a.yaml", [finding], False)]))
    failure = ET.fromstring(stream.getvalue()).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bad \\x01 byte & <tag>"


# -- github -------------------------------------------------------------------------------

def test_github_escaping_matches_the_actions_toolkit() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    # % goes first, so an escape already in the text is not decoded by GitHub.
    assert escape_data("%0A") == "%250A"


def test_github_annotation_line() -> None:
    finding = Finding("CJ201", "unaddressed-pain", Severity.WARNING,
                      "50% of users:\nsee, here", "maps/a,b:c.cjmap.yaml", 3, 5, 3, 9,
                      "/stages/0")
    assert annotation(finding, finding.file) == (
        "::warning file=maps/a%2Cb%3Ac.cjmap.yaml,line=3,col=5,endLine=3,endColumn=9,"
        "title=CJ201 unaddressed-pain::50%25 of users:%0Asee, here")
    info = Finding("CJ205", "missing-owner", Severity.INFO, "m", "x.yaml", 1, 1, 1, 2, "")
    assert annotation(info, "x.yaml").startswith("::notice file=x.yaml,")


def test_github_groups_per_file_and_step_summary(repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    summary = repo / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, text = run(["maps/clean.cjmap.yaml", "maps/warn.cjmap.yaml"], "github")
    assert text.splitlines() == [
        "::group::maps/warn.cjmap.yaml",
        "::warning file=maps/warn.cjmap.yaml,line=9,col=9,endLine=9,endColumn=12,"
        "title=CJ206 unused-definition::channel 'fax' is defined but never used",
        "::warning file=maps/warn.cjmap.yaml,line=30,col=17,endLine=30,endColumn=21,"
        "title=CJ201 unaddressed-pain::pain point 'fees' is not addressed by any opportunity",
        "::endgroup::",
        "2 files checked: 0 errors, 2 warnings, 0 info in 1 file.",
    ]
    written = summary.read_text()
    assert written.startswith("earlier step\n## ")  # appended, never overwritten
    assert "| CJ201 unaddressed-pain | warning | 1 |" in written
    assert "| maps/warn.cjmap.yaml | 30 | CJ201 | pain point 'fees' is not addressed" in written


def test_github_without_step_summary_writes_no_file(repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _, text = run(["maps/clean.cjmap.yaml"], "github")
    assert text == "1 file checked: no problems.\n"
    assert sorted(p.name for p in repo.iterdir()) == ["cjmap.toml", "maps", "report.out"]


# -- several formats in one run -------------------------------------------------------------

def test_option_order_reads_the_raw_arguments() -> None:
    assert option_order(["--format", "sarif", "-o", "x", "-fjson", "--output=y", "a.yaml",
                         "--", "-f"]) == ["f", "o", "f", "o"]


@pytest.mark.parametrize(("formats", "outputs", "args", "expected"), [
    ([], [], [], [ReportTarget("text")]),
    ([], ["r.txt"], ["-o", "r.txt"], [ReportTarget("text", Path("r.txt"))]),
    (["sarif", "text"], ["lint.sarif"],
     ["--format", "sarif", "--output", "lint.sarif", "--format", "text"],
     [ReportTarget("sarif", Path("lint.sarif")), ReportTarget("text")]),
    (["github", "sarif"], ["cjmap.sarif"],
     ["--format", "github", "--format", "sarif", "--output", "cjmap.sarif"],
     [ReportTarget("github"), ReportTarget("sarif", Path("cjmap.sarif"))]),
    (["sarif:lint.sarif", "junit:-"], [], ["-f", "sarif:lint.sarif", "-f", "junit:-"],
     [ReportTarget("sarif", Path("lint.sarif")), ReportTarget("junit")]),
    (["json"], ["out.json"], ["-o", "out.json", "-f", "json"],
     [ReportTarget("json", Path("out.json"))]),
    ([], ["-"], ["-o", "-"], [ReportTarget("text")]),
    (["json", "sarif"], ["-", "x"], ["-f", "json", "-o", "-", "-f", "sarif", "-o", "x"],
     [ReportTarget("json"), ReportTarget("sarif", Path("x"))]),
    # Without the raw arguments, outputs pair with formats by position.
    (["sarif", "text"], ["lint.sarif"], None,
     [ReportTarget("sarif", Path("lint.sarif")), ReportTarget("text")]),
])
def test_plan_reports(formats: list[str], outputs: list[str], args: list[str] | None,
                      expected: list[ReportTarget]) -> None:
    assert plan_reports(formats, [Path(o) for o in outputs], args) == expected


@pytest.mark.parametrize(("formats", "outputs", "args", "error"), [
    (["github", "text"], [], ["-f", "github", "-f", "text"], "standard output"),
    (["sarif", "json"], ["a", "a"], ["-f", "sarif", "-o", "a", "-f", "json", "-o", "a"],
     "same file"),
    (["sarif", "json"], ["a"], ["-o", "a", "-f", "sarif", "-f", "json"], "right after"),
    (["sarif:x"], ["y"], ["-f", "sarif:x", "-o", "y"], "right after"),
    (["xml"], [], ["-f", "xml"], "unknown format"),
])
def test_plan_reports_refuses_ambiguity(formats: list[str], outputs: list[str],
                                        args: list[str], error: str) -> None:
    with pytest.raises(UsageError, match=error):
        plan_reports(formats, [Path(o) for o in outputs], args)


def test_cli_writes_sarif_to_file_and_text_to_stdout(repo: Path) -> None:
    result = CliRunner().invoke(app, ["lint", "--format", "sarif", "--output", "lint.sarif",
                                      "--format", "concise", "maps"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("maps/warn.cjmap.yaml:9:9: CJ206")
    _validate(json.loads((repo / "lint.sarif").read_text()))
    both = CliRunner().invoke(app, ["lint", "-f", "junit:r.xml", "-f", "sarif:r.sarif",
                                    "maps"])
    assert both.exit_code == 0
    assert "Reports written to r.xml, r.sarif." in both.stderr
    assert ET.parse(repo / "r.xml").getroot().get("failures") == "2"


def test_cli_usage_errors_exit_2(repo: Path) -> None:
    result = CliRunner().invoke(app, ["lint", "-f", "text", "-f", "json", "maps"])
    assert result.exit_code == 2
    assert "standard output" in result.stderr


def test_report_never_overwrites_an_input(repo: Path) -> None:
    with pytest.raises(UsageError, match="over an input"):
        lint(["maps/warn.cjmap.yaml"],
             reports=[ReportTarget("sarif", Path("maps/warn.cjmap.yaml"))],
             streams=Streams(io.StringIO(), io.StringIO()))
    assert Path("maps/warn.cjmap.yaml").read_text() == WARN
