"""Importing real Mermaid journeys (tests/data/mermaid/SOURCES.md names where each is from).

Two kinds of check: the map each diagram gives, written out by hand from the diagram;
and, for every diagram, that the stages and touchpoints are what Mermaid's own grammar
(journey.jison run in node) reads from it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.findings import Severity
from cjmap.interop import mermaid
from cjmap.interop.base import Imported
from cjmap.interop.mermaid_grammar import js_number
from cjmap.lint.engine import LintOptions, lint_bytes
from cjmap.yamlio import dump
from mermaid_harness import DATA, read_text, real_diagrams, run_jison


def _read(name: str) -> Imported:
    return mermaid.read(DATA / name)


def _touchpoints(data: dict[str, Any]) -> list[tuple[str, str, Any, list[str]]]:
    names = {p["id"]: p["name"] for p in data.get("personas", [])}
    return [(stage["name"], tp["name"], tp.get("emotion"), [names[i] for i in tp.get("personas",
                                                                                   [])])
            for stage in data["stages"] for tp in stage.get("touchpoints", [])]


def _warnings(imported: Imported) -> list[str]:
    return [str(n) for n in imported.notices if not n.error]


def test_the_documentation_example() -> None:
    imported = _read("docs-working-day.mmd")
    assert imported.ok and not imported.notices
    assert imported.data == {
        "cjmap": 1, "id": "docs-working-day", "title": "My working day",
        "scales": {"emotion": {"min": 1, "max": 5}},
        "personas": [{"id": "me", "name": "Me"}, {"id": "cat", "name": "Cat"}],
        "stages": [
            {"id": "go-to-work", "name": "Go to work", "touchpoints": [
                {"id": "make-tea", "name": "Make tea", "personas": ["me"], "emotion": 5},
                {"id": "go-upstairs", "name": "Go upstairs", "personas": ["me"], "emotion": 3},
                {"id": "do-work", "name": "Do work", "personas": ["me", "cat"], "emotion": 1}]},
            {"id": "go-home", "name": "Go home", "touchpoints": [
                {"id": "go-downstairs", "name": "Go downstairs", "personas": ["me"],
                 "emotion": 5},
                {"id": "sit-down", "name": "Sit down", "personas": ["me"], "emotion": 5}]}]}
    assert imported.origin == "imported from docs-working-day.mmd (Mermaid journey)"


def test_front_matter_title_and_accessibility_texts() -> None:
    data = _read("demo-working-day.mmd").data
    assert data["title"] == "My working day"  # from the front matter
    assert data["summary"] == "2 main sections: work and home, each with just a few tasks"
    assert data[mermaid.ACC_TITLE_KEY] == "Very simple journey demo"


@pytest.mark.parametrize("written, title", [
    ("yes", "yes"), ("on", "on"), ("1:30", "1:30"), ("2026-01-01", "2026-01-01"),
    ("0x10", "16"), ("True", "true"), ("1.50", "1.5"), ("'quoted'", "quoted"),
    ("null", None), ("false", None), ("0", None), ("''", None),
])
def test_front_matter_title_as_javascript_reads_it(written: str, title: str | None) -> None:
    # Mermaid reads front matter with js-yaml's YAML 1.2 schema, then `if (title)
    # title.toString()`: `yes` is text there, `0x10` the number 16, `false` no title.
    data = mermaid.from_text(f"---\ntitle: {written}\n---\njourney\nsection A\nt: 3\n",
                             stem="day").data
    assert data["title"] == (title or "day")


def test_multiline_acc_descr_block_and_a_title_after_it() -> None:
    imported = _read("spec-acc-multiline.mmd")
    assert imported.data["summary"] == "A user journey for\n        family shopping"
    assert imported.data["title"] == "Adding journey diagram functionality to mermaid"
    assert imported.data[mermaid.ACC_TITLE_KEY] == \
        "Adding acc journey diagram functionality to mermaid"
    # The one section has no tasks: an empty stage, said so.
    assert imported.data["stages"] == [{"id": "order-from-website",
                                        "name": "Order from website"}]
    assert any("has no tasks" in w for w in _warnings(imported))


def test_actors_no_actors_and_empty_actors() -> None:
    imported = _read("spec-task-definition.mmd")
    assert _touchpoints(imported.data) == [
        ("Documentation", "A task", 5, ["Alice", "Bob", "Charlie"]),
        ("Documentation", "B task", 3, ["Bob", "Charlie"]),
        ("Documentation", "C task", 5, []),
        ("Documentation", "D task", 5, ["Charlie", "Alice"]),
        ("Documentation", "E task", 5, []),
        ("Another section", "P task", 5, []),
        ("Another section", "Q task", 5, []),
        ("Another section", "R task", 5, []),
    ]
    empty = [w for w in _warnings(imported) if "empty actor" in w]
    assert [w.split(":")[0] for w in empty] == ["line 8", "line 10", "line 11", "line 12"]


def test_directive_front_matter_config_and_comment_lines_are_reported() -> None:
    theme = _read("cypress-theme-init.mmd")
    assert next(w for w in _warnings(theme) if "directive" in w).startswith("line 1: ")
    assert theme.data["title"] == "My working day"
    onboarding = _read("cypress-onboarding-front-matter.mmd")
    assert any("front matter's Mermaid configuration" in w for w in _warnings(onboarding))


def test_a_score_that_is_no_number_and_repeated_names() -> None:
    imported = _read("cypress-title-styling.mmd")
    tps = _touchpoints(imported.data)
    assert tps[-1] == ("Retention", "size", None, [])  # "size: 2rem": Number() gives NaN
    assert any(w.startswith("line 21: ") and "NaN" in w for w in _warnings(imported))
    webhook = _read("cypress-webhook-life-cycle.mmd")
    # "section Darkoob" twice, not adjacent: two stages; names are trimmed.
    assert [s["name"] for s in webhook.data["stages"]] == \
        ["Darkoob", "External Service", "Darkoob"]
    assert [s["id"] for s in webhook.data["stages"]] == \
        ["darkoob", "external-service", "darkoob-2"]
    assert _touchpoints(webhook.data)[1][1] == "register slug"


def test_every_quirk_of_the_hand_written_diagram() -> None:
    imported = _read("hand-quirks-crlf.mmd")
    assert imported.data["title"] == "Quirks"  # '# a comment' cut off, trailing space trimmed
    assert imported.data["scales"] == {"emotion": {"min": 1, "max": 7}}
    assert _touchpoints(imported.data) == [
        ("Arrive", "Half point", None, ["Ana"]),
        ("Arrive", "Seven", 7, ["Ana", "Ben"]),
        ("Arrive", "Blank score", None, ["Ben"]),
        ("Arrive", "Not a number", None, []),
        ("Arrive", "No actors", 5, []),
        ("Arrive", "Empty actor", 2, []),
        ("Arrive", "Hex score", 3, ["Ana"]),
        ("Arrive", "Repeated", 3, ["Ana"]),  # adjacent "section Arrive": one stage
        ("Arrive", "Repeated", 4, ["Ana"]),  # ": Ben" after a third colon is ignored
        ("Leave", "Entities : and #", 1, ["Ana"]),
    ]
    ids = [tp["id"] for s in imported.data["stages"] for tp in s["touchpoints"]]
    assert ids[7:9] == ["repeated", "repeated-2"]
    warnings = _warnings(imported)
    for line, text in [(5, "4.5"), (6, "outside Mermaid's 1..5"), (6, "empty actor"),
                       (7, "blank score"), (8, "NaN"), (10, "empty actor"),
                       (14, "ignores ': Ben'")]:
        assert any(w.startswith(f"line {line}: ") and text in w for w in warnings), (line, text)


@pytest.mark.parametrize("text, message, line", [
    ("journey\nsection A\n  Task without score\n", "needs a colon and a score", 3),
    ("journey\nsection A\n  Task:\n", "needs a colon and a score", 3),
    ("journey\n  Journey planning: 3: Me\n", "second 'journey'", 2),
    ("journey\n  a; b: 3\n", "not ';'", 2),
    ("flowchart LR\n  a --> b\n", "not a Mermaid journey diagram", 1),
    ("---\ntitle: [unclosed\n---\njourney\n", "front matter is not valid YAML", 2),
    ("journey\n", "no sections or tasks", 1),
    ("journey\naccDescr {\n  never closed\nsection A\n", "never closed with '}'", 2),
    ("journey\nsection A\n  t: 3\n  accTitle:   \n", "ends right after", 4),
])
def test_what_mermaid_rejects_is_an_error_with_its_line(text: str, message: str,
                                                        line: int) -> None:
    imported = mermaid.from_text(text)
    errors = [n for n in imported.notices if n.error]
    assert not imported.ok and message in errors[0].message, errors
    assert errors[0].where == f"line {line}"


def test_mermaid_rejects_the_same_diagrams() -> None:
    rejected = ["journey\nsection A\n  Task without score\n", "journey\nsection A\n  Task:\n",
                "journey\n  Journey planning: 3: Me\n", "journey\n  a; b: 3\n",
                "journey\naccDescr {\n  never closed\nsection A\n",
                "journey\nsection A\n  t: 3\n  accTitle:   \n"]
    assert all("error" in got for got in run_jison(rejected))


def test_javascript_number() -> None:
    # Values of Number(s) in JavaScript (ECMA-262 StringToNumber).
    cases = {"5": 5, " 7 ": 7, "": 0, " ": 0, "4.5": 4.5, "0x1F": 31, "1e1": 10, "-3": -3,
             ".5": 0.5, "5.": 5, "+2": 2}
    assert {k: js_number(k) for k in cases} == cases
    for nan in ("NaN", "2rem", "1_000", "--1", "0x", "five", "-0x5"):
        assert js_number(nan) != js_number(nan), nan
    assert js_number("-Infinity") == float("-inf")


def test_every_real_diagram_reads_as_mermaid_reads_it() -> None:
    paths = real_diagrams()
    results = run_jison([read_text(p) for p in paths])
    for path, got in zip(paths, results, strict=True):
        assert "error" not in got, (path.name, got)
        data = mermaid.read(path).data
        want = [(t["section"].strip(), t["task"].strip()) for t in got["tasks"]]
        assert [(s, t) for s, t, _, _ in _touchpoints(data)] == want, path.name
        scores = [float(t["score"]) for t in got["tasks"]]
        emotions = [e for _, _, e, _ in _touchpoints(data)]
        for score, emotion in zip(scores, emotions, strict=True):
            assert emotion is None or emotion == score, path.name
        people = [[p for p in t["people"] if p] for t in got["tasks"]]
        assert [a for _, _, _, a in _touchpoints(data)] == people, path.name


def test_pathological_text_takes_linear_time() -> None:
    # Mermaid's /style.*:\S*#.*;/ takes cubic time on this line; cjmap must not.
    started = time.perf_counter()
    imported = mermaid.from_text("journey\nsection A\nstyle" + ":#" * 20000 + "\n" +
                                 "<a" * 20000 + "\n" + "\n" * 20000 + "t: 3\n" * 5000)
    assert time.perf_counter() - started < 5
    assert not imported.ok


PIECES = ["journey\n", "section ", "title ", "accTitle: ", "accDescr: ", "accDescr {", "}",
          ": ", ":", ",", "\n", "\r\n", "#", ";", "%%", "%", "5", "0", "-3", "4.5", " ", "é",
          "🙂", "#58;", "#0;", "#1114112;", "#amp;", "---\ntitle: x\n---\n", "Task", "A"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40))
def test_any_text_gives_a_map_that_lints_without_errors_or_located_errors(
        parts: list[str]) -> None:
    imported = mermaid.from_text("".join(parts))
    if not imported.ok:
        assert all(n.where.startswith("line ") for n in imported.notices if n.error)
        return
    text = dump(imported.data).encode("utf-8")
    result = lint_bytes(text, "imported.cjmap.yaml", LintOptions())
    assert result.loaded
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
