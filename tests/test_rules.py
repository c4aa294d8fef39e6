"""Rule cases as data: ``tests/rules/CJNNN.yaml`` holds passing and failing maps per rule.

Each case is ``{name, snippet, expect: [[code, line, column], ...]}`` with positions
worked out by hand from the snippet. A case may add ``stale-after-days``, ``today`` or
``select``, and ``files`` for checks across files: other files by path (libraries,
other maps), written next to the snippet, which is then ``maps/case.cjmap.yaml``; the
whole directory is linted, and an expected finding in another file names it as a
fourth element, ``[code, line, column, path]``. ``says`` lists words that the message
at a place must hold: ``[[line, column, words], ...]`` (in the snippet). Every case is
linted with only its own rule selected (unless it says otherwise), so that other rules'
findings about the same small map do not get in the way; findings that stop a map from
loading are shown whatever is selected.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cjmap.config import load_config
from cjmap.lint.engine import LintOptions, lint_bytes, lint_paths
from cjmap.lint.registry import RULES
from helpers import ROOT

CASES_DIR = Path(__file__).resolve().parent / "rules"
TODAY = dt.date(2026, 11, 1)
CODE_FILE = re.compile(r"^CJ\d{3}\.yaml$")


def _case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.yaml") if CODE_FILE.match(p.name))


def _load_cases() -> list[Any]:
    params = []
    for path in _case_files():
        code = path.stem
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list), path
        for case in cases:
            params.append(pytest.param(code, case, id=f"{code}-{case['name']}"))
    return params


def _options(code: str, case: dict[str, Any]) -> LintOptions:
    return LintOptions(
        select=tuple(case.get("select", [code])),
        today=case.get("today", TODAY),
        stale_after_days=case.get("stale-after-days", 180),
    )


def _run(code: str, case: dict[str, Any]) -> list[list[Any]]:
    result = lint_bytes(case["snippet"].encode("utf-8"), "case.cjmap.yaml", _options(code, case))
    messages = {(f.line, f.column): f.message for f in result.findings}
    for line, column, words in case.get("says", []):
        assert words in messages.get((line, column), ""), messages
    return [[f.code, f.line, f.column] for f in result.findings]


def _run_files(code: str, case: dict[str, Any], directory: Path) -> list[list[Any]]:
    """Write the case's files and its map (``maps/case.cjmap.yaml``), lint them all."""
    for name, text in {**case["files"], MAP_IN_FILES: case["snippet"]}.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
    result = lint_paths([str(directory)], load_config(start=directory), _options(code, case))
    found = []
    for file in result.files:
        name = Path(file.path).relative_to(directory).as_posix()
        for f in file.findings:
            found.append([f.code, f.line, f.column] + ([] if name == MAP_IN_FILES else [name]))
    return found


MAP_IN_FILES = "maps/case.cjmap.yaml"


def _order(finding: list[Any]) -> tuple[str, int, int]:
    return (finding[3] if len(finding) > 3 else MAP_IN_FILES, finding[1], finding[2])


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    expected = sorted(case["expect"], key=_order)
    assert all(e[0] == code for e in expected), "a case only expects its own rule"
    if "files" in case:
        assert sorted(_run_files(code, case, tmp_path), key=_order) == expected
    else:
        assert _run(code, case) == expected


def test_every_case_file_has_a_passing_and_a_failing_case() -> None:
    for path in _case_files():
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert any(c["expect"] == [] for c in cases), f"{path.name}: no passing case"
        assert any(c["expect"] for c in cases), f"{path.name}: no failing case"
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"
        for case in cases:
            assert set(case) <= {"name", "snippet", "expect", "today", "stale-after-days",
                                 "select", "files", "says"}


def test_every_rule_has_a_case_file_and_every_case_file_a_rule() -> None:
    files = {p.stem for p in _case_files()}
    codes = {rule.code for rule in RULES}
    assert files == codes


