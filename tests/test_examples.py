"""The example maps, the broken maps that make each rule fire, and docs/format.md.

- Every ``examples/*.cjmap.yaml`` lints with no findings at all (warnings and info
  included), and is rich enough to show what the format can say.
- Every ``examples/broken/*.yaml`` documents its findings in header lines of the form
  ``# expect: CJ102 14:18``; the lint engine must report exactly those (code, line,
  column), nothing more and nothing less. The expectations were worked out by reading
  the files, not copied from cjmap's output.
- ``docs/format.md`` names every field of every model, and its complete example lints
  clean.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cjmap import model
from cjmap.cli import app
from cjmap.lint.engine import LintOptions, lint_bytes, lint_file
from cjmap.lint.registry import RULES
from cjmap.model import JourneyMap, Status
from cjmap.yamlio import read_document
from helpers import EXAMPLE_MAPS, ROOT, as_json, journey_at

EXAMPLES = ROOT / "examples"
BROKEN = EXAMPLES / "broken"
FORMAT_DOC = ROOT / "docs" / "format.md"
SCHEMA = ROOT / "schemas" / "cjmap.schema.json"

# Pinned so that CJ207 (stale-map) gives the same answer whenever the suite runs.
TODAY = dt.date(2026, 11, 22)
OPTIONS = LintOptions(today=TODAY)

BROKEN_MAPS = sorted(BROKEN.glob("*.yaml"))

EXPECT = re.compile(r"^# expect: (CJ[0-9]{3}) ([1-9][0-9]*):([1-9][0-9]*)$")
Position = tuple[str, int, int]


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def expectations(path: Path) -> list[Position]:
    """The ``# expect:`` lines of a broken map, as sorted (code, line, column)."""
    found: list[Position] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("# expect"):
            continue
        match = EXPECT.match(line)
        # A mistyped expectation must fail loudly, not be skipped.
        assert match, f"{path.name}:{number}: malformed expectation {line!r}"
        found.append((match[1], int(match[2]), int(match[3])))
    return sorted(found)


# -- the realistic examples -----------------------------------------------------------


def test_there_are_the_four_examples() -> None:
    names = {p.name.removesuffix(".cjmap.yaml") for p in EXAMPLE_MAPS}
    assert {"online-clothing", "saas-onboarding", "hotel-stay", "subscription-churn"} <= names


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=_ids(EXAMPLE_MAPS))
def test_example_has_no_findings(path: Path) -> None:
    result = lint_file(str(path), OPTIONS)
    assert result.loaded
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == []


def test_cli_lint_examples_exits_0() -> None:
    result = CliRunner().invoke(app, ["lint", str(EXAMPLES)])
    assert result.exit_code == 0, result.output


def test_cli_lint_examples_strictly_exits_0() -> None:
    # Fail on anything, even info. CJ207 is left to the pinned-date test above: with
    # the real date, the examples' review dates age and the rule would fire one day.
    result = CliRunner().invoke(
        app, ["lint", "--fail-on", "info", "--ignore", "CJ207", str(EXAMPLES)])
    assert result.exit_code == 0, result.output


def test_cli_lint_examples_skips_broken_maps() -> None:
    # examples/broken/*.yaml are not *.cjmap.yaml, so directory search leaves them out.
    result = CliRunner().invoke(app, ["lint", "--format", "concise", "--fail-on", "info",
                                      "--ignore", "CJ207", str(EXAMPLES)])
    assert "broken" not in result.output


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=_ids(EXAMPLE_MAPS))
def test_example_starts_with_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/cjmap.schema.json"


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=_ids(EXAMPLE_MAPS))
def test_example_validates_against_checked_in_json_schema(path: Path) -> None:
    # What an editor with the yaml-language-server sees must agree with cjmap.
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = read_document(path.read_bytes())
    assert document.problems == []
    jsonschema.validate(as_json(document.data), schema)


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=_ids(EXAMPLE_MAPS))
def test_example_is_complete(path: Path) -> None:
    j = journey_at(path)
    assert j.summary and j.owner and j.tags and j.goals
    assert j.reviewed is not None and dt.date(2026, 10, 1) <= j.reviewed <= TODAY
    assert 2 <= len(j.personas) <= 3
    assert all(p.description and p.share is not None and p.goals and p.needs
               for p in j.personas)
    assert len(j.channels) >= 3
    assert len(j.evidence) >= 3
    assert len({e.kind for e in j.evidence}) >= 3
    assert all(e.url and e.url.startswith("https://example.com/") for e in j.evidence)
    assert len(j.metrics) >= 3
    assert all(m.value is not None and m.target is not None and m.unit and m.better
               for m in j.metrics)
    assert 4 <= len(j.stages) <= 6
    for stage in j.stages:
        assert 2 <= len(stage.touchpoints) <= 5, stage.id
        for tp in stage.touchpoints:
            assert tp.actions and tp.thoughts, tp.id
    assert sum(len(tp.backstage) > 0 for s in j.stages for tp in s.touchpoints) >= 5
    assert len(j.opportunities) >= 5
    assert len({o.status for o in j.opportunities}) >= 3
    pains = [p for s in j.stages for tp in s.touchpoints for p in tp.pain_points]
    pains += [p for s in j.stages for p in s.pain_points]
    assert len(pains) >= 5
    assert all(p.evidence for p in pains)


def _per_persona(j: JourneyMap) -> int:
    return sum(isinstance(tp.emotion, dict) for s in j.stages for tp in s.touchpoints)


def test_per_persona_emotions_in_at_least_two_examples() -> None:
    with_per_persona = [p.name for p in EXAMPLE_MAPS if _per_persona(journey_at(p)) >= 2]
    assert len(with_per_persona) >= 2, with_per_persona


