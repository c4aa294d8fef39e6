"""Inline suppressions, CJ900, per-file ignores and severity overrides."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.commands import Streams
from cjmap.commands.lint import ReportTarget, lint
from cjmap.errors import ExitCode
from cjmap.findings import Severity
from cjmap.lint.engine import FileResult, LintOptions, lint_bytes
from cjmap.lint.suppress import parse

TODAY = dt.date(2026, 11, 22)

# Two warnings: CJ206 on 'fax' (line 9, column 9) and CJ201 on 'fees' (line 19, column 17).
# Line 19 also has CJ202 (no evidence on the pain or its touchpoint).
BASE = """\
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
  - id: buy
    name: Buy
    touchpoints:
      - id: pay
        name: Pay
        channel: web
        emotion: 1
        owner: ops
        pain_points:
          - id: fees
            title: Hidden fees
            severity: 3
opportunities: []
"""
FAX_LINE, FEES_LINE = 9, 21


def quiet() -> Streams:
    return Streams(io.StringIO(), io.StringIO())


def lint_text(text: str, **options: object) -> FileResult:
    """Lint ``text`` as m.cjmap.yaml on TODAY."""
    return lint_bytes(text.encode(), "m.cjmap.yaml",
                      LintOptions(today=TODAY, **options))  # type: ignore[arg-type]


def found(text: str, **options: object) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in lint_text(text, **options).findings]


def messages(text: str) -> list[str]:
    return [f"{f.code} {f.line}:{f.column} {f.message}" for f in lint_text(text).findings]


def edit(line: int, new: str, text: str = BASE) -> str:
    """Replace 1-based ``line`` of ``text``."""
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def insert(before: int, new: str, text: str = BASE) -> str:
    lines = text.splitlines()
    lines.insert(before - 1, new)
    return "\n".join(lines) + "\n"


def test_base_findings() -> None:
    assert BASE.splitlines()[FAX_LINE - 1] == "  - id: fax"
    assert BASE.splitlines()[FEES_LINE - 1] == "          - id: fees"
    assert found(BASE) == [("CJ206", 9, 9), ("CJ201", 21, 17), ("CJ202", 21, 17)]


def test_end_of_line_suppression_covers_only_its_codes_on_its_line() -> None:
    text = edit(FEES_LINE, "          - id: fees  # cjmap: ignore[CJ201]")
    assert found(text) == [("CJ206", 9, 9), ("CJ202", 21, 17)]


def test_several_codes_any_case_and_spacing() -> None:
    text = edit(FEES_LINE, "          - id: fees #cjmap:ignore[ cj201 ,CJ202 ]")
    assert found(text) == [("CJ206", 9, 9)]


def test_own_line_suppression_covers_the_next_code_line() -> None:
    # Blank lines and other comments between the directive and its line are skipped.
    text = insert(FEES_LINE, "          # cjmap: ignore[CJ201]\n\n          # why: known issue")
    assert found(text) == [("CJ206", 9, 9), ("CJ202", 24, 17)]


def test_own_line_suppression_does_not_reach_further() -> None:
    text = insert(FEES_LINE - 1, "        # cjmap: ignore[CJ201]")  # above 'pain_points:'
    assert found(text) == [
        ("CJ206", 9, 9), ("CJ900", 20, 9), ("CJ201", 22, 17), ("CJ202", 22, 17)]
    assert "no CJ201 (unaddressed-pain) finding on line 21" in messages(text)[1]


def test_ignore_file_anywhere() -> None:
    text = BASE + "# cjmap: ignore-file[CJ206, CJ202]\n"
    assert found(text) == [("CJ201", 21, 17)]


def test_a_directive_needs_whitespace_before_the_hash() -> None:
    # In 'title: a#b' the '#' is part of a plain scalar, not a comment.
    assert parse("title: fees#cjmap:ignore[CJ201]\n").directives == []
    assert [d.code for d in parse("title: fees #cjmap:ignore[CJ201]\n").directives] == [
        "CJ201"]


def test_unused_suppressions_are_reported_at_the_comment() -> None:
    text = edit(7, "  - id: web  # cjmap: ignore[CJ206]")  # 'web' is used: nothing to silence
    assert found(text)[0] == ("CJ900", 7, 14)
    assert messages(text)[0] == (
        "CJ900 7:14 unused suppression: no CJ206 (unused-definition) finding on line 7")
    file_wide = BASE + "# cjmap: ignore-file[CJ104]\n"
    assert messages(file_wide)[-1] == (
        "CJ900 25:1 unused suppression: no CJ104 (empty-stage) finding in this file")


def test_cj900_severity_is_info() -> None:
    text = edit(7, "  - id: web  # cjmap: ignore[CJ206]")
    assert lint_text(text).findings[0].severity is Severity.INFO


@pytest.mark.parametrize(("comment", "message"), [
    ("# cjmap: ignore", "'# cjmap: ignore' without codes suppresses nothing; "
                        "name them: '# cjmap: ignore[CJ201]'"),
    ("# cjmap: ignore[]", "'# cjmap: ignore' without codes suppresses nothing; "
                          "name them: '# cjmap: ignore[CJ201]'"),
    ("# cjmap: ignore-file", "'# cjmap: ignore-file' without codes suppresses nothing; "
                             "name them: '# cjmap: ignore-file[CJ201]'"),
    ("# cjmap: ignore[CJ999]", "CJ999 in a suppression is not a cjmap rule"),
    ("# cjmap: ignore[unaddressed-pain]",
     "'UNADDRESSED-PAIN' in a suppression is not a rule code (e.g. CJ201)"),
    ("# cjmap: ignore-file[CJ003]",
     "CJ003 (schema) cannot be suppressed: a map with this problem is not checked at all"),
])
def test_suppressions_that_cannot_work(comment: str, message: str) -> None:
    assert messages(BASE + comment + "\n")[-1] == f"CJ900 25:1 {message}"


def test_blanket_ignore_does_not_suppress() -> None:
    text = edit(FEES_LINE, "          - id: fees  # cjmap: ignore")
    assert [c for c, _, _ in found(text)] == ["CJ206", "CJ201", "CJ202", "CJ900"]


def test_load_blocking_findings_cannot_be_suppressed_or_ignored() -> None:
    broken = edit(23, "            severity: high  # cjmap: ignore[CJ003]")
    assert found(broken) == [("CJ003", 23, 23)]
    assert found(broken, ignore=("CJ003",)) == [("CJ003", 23, 23)]
    assert found(broken, select=("CJ2",)) == [("CJ003", 23, 23)]


def test_directives_are_found_in_yaml_that_does_not_parse() -> None:
    text = "cjmap: 1\nid: [unclosed  # cjmap: ignore[CJ001]\n"
    parsed = parse(text)
    assert [(d.code, d.line, d.target) for d in parsed.directives] == [("CJ001", 2, 2)]
    assert [c for c, _, _ in found(text)] == ["CJ001"]  # still reported, no CJ900


def test_unused_suppression_of_a_rule_that_is_off_is_not_reported() -> None:
    text = edit(7, "  - id: web  # cjmap: ignore[CJ206]")
    assert found(text, ignore=("CJ206",)) == [("CJ201", 21, 17), ("CJ202", 21, 17)]


def test_cj900_can_itself_be_suppressed_and_ignored() -> None:
    same_line = edit(7, "  - id: web  # cjmap: ignore[CJ206, CJ900]")
    assert found(same_line)[0] == ("CJ206", 9, 9)
    whole = edit(7, "  - id: web  # cjmap: ignore[CJ206]") + "# cjmap: ignore-file[CJ900]\n"
    assert "CJ900" not in [c for c, _, _ in found(whole)]
    assert "CJ900" not in [c for c, _, _ in found(same_line, ignore=("CJ9",))]


def test_own_line_directive_at_the_end_covers_nothing() -> None:
    assert messages(BASE + "# cjmap: ignore[CJ201]\n")[-1] == (
        "CJ900 25:1 unused suppression of CJ201: no line follows the comment")


# -- configuration: per-file ignores and severity overrides ----------------------------------

@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "legacy").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "legacy" / "old.cjmap.yaml").write_text(BASE)
    (tmp_path / "maps" / "new.cjmap.yaml").write_text(BASE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(config: str, targets: list[str] | None = None) -> tuple[ExitCode, dict[str, object]]:
    Path("cjmap.toml").write_text("[lint]\nstale-after-days = 100000\n" + config)
    out = Path("out.json")
    code = lint(targets or ["."], reports=[ReportTarget("json", out)], streams=quiet())
    return code, json.loads(out.read_text())


def codes_by_file(document: dict[str, object]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    findings = document["findings"]
    assert isinstance(findings, list)
    for f in findings:
        result.setdefault(f["file"], []).append(f"{f['code']}:{f['severity']}")
    return result


def test_per_file_ignores(repo: Path) -> None:
    code, document = run_json('per-file-ignores = { "legacy/**" = ["CJ201", "CJ202"] }\n')
    assert code == ExitCode.OK
    assert codes_by_file(document) == {
        "legacy/old.cjmap.yaml": ["CJ206:warning"],
        "maps/new.cjmap.yaml": ["CJ206:warning", "CJ201:warning", "CJ202:warning"],
    }


def test_per_file_ignores_match_paths_relative_to_the_config_root(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("cjmap.toml").write_text("[lint]\nstale-after-days = 100000\n"
                                  'per-file-ignores = { "legacy/*.cjmap.yaml" = ["CJ206"] }\n')
    monkeypatch.chdir(repo / "legacy")
    out = repo / "out.json"
    lint(["old.cjmap.yaml"], reports=[ReportTarget("json", out)], streams=quiet())
    assert codes_by_file(json.loads(out.read_text())) == {
        "old.cjmap.yaml": ["CJ201:warning", "CJ202:warning"]}


def test_severity_overrides(repo: Path) -> None:
    code, document = run_json('severity = { CJ206 = "error", CJ201 = "info" }\n',
                              ["maps"])
    assert code == ExitCode.PROBLEMS  # CJ206 is now an error
    assert codes_by_file(document) == {
        "maps/new.cjmap.yaml": ["CJ206:error", "CJ201:info", "CJ202:warning"]}
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert (summary["error"], summary["warning"], summary["info"]) == (1, 1, 1)


def test_severity_override_of_cj900(repo: Path) -> None:
    Path("maps/new.cjmap.yaml").write_text(edit(7, "  - id: web  # cjmap: ignore[CJ206]"))
    code, document = run_json('severity = { CJ900 = "error" }\n', ["maps"])
    assert code == ExitCode.PROBLEMS
    assert codes_by_file(document)["maps/new.cjmap.yaml"][0] == "CJ900:error"


def test_per_file_ignores_and_inline_suppressions_together(repo: Path) -> None:
    Path("legacy/old.cjmap.yaml").write_text(BASE + "# cjmap: ignore-file[CJ206]\n")
    _, document = run_json('per-file-ignores = { "legacy/**" = ["CJ2"] }\n', ["legacy"])
    # CJ206 is off for the file, so the comment is neither used nor reported.
    assert codes_by_file(document) == {}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "# cjmap: ignore[CJ201]", "#cjmap:ignore-file[cj206,", "  - id: x  # cjmap: ignore[",
    "# cjmap: ignore[CJ20]", "# cjmap: ignore[]]", "# CJMAP: IGNORE[CJ900]", "", "   ",
    "key: value", "  # comment", "\t# cjmap: ignore[CJ001]", "a # cjmap: ignore[CJ201, ,]",
]), max_size=12), st.text(max_size=40))
def test_any_comment_text_gives_findings_not_errors(lines: list[str], junk: str) -> None:
    text = BASE + "\n".join(lines) + "\n" + junk
    result = lint_bytes(text.encode("utf-8", "surrogatepass"), "m.cjmap.yaml",
                        LintOptions(today=TODAY))
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
