"""Bidirectional controls in map text (docs/limits.md, "Hostile text"): the terminal and
Markdown show them as escapes, HTML and the DOT for Graphviz keep them but closed within
each value. The matching of openers and closers is UAX #9's (rules X1-X8), worked by
hand below; the browsers' view of the result is in tests/test_bidi_browser.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cjmap.bidi import CONTROLS, contained, visible
from cjmap.cli import app
from cjmap.html.markup import esc
from cjmap.reporting.markdown import code, escape
from cjmap.terminal import printable
from helpers import ROOT

TROJAN = ROOT / "tests" / "data" / "bidi" / "trojan.cjmap.yaml"
RLO, PDF, LRE, RLI, PDI, RLM = "\u202e", "\u202c", "\u202a", "\u2067", "\u2069", "\u200f"
ANY_CONTROL = re.compile(f"[{CONTROLS}]")
# A map with a field it does not know, named with an override: CJ003 quotes the name.
UNKNOWN_FIELD = f'cjmap: 1\nid: x\ntitle: T\nstages: [{{id: s, name: S}}]\n"bad{RLO}key": 1\n'


# -- matching (UAX #9, X1-X8) ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("plain text", "plain text"),
    ("مريم الحسن", "مريم الحسن"),  # right-to-left letters need no control
    (f"a{RLM}b", f"a{RLM}b"),  # a mark opens nothing
    (f"Pay {RLO}now", f"Pay {RLO}now{PDF}"),
    (f"{RLO}{LRE}x", f"{RLO}{LRE}x{PDF}{PDF}"),
    (f"Web {RLI}isolate", f"Web {RLI}isolate{PDI}"),
    # Innermost first: the override inside the isolate closes before the isolate.
    (f"{RLI}a{RLO}b", f"{RLI}a{RLO}b{PDF}{PDI}"),
    # Balanced text stays as written.
    (f"a{RLO}b{PDF}c", f"a{RLO}b{PDF}c"),
    # A PDI closes its isolate and every embedding opened inside it (X6a).
    (f"{RLI}{RLO}a{PDI}b", f"{RLI}{RLO}a{PDI}b"),
    # A closer of nothing in the text would end something around it: dropped.
    (f"{PDF}Stray", "Stray"),
    (f"x{PDI}y", "xy"),
    # A PDF cannot close an embedding from inside a later isolate (X7): dropped there.
    (f"{RLO}a{RLI}b{PDF}c", f"{RLO}a{RLI}bc{PDI}{PDF}"),
])
def test_contained_closes_what_a_text_opens_and_nothing_else(text: str, expected: str) -> None:
    assert contained(text) == expected
    assert contained(expected) == expected


def test_visible_writes_every_control_as_its_escape() -> None:
    assert visible(f"a{RLO}b{PDI}{RLM}\u061c\u200e") == r"a\u202eb\u2069\u200f\u061c\u200e"
    assert visible("مريم") == "مريم"


# -- terminal ---------------------------------------------------------------------------------

def test_printable_escapes_bidi_controls_like_other_invisible_characters() -> None:
    assert printable(f"Pay {RLO}now\x1b") == r"Pay \u202enow\x1b"
    assert printable("שרה כהן") == "שרה כהן"


def test_score_and_diff_tables_show_the_override_escaped(tmp_path: Path) -> None:
    score = CliRunner().invoke(app, ["score", str(TROJAN)])
    assert score.exit_code == 0, score.output
    assert r"Tracking \u202ekcart" in score.output
    assert r"Refunds \u202eknab eht" in score.output
    changed = tmp_path / "new.cjmap.yaml"
    changed.write_text(TROJAN.read_text(encoding="utf-8").replace(
        r"Checkout \u202Ewon", r"Checkout \u202Enew name"), encoding="utf-8")
    diff = CliRunner().invoke(app, ["diff", str(TROJAN), str(changed)])
    assert diff.exit_code == 0, diff.output
    assert r'"Checkout \u202ewon" → "Checkout \u202enew name"' in diff.output
    for output in (score.output, diff.output):
        assert ANY_CONTROL.search(output) is None


def test_lint_messages_and_file_names_show_the_override_escaped(tmp_path: Path) -> None:
    target = tmp_path / f"a{RLO}b.cjmap.yaml"
    target.write_text(UNKNOWN_FIELD, encoding="utf-8")
    for form in ("text", "concise"):
        result = CliRunner().invoke(app, ["lint", "--format", form, str(target)])
        assert result.exit_code == 1, result.output
        assert r"unknown field 'bad\u202ekey'" in result.output
        assert r"a\u202eb.cjmap.yaml" in result.output
        assert ANY_CONTROL.search(result.output) is None


# -- Markdown -------------------------------------------------------------------------------

def _rendered(markdown: str) -> str:
    """HTML from a CommonMark implementation with GitHub's tables (markdown-it-py)."""
    return str(MarkdownIt("commonmark").enable("table").render(markdown))