def test_stage_level_pain_points_in_some_example() -> None:
    assert any(s.pain_points for p in EXAMPLE_MAPS for s in journey_at(p).stages)


def test_examples_use_every_opportunity_status() -> None:
    statuses = {o.status for p in EXAMPLE_MAPS for o in journey_at(p).opportunities}
    assert statuses == set(Status)


def _covered_only_by_dropped(j: JourneyMap) -> set[str]:
    """Pains that every opportunity addressing them has dropped (docs/scoring.md: not covered)."""
    live = {pain for o in j.opportunities if o.status is not Status.DROPPED
            for pain in o.addresses}
    dropped = {pain for o in j.opportunities if o.status is Status.DROPPED
               for pain in o.addresses}
    return dropped - live


def test_some_example_has_a_pain_addressed_only_by_a_dropped_opportunity() -> None:
    gaps = {p.name: _covered_only_by_dropped(journey_at(p)) for p in EXAMPLE_MAPS}
    assert any(gaps.values()), gaps


def test_score_min_coverage_gate_fails_on_that_example_only() -> None:
    runner = CliRunner()
    for path in EXAMPLE_MAPS:
        has_gap = bool(_covered_only_by_dropped(journey_at(path)))
        result = runner.invoke(app, ["score", "--min-coverage", "1.0", str(path)])
        assert result.exit_code == (1 if has_gap else 0), (path.name, result.output)


# -- the broken maps ------------------------------------------------------------------


def test_there_are_broken_maps() -> None:
    assert len(BROKEN_MAPS) >= len(RULES)


@pytest.mark.parametrize("path", BROKEN_MAPS, ids=_ids(BROKEN_MAPS))
def test_broken_map_gives_its_documented_findings(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} documents no '# expect:' lines"
    result = lint_file(str(path), OPTIONS)
    actual = sorted((f.code, f.line, f.column) for f in result.findings)
    assert actual == expected, "\n".join(
        f"{f.line}:{f.column}: {f.code} {f.message}" for f in result.findings)


@pytest.mark.parametrize("path", BROKEN_MAPS, ids=_ids(BROKEN_MAPS))
def test_broken_map_is_named_after_its_rule(path: Path) -> None:
    rule = next((r for r in RULES if path.name.startswith(f"{r.code.lower()}-{r.name}")),
                None)
    assert rule is not None, f"{path.name} is not named cjNNN-<rule-name>...yaml"
    assert rule.code in {code for code, _, _ in expectations(path)}
    assert not path.name.endswith((".cjmap.yaml", ".cjmap.yml"))


# Rules about several files at once have their cases in tests/rules/ (with `files`):
# a broken map here is linted alone.
ACROSS_FILES = {"CJ303", "CJ304"}


def test_every_rule_is_expected_by_a_broken_map() -> None:
    expected = {code for path in BROKEN_MAPS for code, _, _ in expectations(path)}
    missing = sorted(r.code for r in RULES if r.code not in expected | ACROSS_FILES)
    assert missing == []


def test_cj003_has_several_kinds_of_schema_error() -> None:
    names = {p.name for p in BROKEN_MAPS if p.name.startswith("cj003-")}
    for kind in ("missing-field", "unknown-field", "wrong-type", "out-of-range", "bad-id"):
        assert f"cj003-schema-{kind}.yaml" in names


def test_unknown_field_suggests_the_right_name() -> None:
    result = lint_file(str(BROKEN / "cj003-schema-unknown-field.yaml"), OPTIONS)
    [finding] = result.findings
    assert "'frequncy'" in finding.message
    assert "did you mean 'frequency'" in finding.message


def test_expectation_parser_rejects_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("# expect: CJ102 14\ncjmap: 1\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="malformed expectation"):
        expectations(path)
    path.write_text("# expect: CJ102 14:18\n# expect: CJ003 2:1\ncjmap: 1\n",
                    encoding="utf-8")
    assert expectations(path) == [("CJ003", 2, 1), ("CJ102", 14, 18)]


# -- docs/format.md -------------------------------------------------------------------


def _models() -> Iterator[type[model.CjmapModel]]:
    for _, obj in inspect.getmembers(model, inspect.isclass):
        if (issubclass(obj, model.CjmapModel) and obj is not model.CjmapModel
                and obj.__module__ == model.__name__):
            yield obj


def _enums() -> Iterator[type[Enum]]:
    for _, obj in inspect.getmembers(model, inspect.isclass):
        if issubclass(obj, Enum) and obj.__module__ == model.__name__:
            yield obj


def test_format_doc_names_every_field_of_every_model() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    models = list(_models())
    # Guard against the discovery above silently finding nothing.
    assert {m.__name__ for m in models} >= {"JourneyMap", "Stage", "Touchpoint", "PainPoint",
                                           "Opportunity", "Persona", "Channel", "Evidence",
                                           "Metric", "Scales", "EmotionScale"}
    missing = sorted(f"{m.__name__}.{name}" for m in models for name in m.model_fields
                     if f"`{name}`" not in text)
    assert missing == []


def test_format_doc_names_every_enum_value() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    missing = sorted(f"{e.__name__}.{v.value}" for e in _enums() for v in e
                     if f"`{v.value}`" not in text)
    assert missing == []


def _complete_example() -> str:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    heading = re.search(r"^## .*[Cc]omplete example.*$", text, re.MULTILINE)
    assert heading, "docs/format.md has no '## ... complete example' section"
    block = re.search(r"^```yaml\n(.*?)^```$", text[heading.end():], re.MULTILINE | re.DOTALL)
    assert block, "the complete example section has no yaml block"
    return block[1]


def test_format_doc_complete_example_lints_clean() -> None:
    result = lint_bytes(_complete_example().encode(), "format.md", OPTIONS)
    assert result.loaded
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == []
