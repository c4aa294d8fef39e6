"""Issue 11: an analyst's first map, as first written, in one lint run.

``tests/data/analyst/outpatient.yaml`` holds every mistake of the issue's table at once,
except the two that break the YAML itself (``apostrophe.yaml``, ``indentation.yaml``),
which stop a file where they are. Positions were counted by hand in the files; the
messages are what the table asks for.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.lint.engine import LintOptions, lint_bytes, lint_file
from cjmap.lint.registry import RULES
from helpers import ROOT

ANALYST = ROOT / "tests" / "data" / "analyst"
OPTIONS = LintOptions(today=dt.date(2026, 11, 1))

# (code, line, column, words the message must hold), one per row of the table.
EXPECTED = [
    ("CJ209", 8, 11, "reviewed 2027-11-30 is in the future (today is 2026-11-01); a date "
                     "ahead is almost always a typo"),
    ("CJ101", 25, 10, "id 'wait-time' is already used by the metric at line 24, column 10"),
    ("CJ003", 32, 18, "'SMS' is not an id (ids are lower-case, with '-' for spaces): a "
                      "channel is referred to by its id; did you mean 'sms'?"),
    ("CJ003", 33, 19, "'Working parent' is not an id (ids are lower-case, with '-' for "
                      "spaces): a persona is referred to by its id; did you mean "
                      "'working-parent', the persona named 'Working parent'?"),
    ("CJ003", 38, 24, "frequency is a share from 0 to 1, not a percentage: write 0.45 for "
                      "45 %"),
    ("CJ210", 42, 19, "YAML splits [...] at its commas: this is 2 texts, not the sentence "
                      "'Finally, I can do this at night'"),
    ("CJ003", 50, 19, "YAML reads No as the boolean false, not as text: quote it (\"No\")"),
    ("CJ003", 56, 24, "frequency is a share from 0 to 1, not a percentage: write 0.45 for "
                      "45 %"),
]


def test_one_run_reports_every_mistake_of_the_map_as_first_written() -> None:
    result = lint_file(str(ANALYST / "outpatient.yaml"), OPTIONS)
    assert not result.loaded  # it fails the schema, and still every rule above ran
    found = [(f.code, f.line, f.column) for f in result.findings]
    assert found == [(code, line, column) for code, line, column, _ in EXPECTED]
    for finding, (_, _, _, words) in zip(result.findings, EXPECTED, strict=True):
        assert words in finding.message, finding.message


def test_the_apostrophe_is_named_at_the_quote_that_ends_the_text() -> None:
    [finding] = lint_file(str(ANALYST / "apostrophe.yaml"), OPTIONS).findings
    assert (finding.code, finding.line, finding.column) == ("CJ001", 10, 21)
    assert finding.message == (
        "this apostrophe ends the quoted text that starts at column 19, and the rest of the "
        "line cannot follow it: write it twice ('') inside single quotes, or use double "
        "quotes")


def test_the_indentation_slip_names_both_lines_and_the_columns() -> None:
    [finding] = lint_file(str(ANALYST / "indentation.yaml"), OPTIONS).findings
    assert (finding.code, finding.line, finding.column) == ("CJ001", 14, 8)
    assert finding.message == (
        "line 14 is indented 7 spaces but the list item on line 11 is indented 8: move "
        "line 14 1 column to the right so that they line up (YAML nests by indentation)")


def test_linting_the_directory_names_the_maps_the_globs_miss(tmp_path: Path) -> None:
    target = tmp_path / "maps"
    target.mkdir()
    (target / "outpatient.yaml").write_bytes((ANALYST / "outpatient.yaml").read_bytes())
    (target / "notes.yaml").write_text("owner: someone\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--format", "concise", str(target)])
    assert result.exit_code == 0, result.output  # a warning: nothing was checked
    [line] = [line for line in result.stdout.splitlines() if line.strip()]
    assert line.startswith(f"{target / 'outpatient.yaml'}:4:1: CJ211 [warning] ")
    assert "rename it to outpatient.cjmap.yaml or add it to 'include'" in line
    assert result.stderr == (
        "cjmap: warning: no map files found (looked for **/*.cjmap.yaml, **/*.cjmap.yml, "
        "**/*.cjlib.yaml, **/*.cjlib.yml); 1 other file(s) look like maps (CJ211 above)\n")


def test_format_doc_traps_list_what_cjmap_reports_each_with_its_code() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("## Traps that cjmap reports", 1)[1].split("\n## ", 1)[0]
    bullets = section.split("\n- ")[1:]
    assert len(bullets) == 12
    codes = set()
    for bullet in bullets:
        found = re.findall(r"\*\*(CJ\d{3})\*\*", bullet)
        assert found, f"a trap without its code: {bullet[:60]!r}"
        codes.update(found)
    # Each code names a rule with a case file showing the trap (tests/rules/).
    assert codes == {"CJ001", "CJ002", "CJ003", "CJ101", "CJ209", "CJ210", "CJ211"}
    assert codes <= {rule.code for rule in RULES}


PARTIAL = """\
cjmap: 1
id: clinic
title: Clinic
personas: [{id: parent, name: Parent}]
stages:
  - id: arrive
    name: Arrive
    touchpoints:
      - id: desk
        name: Desk
        personas: [Parent, nobody]
        pain_points:
          - {id: queue, title: Queue}
          - {id: forms, title: Forms, severity: 2, frequency: 45%}
          - {id: forms, title: More forms, severity: 9}
opportunities:
  - {id: kiosk, title: Kiosk, addresses: [queue, forms, lost], impact: 3, effort: 2}
"""


def test_rules_on_the_readable_part_place_findings_where_the_file_has_them() -> None:
    result = lint_bytes(PARTIAL.encode(), "partial.cjmap.yaml", OPTIONS)
    found = [(f.code, f.line, f.column) for f in result.findings]
    assert found == [
        ("CJ003", 11, 20),  # 'Parent' is a name: did you mean 'parent'
        ("CJ102", 11, 28),  # 'nobody', the second element in the file (first left out)
        ("CJ003", 13, 13),  # queue lacks its severity: left out whole
        ("CJ003", 14, 63),  # 45% (the field falls back to its default)
        # The second 'forms' has a bad severity: left out, so it is no duplicate; the
        # kiosk's reference to 'queue', left out, is not unknown; 'lost' is.
        ("CJ003", 15, 54),
        ("CJ102", 17, 57),
    ]