def test_markdown_shows_the_controls_as_escapes_on_github() -> None:
    text = f"Late {RLO}lecrap | *x* {RLI}y"
    html = _rendered(f"| a |\n|---|\n| {escape(text, line_start=False)} |\n")
    assert r"<td>Late \u202elecrap | *x* \u2067y</td>" in html
    assert r"Late \u202elecrap" in _rendered(escape(text))
    # A code span keeps what it holds: a label with a control is escaped text instead.
    assert code("maps/plain.cjmap.yaml") == "`maps/plain.cjmap.yaml`"
    assert "<code>" not in _rendered(code(f"maps/a{RLO}b.cjmap.yaml"))
    assert r"maps/a\u202eb.cjmap.yaml" in _rendered(code(f"maps/a{RLO}b.cjmap.yaml"))


def test_score_and_diff_markdown_hold_no_control(tmp_path: Path) -> None:
    changed = tmp_path / f"n{RLO}ew.cjmap.yaml"
    changed.write_text(TROJAN.read_text(encoding="utf-8").replace(
        r"Checkout \u202Ewon", r"Checkout \u202Enew name"), encoding="utf-8")
    diff = CliRunner().invoke(app, ["diff", "-f", "markdown", str(TROJAN), str(changed)])
    score = CliRunner().invoke(app, ["score", "-f", "markdown", str(TROJAN)])
    for result in (diff, score):
        assert result.exit_code == 0, result.output
        assert ANY_CONTROL.search(result.output) is None
    assert r"Checkout \u202enew name" in _rendered(diff.output)
    assert r"n\u202eew.cjmap.yaml" in _rendered(diff.output)
    assert r"Tracking \u202ekcart" in _rendered(score.output)


# -- HTML and SVG text ------------------------------------------------------------------------

def test_html_escape_closes_each_value() -> None:
    assert esc(f"Evil {RLO}<eman>") == f"Evil {RLO}&lt;eman&gt;{PDF}"
    assert esc(f"{PDF}owner") == "owner"


def _balanced(text: str) -> bool:
    return contained(text) == text


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_every_text_of_the_svg_from_graphviz_is_closed(tmp_path: Path) -> None:
    target = tmp_path / "trojan.svg"
    result = CliRunner().invoke(app, ["render", str(TROJAN), "-o", str(target)])
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    titles = re.findall(r'xlink:title="([^"]*)"', svg)
    # Graphviz passes the controls through as they are (UTF-8, not entities)...
    assert f"Checkout {RLO}won{PDF}" in texts
    assert f"Web {RLI}isolate{PDI}" in texts
    # ... each value closed before the next: the persona after the override is outside it.
    facts = next(t for t in texts if "Personas:" in t)
    assert f"Evil {RLO}eman{PDF}, Plain persona" in facts
    assert all(_balanced(t) for t in texts + titles)
    assert "Stray closer owner" in svg and f"{PDF}Stray" not in svg


def test_github_annotations_show_the_override_escaped(tmp_path: Path) -> None:
    target = tmp_path / "bad.cjmap.yaml"
    target.write_text(UNKNOWN_FIELD, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--format", "github", str(target)])
    assert result.exit_code == 1, result.output
    assert r"::unknown field 'bad\u202ekey'" in result.output
    assert ANY_CONTROL.search(result.output) is None


# -- CJ212: the controls written as they are, not as YAML escapes -----------------------------

def test_cj212_finds_an_override_written_as_the_character_itself(tmp_path: Path) -> None:
    raw = tmp_path / "raw.cjmap.yaml"
    raw.write_text(f"cjmap: 1\nid: x\ntitle: T\nstages: [{{id: s, name: Pay {RLO}now}}]\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--format", "concise", "--select", "CJ212",
                                      str(raw)])
    assert result.exit_code == 0, result.output  # a warning
    assert ":4:24: CJ212 [warning]" in result.output and "U+202E RLO" in result.output
    raw.write_text(f"cjmap: 1\nid: x\ntitle: T\nstages: [{{id: s, name: {RLI}עברית{PDI}}}]\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--format", "concise", "--select", "CJ212",
                                      str(raw)])
    assert "CJ212" not in result.output
