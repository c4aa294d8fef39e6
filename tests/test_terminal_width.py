"""Issue 11: on a 100-column terminal, tables fit without breaking an id or a number.

The terminal is forced the way a user's shell gives it: ``COLUMNS=100``, and
``FORCE_COLOR`` for a terminal's layout (the test's output is not a real one). The
colour codes are removed before lines are measured.
"""

from __future__ import annotations

import re

from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.lint.registry import RULES
from helpers import ROOT, journey_at

FIXED = ROOT / "tests" / "data" / "analyst" / "fixed" / "outpatient.cjmap.yaml"
TERMINAL = {"COLUMNS": "100", "FORCE_COLOR": "1", "NO_COLOR": ""}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, env: dict[str, str] | None = None) -> list[str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout).splitlines()


def ids_in(lines: list[str]) -> set[str]:
    """The words of the output, each id being one (ids hold no spaces)."""
    return {word.strip(",") for line in lines for word in line.split()}


def test_score_fits_100_columns_with_every_id_whole() -> None:
    lines = run("score", str(FIXED), env=TERMINAL)
    assert max(len(line) for line in lines) <= 100
    journey = journey_at(FIXED)
    shown = ids_in(lines)
    # Every opportunity, pain point, stage and touchpoint id the scorecard names.
    expected = {o.id for o in journey.opportunities}
    expected |= {p.id for s in journey.stages for t in s.touchpoints for p in t.pain_points}
    expected |= {s.id for s in journey.stages}
    assert expected <= shown
    # A title that did not fit ends in an ellipsis; the opportunity's id is whole.
    [row] = [line for line in lines if line.startswith("1  letter-by-sms-and-portal ")]
    assert "Send the" in row and "…" in row


def test_score_wide_and_off_a_terminal_show_every_title_whole() -> None:
    title = "Send the referral letter by SMS and on the portal the same day, with reminders"
    for lines in (run("score", "--wide", str(FIXED), env=TERMINAL), run("score", str(FIXED))):
        assert any(title in line for line in lines)
        assert not any("…" in line for line in lines)


def test_rules_fit_100_columns_with_every_code_and_name_whole() -> None:
    lines = run("rules", env=TERMINAL)
    assert max(len(line) for line in lines) <= 100
    for rule, line in zip(RULES, lines, strict=True):
        assert line.split()[:3] == [rule.code, rule.name, str(rule.severity)]
    wide = run("rules", "--wide", env=TERMINAL)
    assert [line.split(None, 3)[3] for line in wide] == [rule.summary for rule in RULES]
