"""`cjmap diff` from the command line: formats, golden files, exit codes, safe markdown."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.diff import Side, diff_maps
from cjmap.load import load_bytes
from cjmap.reporting.diff.base import DiffReport
from cjmap.reporting.formats import DIFF_REPORTERS
from helpers import ROOT

DATA = Path(__file__).resolve().parent / "data" / "diff"
GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
BASE = DATA / "base.cjmap.yaml"
BEFORE = "examples/diff/online-clothing.before.cjmap.yaml"
AFTER = "examples/diff/online-clothing.after.cjmap.yaml"
PLAIN = {"NO_COLOR": "1", "FORCE_COLOR": None}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def cjmap(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env=PLAIN)
    return result.exit_code, result.stdout, result.stderr


def variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = BASE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- golden files of the example pair --------------------------------------------------------

@pytest.mark.parametrize(("fmt", "golden"), [("text", "online-clothing.txt"),
                                             ("markdown", "online-clothing.md"),
                                             ("json", "online-clothing.json")])
def test_example_pair_matches_golden(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                     fmt: str, golden: str) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = cjmap(runner, "diff", BEFORE, AFTER, "--format", fmt)
    assert (code, err) == (0, "")
    assert out == (GOLDEN / golden).read_text(encoding="utf-8"), (
        "output differs from the golden file; if the change is intended, run "
        "`make golden` and review the diff")


def test_golden_text_says_what_the_example_pair_changed() -> None:
    """The golden file itself, checked against what the two example files say."""
    text = (GOLDEN / "online-clothing.txt").read_text(encoding="utf-8")
    assert "renamed  stages[purchase].touchpoints[checkout-delivery]  delivery-options → " \
           "checkout-delivery" in text
    assert "moved    stages[delivery].touchpoints[service-chat]  from stages[purchase] to " \
           "stages[delivery]" in text
    assert "Say why a discount code does not apply: in_progress → done" in text
    assert "resolved pain point: 3-D Secure check loops back to the cart in the app" in text
    assert "Cart abandonment rate: 0.74 → 0.71 (-0.03, target 0.55, lower is better): " \
           "better" in text
    highlights = text.split("Highlights\n", 1)[1].split("\nChanges\n", 1)[0]
    assert highlights.index("Emotion") < highlights.index("Pain points") < \
        highlights.index("Opportunities") < highlights.index("Metrics")


def test_json_golden_shape() -> None:
    document = json.loads((GOLDEN / "online-clothing.json").read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert set(document) == {"version", "old", "new", "identical", "summary", "highlights",
                             "changes"}
    for change in document["changes"]:
        assert set(change) == {"kind", "item_kind", "id", "path", "old_path", "field", "old",
                               "new", "old_line", "new_line"}
    assert document["summary"]["total"] == len(document["changes"])


# -- exit codes and inputs ---------------------------------------------------------------------

def test_identical_maps(runner: CliRunner) -> None:
    code, out, _ = cjmap(runner, "diff", str(BASE), str(DATA / "base.reformatted.cjmap.yaml"),
                         "--exit-code")
    assert code == 0
    assert "No changes" in out


def test_exit_code_when_maps_differ(runner: CliRunner, tmp_path: Path) -> None:
    new = variant(tmp_path, "new.cjmap.yaml", ("        emotion: 1\n", "        emotion: 2\n"))
    assert cjmap(runner, "diff", str(BASE), str(new))[0] == 0
    code, out, _ = cjmap(runner, "diff", str(BASE), str(new), "--exit-code")
    assert code == 1
    assert "▲ +1 Checkout: emotion 1 → 2" in out


def test_standard_input_as_one_side(runner: CliRunner, tmp_path: Path) -> None:
    new = variant(tmp_path, "new.cjmap.yaml", ("title: Shop journey", "title: Shop"))
    code, out, _ = cjmap(runner, "diff", "-", str(new), "-f", "json",
                         stdin=BASE.read_text(encoding="utf-8"))
    assert code == 0
    document = json.loads(out)
    assert document["old"]["label"] == "(stdin)"
    assert [(c["path"], c["old"], c["new"]) for c in document["changes"]] == [
        ("title", "Shop journey", "Shop")]


@pytest.mark.parametrize("args", [
    ["diff", "nope.cjmap.yaml", str(BASE)],
    ["diff", str(BASE)],
    ["diff", str(BASE), str(BASE), str(BASE)],
    ["diff", "-", "-"],
    ["diff", str(BASE), str(BASE), "--format", "html"],
    ["diff", str(BASE), str(BASE), "--path", "maps"],
    ["diff", str(BASE), str(BASE), "-o", str(BASE)],
    ["diff", "--git-driver", "only", "three", "args"],
    ["diff", "a\0b:c", str(BASE)],
    ["diff", "--git", "HEAD", "a\0b"],
])
def test_usage_and_input_errors_are_exit_2_with_one_line(runner: CliRunner,
                                                         args: list[str]) -> None:
    code, out, err = cjmap(runner, *args, stdin="")
    assert code == 2, (out, err)
    assert err.startswith("cjmap: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_a_side_that_does_not_load_is_exit_1_with_findings(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    broken = variant(tmp_path, "broken.cjmap.yaml", ("        severity: 2\n",
                                                     "        severity: 9\n"))
    code, out, err = cjmap(runner, "diff", str(BASE), str(broken))
    assert code == 1
    assert out == ""
    assert f"{broken}:" in err and "CJ003" in err


def test_output_file_is_written(runner: CliRunner, tmp_path: Path) -> None:
    new = variant(tmp_path, "new.cjmap.yaml", ("    status: planned\n", "    status: done\n"))
    target = tmp_path / "diff.md"
    code, out, _ = cjmap(runner, "diff", str(BASE), str(new), "-f", "markdown", "-o", str(target))
    assert (code, out) == (0, "")
    written = target.read_text(encoding="utf-8")
    assert written.startswith("## cjmap diff: ")
    assert "- → Show fees early: planned → done (`opportunities[show-fees]`)" in written


# -- reporters ----------------------------------------------------------------------------------

HOSTILE = ('"Evil | <script>alert(1)</script> `rm -rf` @everyone #12 **bold** '
           '[link](https://evil.example)\\nsecond line"')


def _hostile_markdown(tmp_path: Path) -> str:
    new = variant(tmp_path, "hostile.cjmap.yaml", ("        name: Cart\n",
                                                  f"        name: {HOSTILE}\n"))
    old_loaded = load_bytes(BASE.read_bytes(), "old")
    new_loaded = load_bytes(new.read_bytes(), "new <b>|`x`")
    assert old_loaded.journey is not None and new_loaded.journey is not None
    result = diff_maps(Side(old_loaded.journey, old_loaded.source, old_loaded.path),
                       Side(new_loaded.journey, new_loaded.source, new_loaded.path))
    stream = io.StringIO()
    DIFF_REPORTERS["markdown"](stream).report(DiffReport((result,)))
    return stream.getvalue()


def test_markdown_is_safe_for_hostile_text(tmp_path: Path) -> None:
    out = _hostile_markdown(tmp_path)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    assert "@everyone" not in out and "@\u200beveryone" in out
    assert "#12" not in out and "#\u200b12" in out
    assert "**bold**" not in out and "\\*\\*bold\\*\\*" in out
    assert "[link](" not in out and "\\[link\\]" in out
    assert "\\`rm -rf\\`" in out
    rows = [line for line in out.splitlines() if line.startswith("| changed ")]
    assert len(rows) == 1  # the newline in the name did not split the row
    (row,) = rows
    assert row.endswith(" |")
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # four cells: no pipe leaked from the text
    assert out.count("<details>") == 1 and out.count("</details>") == 1


def test_text_colour_only_when_asked(tmp_path: Path) -> None:
    new = variant(tmp_path, "new.cjmap.yaml", ("        emotion: 1\n", "        emotion: 2\n"))
    old_loaded, new_loaded = load_bytes(BASE.read_bytes(), "a"), load_bytes(new.read_bytes(), "b")
    assert old_loaded.journey is not None and new_loaded.journey is not None
    result = diff_maps(Side(old_loaded.journey, old_loaded.source, "a"),
                       Side(new_loaded.journey, new_loaded.source, "b"))
    plain, coloured = io.StringIO(), io.StringIO()
    DIFF_REPORTERS["text"](plain, color=False).report(DiffReport((result,)))
    DIFF_REPORTERS["text"](coloured, color=True).report(DiffReport((result,)))
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[" in coloured.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()).split() == \
        plain.getvalue().split()


def test_long_reordered_list_names_only_what_moved(runner: CliRunner, tmp_path: Path) -> None:
    personas = "".join(f"  - id: p{i}\n    name: P{i}\n" for i in range(10))
    old = variant(tmp_path, "old.cjmap.yaml", ("personas:\n", "personas:\n" + personas))
    last = "  - id: p9\n    name: P9\n"
    new = variant(tmp_path, "new.cjmap.yaml",
                  ("personas:\n", "personas:\n" + last + personas.replace(last, "")))
    code, out, _ = cjmap(runner, "diff", str(old), str(new))
    assert code == 0
    assert "moved  personas  reordered: 1 of 12 moved (p9)" in out  # 10 + parent, student


def test_docs_describe_every_json_field() -> None:
    """docs/diff.md's field table names every key the JSON has (and no other)."""
    doc = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    documented = set()
    for line in doc.splitlines():
        first = re.match(r"^\| (`(changes|highlights)\[\][^|]*)\|", line)
        if first:
            for token in re.findall(r"`([^`]+)`", first.group(1)):
                documented.add((first.group(2), token.split("[].")[-1]))
    document = json.loads((GOLDEN / "online-clothing.json").read_text(encoding="utf-8"))
    actual = {("changes", key) for key in document["changes"][0]} | {
        ("highlights", key) for key in document["highlights"][0]}
    assert documented == actual
