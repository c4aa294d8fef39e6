"""The reporting layer and the command line around it (docs/architecture.md).

One table of formats per command drives --format's help, validation and completion;
every reporter module is registered once; a new format is one registry entry; Markdown
escaping is one function; the library leaves the garbage collector alone; messages
escape control characters; a closed stdout is exit 2; --jobs is capped.
"""

from __future__ import annotations

import ast
import gc
import io
import os
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.commands import Streams
from cjmap.reporting.base import Reporter
from cjmap.reporting.diff.base import DiffReport
from cjmap.reporting.formats import (
    DIFF_REPORTERS,
    HISTORY_REPORTERS,
    METRICS_REPORTERS,
    REPORTERS,
    SCORE_REPORTERS,
)
from cjmap.reporting.markdown import ZWSP, code, escape
from cjmap.reporting.registry import Registry
from cjmap.score import ScoreResult
from cjmap.terminal import printable, wants_progress
from helpers import ROOT

SRC = ROOT / "src" / "cjmap"
DIFF_PAIR = [str(ROOT / "examples" / "diff" / f"online-clothing.{side}.cjmap.yaml")
             for side in ("before", "after")]
SHOP = str(ROOT / "tests" / "data" / "score" / "shop.cjmap.yaml")
CLEAN = str(ROOT / "examples" / "online-clothing.cjmap.yaml")
BROKEN = str(sorted((ROOT / "examples" / "broken").glob("*.yaml"))[0])

# command -> (its registry, the folder of its reporter modules, arguments for one run)
TABLES: dict[str, tuple[Registry[object], str, list[str]]] = {
    "lint": (REPORTERS, "lint", [BROKEN]),  # type: ignore[dict-item]
    "diff": (DIFF_REPORTERS, "diff", DIFF_PAIR),  # type: ignore[dict-item]
    "score": (SCORE_REPORTERS, "score", [SHOP]),  # type: ignore[dict-item]
    "metrics list": (METRICS_REPORTERS, "metrics", [CLEAN]),  # type: ignore[dict-item]
    "history": (HISTORY_REPORTERS, "history", ["MAP"]),  # type: ignore[dict-item]
}


def _in_a_git_repository(path: Path) -> str:
    """A map committed in a fresh git repository (real git), for `cjmap history`."""
    run = {"cwd": path, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)  # type: ignore[call-overload]
    (path / "m.cjmap.yaml").write_bytes(Path(CLEAN).read_bytes())
    subprocess.run(["git", "add", "m.cjmap.yaml"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                    "-qm", "a map"], **run)  # type: ignore[call-overload]
    return str(path / "m.cjmap.yaml")


def cjmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


# -- one table of formats per command --------------------------------------------------------

@pytest.mark.parametrize("command", sorted(TABLES))
def test_every_reporter_is_registered_once(command: str) -> None:
    registry, folder, _ = TABLES[command]
    # history/chart.py draws --chart, a picture beside the report, not a --format.
    not_formats = {"__init__", "base", "chart"}
    modules = {p.stem for p in (SRC / "reporting" / folder).glob("*.py")} - not_formats
    targets = [registry.target(name) for name in registry]
    registered = [t.partition(":")[0].rsplit(".", 1)[-1] for t in targets]
    assert sorted(registered) == sorted(modules)  # each module once, none left out
    assert len(set(targets)) == len(targets)
    for name in registry:
        assert issubclass(registry[name], Reporter)