def test_rule_codes_are_unique_and_names_kebab_case() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert codes == sorted(codes), "the registry lists rules in code order"
    for rule in RULES:
        assert re.fullmatch(r"CJ\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name


def test_rule_docs_have_a_summary_and_passing_and_failing_examples() -> None:
    for rule in RULES:
        assert rule.summary and not rule.summary.endswith(":"), rule.code
        assert "Passing" in rule.doc and "Failing" in rule.doc, rule.code
        blocks = re.findall(r"```yaml\n(.*?)```", rule.doc, flags=re.DOTALL)
        assert len(blocks) >= 2, f"{rule.code}: needs a passing and a failing yaml block"
        passing = rule.doc.index("Passing")
        failing = rule.doc.index("Failing")
        assert passing < failing, rule.code


def test_design_table_severities() -> None:
    # Each rule's name and default severity as the table of docs/rules.md documents them
    # (that page is generated from the rules, so this table, written out, pins them).
    expected = {
        "CJ001": ("yaml-syntax", "error"), "CJ002": ("duplicate-key", "error"),
        "CJ003": ("schema", "error"), "CJ004": ("unsupported-version", "error"),
        "CJ101": ("duplicate-id", "error"), "CJ102": ("unknown-reference", "error"),
        "CJ103": ("emotion-out-of-scale", "error"), "CJ104": ("empty-stage", "warning"),
        "CJ201": ("unaddressed-pain", "warning"), "CJ202": ("pain-without-evidence", "warning"),
        "CJ203": ("missing-emotion", "warning"), "CJ204": ("missing-channel", "warning"),
        "CJ205": ("missing-owner", "info"), "CJ206": ("unused-definition", "warning"),
        "CJ207": ("stale-map", "warning"), "CJ208": ("opportunity-without-metric", "info"),
        "CJ209": ("future-date", "warning"), "CJ210": ("split-sentence", "warning"),
        "CJ211": ("map-outside-include", "warning"), "CJ212": ("bidi-override", "warning"),
        "CJ301": ("library-not-found", "error"), "CJ302": ("id-in-map-and-library", "error"),
        "CJ303": ("library-conflict", "error"), "CJ304": ("unused-library-item", "warning"),
    }
    actual = {r.code: (r.name, str(r.severity)) for r in RULES}
    assert {code: actual.get(code) for code in expected} == expected


def test_case_messages_name_what_is_wrong() -> None:
    # Spot checks of the messages behind a few of the cases above.
    case = {"snippet": "cjmap: 1\nid: shop\ntitel: Shop\nstages: [{id: buy, name: Buy}]\n"}
    options = LintOptions(select=("CJ003",), today=TODAY)
    result = lint_bytes(case["snippet"].encode(), "m.yaml", options)
    messages = [f.message for f in result.findings]
    assert "unknown field 'titel' (did you mean 'title'?)" in messages
    assert "missing required field 'title'" in messages


# -- docs/rules.md --------------------------------------------------------------------------------

DOCS_RULES = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    from cjmap.docs import rules_markdown

    assert DOCS_RULES.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run .venv/bin/python scripts/gen_rules_doc.py")


def test_rules_markdown_has_a_row_and_a_section_per_rule() -> None:
    from cjmap.docs import rules_markdown

    text = rules_markdown()
    for rule in RULES:
        heading = f"\n## {rule.code} {rule.name}\n"
        assert text.count(heading) == 1, rule.code
        row = f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | `{rule.name}` | "
        assert row in text, rule.code
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        assert f"Default severity: **{rule.severity}**." in section
        assert rule.doc in section
    # Fences are balanced, or the page renders as one long code block.
    assert text.count("```") % 2 == 0


def test_a_pipe_in_a_summary_does_not_break_the_table() -> None:
    from cjmap.docs import rules_markdown
    from cjmap.findings import Severity
    from cjmap.lint.rule import Rule

    rule = Rule("CJ999", "odd-rule", Severity.INFO, "Either a | b.", "Body.")
    assert "| Either a \\| b. |" in rules_markdown([rule])


def test_gen_rules_doc_check_mode() -> None:
    import subprocess
    import sys

    script = ROOT / "scripts" / "gen_rules_doc.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr


# -- suggestions ------------------------------------------------------------------------------

def test_did_you_mean_small_and_large_pools() -> None:
    from cjmap.suggest import closest, did_you_mean

    assert did_you_mean("titel", ["title", "summary"]) == " (did you mean 'title'?)"
    assert did_you_mean("zzz", ["title", "summary"]) == ""
    assert closest("persona-x", []) is None
    many = [f"persona-{i}" for i in range(1000)] + ["checkout-page"]
    # One edit away (a substitution, a deletion, an insertion, a swap): found in any pool.
    assert closest("checkout-pag", many) == "checkout-page"
    assert closest("checkout-pagee", many) == "checkout-page"
    assert closest("checkuot-page", many) == "checkout-page"
    assert closest("chackout-page", many) == "checkout-page"
    assert closest("persona-99x", many) == "persona-99"
    # Further away: only small pools get the slower, looser comparison.
    assert closest("chekcout-pgae", ["checkout-page", "cart"]) == "checkout-page"
    assert closest("chekcout-pgae", many) is None