@pytest.mark.parametrize("command", sorted(TABLES))
def test_every_format_is_reachable_from_the_command_line(command: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    registry, _, args = TABLES[command]
    if command == "history":
        repository = tmp_path / "repository"
        repository.mkdir()
        args = [_in_a_git_repository(repository)]
        monkeypatch.chdir(repository)
    words = command.split()
    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
    help_text = " ".join(result.stdout.split())
    names = list(registry)
    listed = ", ".join(names[:-1]) + " or " + names[-1]
    assert listed in help_text
    completed = cjmap_complete(f"cjmap {command} --format ", len(words) + 2)
    assert completed == names
    for name in names:
        out = tmp_path / f"{command}.{name}"
        run = CliRunner().invoke(app, [*words, *args, "--format", name, "-o", str(out)])
        assert run.exit_code in (0, 1), (name, run.stderr)
        assert out.stat().st_size > 0, name


def cjmap_complete(words: str, cword: int) -> list[str]:
    """The candidates bash completion offers, through typer's completion protocol."""
    env = {**os.environ, "_CJMAP_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(cword)}
    run = cjmap(env=env)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


@pytest.mark.parametrize(("words", "expected"), [
    ("cjmap score --format ", ["table", "json", "markdown", "csv"]),
    ("cjmap score --method ", ["weighted", "ice"]),
    ("cjmap render --theme ", ["light", "print"]),
    ("cjmap render --format p", ["png", "pdf"]),
    ("cjmap diff -f m", ["markdown"]),
    ("cjmap lint -f j", ["json", "junit"]),
    ("cjmap render --page a", ["a4", "a3"]),
    ("cjmap history --format c", ["csv"]),
])
def test_option_values_complete_in_bash(words: str, expected: list[str]) -> None:
    assert cjmap_complete(words, 3) == expected


def test_the_cli_value_tables_are_the_renderer_and_scorer_ones() -> None:
    from cjmap.choices import METHODS, PAGES, RENDER_FORMATS, THEMES
    from cjmap.render import FORMATS
    from cjmap.render.pages import PAGE_SIZES
    from cjmap.render.themes import THEMES as THEME_TABLE
    from cjmap.score import Method

    assert RENDER_FORMATS.names == FORMATS
    assert PAGES.names == tuple(PAGE_SIZES)
    assert set(THEMES.names) == set(THEME_TABLE)
    assert METHODS.names == tuple(m.value for m in Method)


class DummyScoreReporter(Reporter[ScoreResult]):
    def report(self, result: ScoreResult) -> None:
        self.stream.write(f"{len(result.cards)} scorecard(s)\n")


class DummyDiffReporter(Reporter[DiffReport]):
    def report(self, result: DiffReport) -> None:
        self.stream.write(f"identical: {result.identical}\n")


@pytest.mark.parametrize(("command", "target", "expected"), [
    ("score", "test_reporting:DummyScoreReporter", "1 scorecard(s)\n"),
    ("diff", "test_reporting:DummyDiffReporter", "identical: False\n"),
])
def test_a_new_format_is_one_registry_entry(command: str, target: str, expected: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    registry, _, args = TABLES[command]
    monkeypatch.setitem(registry, "dummy", target)  # the one line a new format adds
    assert not registry.is_loaded("dummy")
    result = CliRunner().invoke(app, [command, *args, "--format", "dummy"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_an_unknown_format_names_the_formats_and_a_near_one() -> None:
    result = CliRunner().invoke(app, ["score", SHOP, "--format", "markdwn"])
    assert result.exit_code == 2
    assert result.stderr == ("cjmap: error: unknown format 'markdwn' (did you mean "
                             "'markdown'?); choose one of table, json, markdown, csv\n")


def test_a_clean_lint_imports_only_the_chosen_reporter() -> None:
    script = ("import sys\nfrom cjmap.cli import main\ntry:\n    main(['lint', '-f', 'concise', "
              f"{CLEAN!r}])\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('cjmap.reporting.'))))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120)
    modules = run.stdout.split()
    reporters = [m for m in modules if m.count(".") == 3 and not m.endswith((".base",))]
    assert reporters == ["cjmap.reporting.lint.concise"], modules


# -- Markdown escaping: one function ---------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ping @octo-org/team", f"ping @{ZWSP}octo-org/team"),
    ("fixes #12 and org/repo#3", f"fixes #{ZWSP}12 and org/repo#{ZWSP}3"),
    ("a | b", "a \\| b"),
    ("run `rm -rf`", "run \\`rm -rf\\`"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<details><summary>x</summary>", "&lt;details&gt;&lt;summary&gt;x&lt;/summary&gt;"),
    ("**bold** [link](https://x.example)", "\\*\\*bold\\*\\* \\[link\\](https://x.example)"),
    ("AT&amp;T", "AT&amp;amp;T"),
    ("# heading", "\\# heading"),
    ("two\nlines", "two lines"),
    ("email me@x.org", f"email me@{ZWSP}x.org"),
])
def test_markdown_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_markdown_escape_in_a_cell_and_with_backslashed_angles() -> None:
    assert escape("-2", line_start=False) == "-2"
    assert escape("-2") == "\\-2"
    assert escape("Shop <checkout> | test", angles="backslash") == "Shop \\<checkout\\> \\| test"
    assert escape("x" * 10, limit=5) == "xxxx…"
    assert code("a|b", in_table=True) == "`a\\|b`"
    assert code("has `tick`") == "has \\`tick\\`"


def test_score_markdown_neutralises_mentions_and_issue_links(tmp_path: Path) -> None:
    source = Path(SHOP).read_text(encoding="utf-8")
    title = next(line for line in source.splitlines() if line.startswith("title:"))
    hostile = tmp_path / "ping.cjmap.yaml"
    hostile.write_text(source.replace(title, 'title: "ping @octo-org/team and #1"'),
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(hostile), "-f", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert f"## ping @{ZWSP}octo-org/team and #{ZWSP}1 (shop)" in result.stdout
    assert "@octo-org" not in result.stdout and "#1" not in result.stdout


def test_lint_job_summary_neutralises_mentions(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.cjmap.yaml").write_text("cjmap: 1\nid: m\ntitle: x\nstages: []\nowner: '@all'\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    CliRunner().invoke(app, ["lint", "-f", "github", "--select", "CJ003", "m.cjmap.yaml"])
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| m.cjmap.yaml |" in summary
    assert "@all" not in summary


# -- no global side effects from the library --------------------------------------------------

class _Node:
    partner: object


def test_loading_leaves_a_callers_reference_cycles_collectable() -> None:
    from cjmap.lint.engine import LintOptions, lint_file
    from cjmap.load import load_bytes

    raw = Path(CLEAN).read_bytes()
    load_bytes(raw, "first.cjmap.yaml")
    node = _Node()
    node.partner = node  # a cycle: only the cyclic collector can free it
    alive = weakref.ref(node)
    del node
    frozen = gc.get_freeze_count()
    load_bytes(raw, "second.cjmap.yaml")
    lint_file(CLEAN, LintOptions())
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.collect()
    assert alive() is None


# -- terminal concerns: one rule each ---------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("ci", "shown"), [(None, True), ("", True), ("false", True),
                                           ("0", True), ("no", True), ("true", False),
                                           ("1", False), ("yes", False)])
def test_one_ci_rule_for_every_progress_bar(ci: str | None, shown: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert wants_progress(_Terminal(), None) is shown
    assert wants_progress(io.StringIO(), None) is False
    assert wants_progress(io.StringIO(), True) is True


def test_printable_escapes_control_characters() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("tab\there\nnext\u2028\x9b") == "tab\\there\\nnext\\u2028\\x9b"
    assert printable("café → ✓") == "café → ✓"


def test_messages_escape_control_characters_in_file_names(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "evil\x1b[2J.cjmap.yaml"
    Path(name).write_bytes(Path(CLEAN).read_bytes())
    shutil.copytree(ROOT / "examples" / "library", "library")  # the library it uses
    from cjmap.commands.render import render

    stderr = io.StringIO()
    code_ = render([name], output_format="dot", streams=Streams(io.StringIO(), stderr))
    assert code_ == 0
    assert stderr.getvalue() == "Wrote evil\\x1b[2J.dot\n"
    result = CliRunner().invoke(app, ["init", "new\x07.cjmap.yaml"])
    assert result.exit_code == 0
    assert "\x07" not in result.stdout and "new\\x07.cjmap.yaml" in result.stdout
    result = CliRunner().invoke(app, ["score", "missing\x1b.cjmap.yaml"])
    assert result.exit_code == 2 and "\x1b" not in result.stderr, result.stderr
    Path("broken\x1b[2J.cjmap.yaml").write_text("cjmap: 1\n", encoding="utf-8")
    for fmt in ("text", "concise"):
        result = CliRunner().invoke(app, ["lint", "-f", fmt, "broken\x1b[2J.cjmap.yaml"])
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout and "broken\\x1b[2J.cjmap.yaml" in result.stdout


def test_a_closed_stdout_is_exit_2_with_one_line(tmp_path: Path) -> None:
    run = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m cjmap lint -f json "{CLEAN}" >&-'],
        capture_output=False, stderr=subprocess.PIPE, text=True, check=False, timeout=120)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("cjmap: error: standard output")
    # A report to a file needs no stdout.
    out = tmp_path / "r.json"
    run = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m cjmap lint -f json:"{out}" "{CLEAN}" >&-'],
        stderr=subprocess.PIPE, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("{")


def test_jobs_are_capped_at_the_cores() -> None:
    from cjmap.commands.lint import capped_jobs
    from cjmap.lint.engine import default_jobs

    cores = default_jobs()
    assert capped_jobs(None) == cores
    assert capped_jobs(1) == 1
    assert capped_jobs(cores + 1000) == cores
    result = CliRunner().invoke(app, ["lint", "-j", "100000", CLEAN])
    assert result.exit_code == 0, result.stderr


# -- help reads well -------------------------------------------------------------------------

COMMANDS = ["lint", "rules", "schema", "init", "render", "diff", "score", "history", "preview"]


def test_help_shows_whole_first_sentences() -> None:
    listing = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"}).stdout
    flat = " ".join(listing.split())
    for name in COMMANDS:
        command = next(c for c in app.registered_commands if c.name == name)
        assert command.callback is not None
        first = " ".join((command.callback.__doc__ or "").split("\n\n")[0].split())
        assert first.endswith(".") and f"{name} {first}" in flat, (name, first)
    assert "..." not in listing.split("Commands:")[1]


@pytest.mark.parametrize("name", [*COMMANDS, "metrics list", "metrics update"])
def test_help_placeholders_are_readable(name: str) -> None:
    text = CliRunner().invoke(app, [*name.split(), "--help"], env={"COLUMNS": "100"}).stdout
    for typer_spelling in ("<list[str]>", "<str>", "<path>", "<int>", "<float>", "{"):
        assert typer_spelling not in text, (name, typer_spelling)


# -- size limits in the code this layer owns -------------------------------------------------

OWNED = [*sorted((SRC / "reporting").rglob("*.py")), *sorted((SRC / "commands").glob("*.py")),
         SRC / "cli.py", SRC / "terminal.py", SRC / "fastgc.py", SRC / "choices.py",
         SRC / "output.py"]


@pytest.mark.parametrize("path", OWNED, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 500
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 60, f"{path.name}: {node.name} has {length} lines"
