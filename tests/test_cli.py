"""The command line through typer's CliRunner, and through a real subprocess.

Expected outputs are written out by hand from the small map tests/data/shop.cjmap.yaml
(positions counted in it) and the formats documented in docs/cli.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap import __version__
from cjmap.cli import app
from cjmap.commands.schema import schema_text
from cjmap.lint.registry import RULES
from cjmap.model import json_schema
from helpers import ROOT, shop_map

TODAY = dt.date.today().isoformat()

# Findings with every rule on: CJ205 at the touchpoint's mapping (10:9), CJ201 and
# CJ202 at the pain point's id (14:28, 'slow' ends at column 32).
MAP = shop_map(reviewed=TODAY)
PAIN_LINE = "        pain_points: [{id: slow, title: Slow, severity: 2}]"

CONCISE = """\
m.cjmap.yaml:10:9: CJ205 [info] touchpoint 'cart' has no owner
m.cjmap.yaml:14:28: CJ201 [warning] pain point 'slow' is not addressed by any opportunity
m.cjmap.yaml:14:28: CJ202 [warning] pain point 'slow' has no evidence behind it
"""

TEXT = """\
m.cjmap.yaml
  10:9   info     touchpoint 'cart' has no owner  CJ205 missing-owner
  14:28  warning  pain point 'slow' is not addressed by any opportunity  CJ201 unaddressed-pain
  14:28  warning  pain point 'slow' has no evidence behind it  CJ202 pain-without-evidence

1 file checked: 0 errors, 2 warnings, 1 info in 1 file.
"""

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the map in it and no configuration above it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "m.cjmap.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


# -- lint formats ------------------------------------------------------------------------------

def test_lint_concise(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", "m.cjmap.yaml"])
    assert result.exit_code == 0  # warnings and info only; the default --fail-on is error
    assert result.stdout == CONCISE


def test_lint_text_without_a_terminal(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "m.cjmap.yaml"])
    assert result.exit_code == 0
    assert result.stdout == TEXT
    assert "\x1b[" not in result.stdout


def test_lint_text_code_frame_on_a_terminal(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "m.cjmap.yaml"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    plain = ANSI.sub("", result.stdout)
    frame = f"  14 │ {PAIN_LINE}\n     │ {' ' * 27}^^^^\n"
    assert frame in plain
    assert "  10 │       - id: cart\n" in plain
    # Without the frames, the terminal output says the same as the plain one.
    without_frames = "".join(line for line in plain.splitlines(keepends=True)
                             if "│" not in line)
    assert without_frames == TEXT


def test_no_color_wins_over_force_color(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "m.cjmap.yaml"],
                           env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.stdout == TEXT


def test_lint_json(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "json", "m.cjmap.yaml"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)

    def finding(code: str, name: str, severity: str, message: str, start: tuple[int, int],
                end: tuple[int, int], pointer: str) -> dict[str, object]:
        return {"code": code, "name": name, "severity": severity, "message": message,
                "file": "m.cjmap.yaml", "line": start[0], "column": start[1],
                "end_line": end[0], "end_column": end[1], "pointer": pointer}

    pain = "/stages/0/touchpoints/0/pain_points/0/id"
    assert document == {
        "version": 1,
        "summary": {"files": 1, "files_with_findings": 1, "error": 0, "warning": 2,
                    "info": 1, "success": True},
        "files": [{"path": "m.cjmap.yaml", "loaded": True, "findings": 3}],
        "findings": [
            # A block mapping ends where the next token starts: here the end of the
            # file, line 15 column 1 (after the last newline).
            finding("CJ205", "missing-owner", "info", "touchpoint 'cart' has no owner",
                    (10, 9), (15, 1), "/stages/0/touchpoints/0"),
            finding("CJ201", "unaddressed-pain", "warning",
                    "pain point 'slow' is not addressed by any opportunity", (14, 28), (14, 32),
                    pain),
            finding("CJ202", "pain-without-evidence", "warning",
                    "pain point 'slow' has no evidence behind it", (14, 28), (14, 32), pain),
        ],
    }


def test_lint_json_for_a_broken_map(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "bad.cjmap.yaml").write_text("cjmap: 1\nid: Bad\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--format", "json", "bad.cjmap.yaml"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"]["success"] is False
    assert document["files"] == [{"path": "bad.cjmap.yaml", "loaded": False, "findings": 2}]
    assert [(f["code"], f["line"], f["column"], f["pointer"]) for f in document["findings"]] == [
        ("CJ003", 1, 1, ""), ("CJ003", 2, 5, "/id")]


# -- lint options ------------------------------------------------------------------------------

@pytest.mark.parametrize(("fail_on", "code"), [
    ("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(runner: CliRunner, in_tmp: Path, fail_on: str, code: int) -> None:
    result = runner.invoke(app, ["lint", "--fail-on", fail_on, "m.cjmap.yaml"])
    assert result.exit_code == code


def test_fail_on_never_even_for_a_broken_map(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "m.cjmap.yaml").write_text("- not a map\n", encoding="utf-8")
    assert runner.invoke(app, ["lint", "m.cjmap.yaml"]).exit_code == 1
    assert runner.invoke(app, ["lint", "--fail-on", "never", "m.cjmap.yaml"]).exit_code == 0


def test_bad_fail_on_is_a_usage_error(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--fail-on", "sometimes", "m.cjmap.yaml"])
    assert result.exit_code == 2


@pytest.mark.parametrize(("args", "codes"), [
    (["--select", "CJ201"], ["CJ201"]),
    (["--select", "CJ201,CJ205"], ["CJ205", "CJ201"]),
    (["--select", "CJ201", "--select", "CJ202"], ["CJ201", "CJ202"]),
    (["--ignore", "CJ20"], []),
    (["--ignore", "CJ205"], ["CJ201", "CJ202"]),
    (["--select", "CJ2", "--ignore", "CJ202"], ["CJ205", "CJ201"]),
])
def test_select_and_ignore(runner: CliRunner, in_tmp: Path, args: list[str],
                           codes: list[str]) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", *args, "m.cjmap.yaml"])
    assert [line.split(" ")[1] for line in result.stdout.splitlines()] == codes


def test_select_rejects_what_is_not_a_code(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--select", "E501", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "'E501' is not a rule code or prefix" in one_line(result.stderr)


def test_unknown_format_is_a_usage_error(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "xml", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "unknown format 'xml'" in one_line(result.stderr)


def test_output_is_written_atomically(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", "--output", "report.txt",
                                 "m.cjmap.yaml"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (in_tmp / "report.txt").read_text(encoding="utf-8") == CONCISE
    assert one_line(result.stderr) == (
        "1 file checked: 0 errors, 2 warnings, 1 info in 1 file. Report written to report.txt.")
    # Nothing but the map and the report: no temporary file left behind.
    assert sorted(p.name for p in in_tmp.iterdir()) == ["m.cjmap.yaml", "report.txt"]


def test_output_never_over_an_input(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--output", "m.cjmap.yaml", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "refusing to write output over an input" in one_line(result.stderr)
    assert (in_tmp / "m.cjmap.yaml").read_text(encoding="utf-8") == MAP


def test_output_into_a_missing_directory(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--output", "no/such/dir/r.txt", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "does not exist" in one_line(result.stderr)


def test_stdin_with_a_file_name(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", "--stdin-filename",
                                 "shown.cjmap.yaml", "-"], input=MAP)
    assert result.exit_code == 0
    assert result.stdout == CONCISE.replace("m.cjmap.yaml", "shown.cjmap.yaml")


def test_stdin_without_a_file_name(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", "-"], input="cjmap: 1\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:1: CJ003 [error] missing required field 'id'")


def test_statistics(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "concise", "--statistics",
                                 "m.cjmap.yaml"])
    # After the report: count, code and name per rule, most frequent first, ties by code.
    assert result.stdout == CONCISE + (
        "    1  CJ201  unaddressed-pain\n"
        "    1  CJ202  pain-without-evidence\n"
        "    1  CJ205  missing-owner\n")


def test_several_files_and_directories(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "sub").mkdir()
    (in_tmp / "sub" / "n.cjmap.yaml").write_text(MAP, encoding="utf-8")
    (in_tmp / "sub" / "notes.yaml").write_text("not: a map\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--format", "concise", "--select", "CJ205"])
    assert result.stdout == ("m.cjmap.yaml:10:9: CJ205 [info] touchpoint 'cart' has no owner\n"
                             "sub/n.cjmap.yaml:10:9: CJ205 [info] touchpoint 'cart' has no owner\n")


def test_missing_file_is_exit_2_with_one_line(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "missing.cjmap.yaml"])
    assert result.exit_code == 2
    assert one_line(result.stderr) == "cjmap: error: missing.cjmap.yaml: no such file"
    assert result.stdout == ""


def test_directory_with_no_maps(runner: CliRunner, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readme.md").write_text("hi\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "."])
    # Like ruff: nothing to check is not a failure, but it is said.
    assert result.exit_code == 0
    assert one_line(result.stderr).startswith("cjmap: warning: no map files found")
    assert result.stdout == "0 files checked: no problems.\n"


def test_a_map_with_an_error_fails(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "m.cjmap.yaml").write_text(MAP.replace("channel: web", "channel: fax"),
                                         encoding="utf-8")
    result = runner.invoke(app, ["lint", "--format", "concise", "--select", "CJ102",
                                 "m.cjmap.yaml"])
    assert result.exit_code == 1
    assert result.stdout == (
        "m.cjmap.yaml:12:18: CJ102 [error] unknown channel 'fax'\n")


# -- rules, schema, init, version ----------------------------------------------------------------

def test_rules_lists_every_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in RULES]
    assert lines[0].split()[:3] == ["CJ001", "yaml-syntax", "error"]
    assert "a pain point no opportunity addresses" in result.stdout.lower()


@pytest.mark.parametrize("name", ["CJ201", "cj201", "unaddressed-pain"])
def test_rules_explains_one(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, ["rules", name])
    assert result.exit_code == 0
    assert result.stdout.startswith("CJ201 unaddressed-pain (warning)\n\n"
                                    "A pain point no opportunity addresses.\n")
    assert "Passing" in result.stdout and "Failing" in result.stdout


def test_rules_unknown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "CJ999"])
    assert result.exit_code == 2
    assert "unknown rule 'CJ999'" in one_line(result.stderr)


def test_schema_prints_the_generated_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == schema_text()


def test_schema_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()


def test_init_then_lint_is_clean(runner: CliRunner, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "my-journey.cjmap.yaml"])
    assert result.exit_code == 0
    assert "Wrote my-journey.cjmap.yaml" in result.stdout
    lint = runner.invoke(app, ["lint", "--fail-on", "info", "my-journey.cjmap.yaml"])
    assert lint.exit_code == 0, lint.stdout
    assert lint.stdout == "1 file checked: no problems.\n"
    text = (tmp_path / "my-journey.cjmap.yaml").read_text(encoding="utf-8")
    assert "id: my-journey\n" in text
    assert f"reviewed: {TODAY}\n" in text


def test_init_refuses_to_overwrite(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["init", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "already exists" in one_line(result.stderr)
    assert (in_tmp / "m.cjmap.yaml").read_text(encoding="utf-8") == MAP
    assert runner.invoke(app, ["init", "--force", "m.cjmap.yaml"]).exit_code == 0
    assert (in_tmp / "m.cjmap.yaml").read_text(encoding="utf-8") != MAP


def test_init_into_a_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "nope" / "m.cjmap.yaml")])
    assert result.exit_code == 2
    assert "does not exist" in one_line(result.stderr)
    assert "Wrote" not in result.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"cjmap {__version__}\n"


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    # Like ruff: help, and exit 2 (no command is a usage error); --help itself is exit 0.
    assert result.exit_code == 2
    assert "Usage: cjmap" in result.output
    for name in ("lint", "rules", "schema", "init", "render", "diff", "score"):
        assert f"  {name} " in result.output
    assert runner.invoke(app, ["--help"]).exit_code == 0


def test_unknown_option_is_exit_2(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--frobnicate", "m.cjmap.yaml"])
    assert result.exit_code == 2


# -- internal errors -----------------------------------------------------------------------------

def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_exit_3_with_one_line(runner: CliRunner, in_tmp: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cjmap.commands.lint.lint_paths", _boom)
    result = runner.invoke(app, ["lint", "m.cjmap.yaml"])
    assert result.exit_code == 3
    line = one_line(result.stderr)
    assert line.startswith("cjmap: internal error: RuntimeError: boom")
    assert "--debug" in line
    assert "Traceback" not in result.output


def test_internal_error_with_debug_shows_the_traceback(runner: CliRunner, in_tmp: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cjmap.commands.lint.lint_paths", _boom)
    result = runner.invoke(app, ["--debug", "lint", "m.cjmap.yaml"])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom" in result.stderr
    # The next run without --debug must not inherit it.
    again = runner.invoke(app, ["lint", "m.cjmap.yaml"])
    assert "Traceback" not in again.stderr


# -- a real process ------------------------------------------------------------------------------

def _env(**extra: str) -> dict[str, str]:
    """This process's environment without FORCE_COLOR and NO_COLOR, and with ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(extra)
    return env


def _run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60, env=_env(), check=False)


def _lint_cj003_ascii(fmt: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``cjmap lint --format FMT --select CJ003 m.cjmap.yaml`` with an ASCII-only stdout."""
    return subprocess.run([sys.executable, "-m", "cjmap", "lint", "--format", fmt,
                           "--select", "CJ003", "m.cjmap.yaml"], cwd=cwd,
                          env=_env(PYTHONIOENCODING="ascii"), capture_output=True, timeout=60,
                          check=False)


def test_subprocess_lint(in_tmp: Path) -> None:
    done = _run("lint", "--format", "concise", "m.cjmap.yaml", cwd=in_tmp)
    assert done.returncode == 0, done.stderr
    assert done.stdout == CONCISE
    assert done.stderr == ""


def test_subprocess_missing_file_and_stdin(in_tmp: Path) -> None:
    done = _run("lint", "missing.cjmap.yaml", cwd=in_tmp)
    assert done.returncode == 2
    assert one_line(done.stderr) == "cjmap: error: missing.cjmap.yaml: no such file"
    done = _run("lint", "--format", "concise", "-", cwd=in_tmp, stdin="- a list\n")
    assert done.returncode == 1
    assert done.stdout.startswith("-:1:1: CJ001 [error] the top level is a list")
    assert "Traceback" not in done.stderr


def test_subprocess_closed_stdout_is_not_an_error(in_tmp: Path) -> None:
    # `cjmap rules | head -1`: a reader that stops early must not cause a traceback.
    with subprocess.Popen([sys.executable, "-m", "cjmap", "rules"], cwd=in_tmp, env=_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert "Traceback" not in err


def test_output_to_a_directory_is_exit_2(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "reports").mkdir()
    result = runner.invoke(app, ["lint", "--output", "reports", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert "reports: is a directory" in one_line(result.stderr)
    assert (in_tmp / "reports").is_dir()


def test_output_to_a_named_pipe_keeps_the_pipe(runner: CliRunner, in_tmp: Path) -> None:
    # Renaming a temporary file over a pipe or a device (/dev/stdout) would replace it.
    import stat
    import threading

    fifo = in_tmp / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["lint", "--format", "concise", "--output", str(fifo),
                                 "m.cjmap.yaml"])
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [CONCISE.encode()]


def test_rules_markdown_is_docs_rules_md(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--markdown"])
    assert result.exit_code == 0
    docs = ROOT / "docs" / "rules.md"
    assert result.stdout == docs.read_text(encoding="utf-8")
    assert runner.invoke(app, ["rules", "--markdown", "CJ201"]).exit_code == 2


def _doc_blocks() -> list[str]:
    docs = ROOT / "docs" / "cli.md"
    return re.findall(r"```[a-z]*\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)


def test_docs_cli_examples_are_true(runner: CliRunner, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _doc_blocks()
    source = next(b for b in blocks if b.startswith("cjmap: 1\nid: shop\n"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "doc.cjmap.yaml").write_text(source, encoding="utf-8")
    args = ["lint", "--select", "CJ103,CJ204", "doc.cjmap.yaml"]

    concise = next(b for b in blocks if b.startswith("doc.cjmap.yaml:"))
    assert runner.invoke(app, [*args, "--format", "concise"]).stdout == concise

    framed = next(b for b in blocks if b.startswith("doc.cjmap.yaml\n"))
    colored = runner.invoke(app, args, env={"FORCE_COLOR": "1"}).stdout
    assert ANSI.sub("", colored) == framed
    plain = "".join(line for line in framed.splitlines(keepends=True) if "│" not in line)
    assert runner.invoke(app, args).stdout == plain

    shape = next(b for b in blocks if b.startswith('{\n  "version"'))
    result = runner.invoke(app, [*args, "--format", "json"])
    assert json.loads(result.stdout) == json.loads(shape)


def test_subprocess_output_encoding_that_cannot_show_the_text(in_tmp: Path) -> None:
    (in_tmp / "m.cjmap.yaml").write_text(MAP + "x: 1\ntïtle: Café\n", encoding="utf-8")
    done = _lint_cj003_ascii("concise", in_tmp)
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode("ascii").splitlines() == [
        "m.cjmap.yaml:15:1: CJ003 [error] unknown field 'x'",
        "m.cjmap.yaml:16:1: CJ003 [error] unknown field 't\\xeftle' (did you mean 'title'?)",
    ]


def test_subprocess_json_stays_json_on_an_ascii_stream(in_tmp: Path) -> None:
    (in_tmp / "m.cjmap.yaml").write_text(MAP + "tïtle: Café\n", encoding="utf-8")
    done = _lint_cj003_ascii("json", in_tmp)
    assert done.returncode == 1
    document = json.loads(done.stdout.decode("ascii"))
    assert document["findings"][0]["message"] == "unknown field 'tïtle' (did you mean 'title'?)"
    assert document["findings"][0]["pointer"] == "/tïtle"


def test_json_is_utf8_when_the_stream_takes_it(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "m.cjmap.yaml").write_text(MAP + "tïtle: Café\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--format", "json", "--output", "r.json",
                                 "--select", "CJ003", "m.cjmap.yaml"])
    assert result.exit_code == 1
    assert '"pointer": "/tïtle"' in (in_tmp / "r.json").read_text(encoding="utf-8")


def test_a_new_format_is_one_registry_entry(runner: CliRunner, in_tmp: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from cjmap.lint.engine import LintResult
    from cjmap.reporting.formats import REPORTERS
    from cjmap.reporting.lint.base import LintReporter as Reporter

    class CountReporter(Reporter):
        def report(self, result: LintResult) -> None:
            self.stream.write(f"{len(result.findings)} findings\n")

    monkeypatch.setitem(REPORTERS, "count", CountReporter)
    result = runner.invoke(app, ["lint", "--format", "count", "m.cjmap.yaml"])
    assert result.exit_code == 0
    assert result.stdout == "3 findings\n"


# -- code frames -------------------------------------------------------------------------------

def test_frame_window_short_line_is_kept() -> None:
    from cjmap.reporting.lint.text import frame_window

    assert frame_window("  title: x", 10, 1) == ("  title: x", 10, 1)
    assert frame_window("a:\tb", 4, 1) == ("a: b", 4, 1)  # a tab is one column, shown as one


def test_frame_window_cuts_a_long_line_around_the_span() -> None:
    from cjmap.reporting.lint.text import FRAME_WIDTH, frame_window

    line = "x" * 499 + "SPAN" + "y" * 497
    shown, column, length = frame_window(line, 500, 4)
    assert len(shown) == FRAME_WIDTH
    assert shown[0] == "…" and shown[-1] == "…"
    assert shown[column - 1 : column - 1 + length] == "SPAN"
    # At the very end of the line: no ellipsis after it, the span still underlined.
    shown, column, length = frame_window(line, 1000, 1)
    assert shown.endswith("y") and shown[column - 1] == "y" and length == 1


def test_frame_never_prints_terminal_control_characters() -> None:
    from cjmap.reporting.lint.text import frame_window

    shown, _, _ = frame_window("title: \x1b[31mred\x07", 8, 1)
    assert shown == "title: ?[31mred?"


def test_code_frame_of_a_one_line_map_stays_short(runner: CliRunner, in_tmp: Path) -> None:
    touchpoints = ", ".join(f"{{id: t{i}, name: T{i}}}" for i in range(300))
    text = ("{cjmap: 1, id: m, title: T, stages: [{id: s, name: S, touchpoints: ["
            + touchpoints + "]}]}\n")
    (in_tmp / "m.cjmap.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", "--select", "CJ204", "m.cjmap.yaml"],
                           env={"FORCE_COLOR": "1"})
    plain = ANSI.sub("", result.stdout)
    frames = [line for line in plain.splitlines() if "│" in line]
    assert len(frames) == 2 * 300
    assert max(len(line) for line in frames) < 120


def test_output_never_over_a_map_found_in_a_directory(runner: CliRunner, in_tmp: Path) -> None:
    for args in (["--format", "concise", "--output", "m.cjmap.yaml"],
                 ["--write-baseline", "m.cjmap.yaml"]):
        result = runner.invoke(app, ["lint", *args, "."])
        assert result.exit_code == 2, result.output
        assert "refusing to write output over an input" in one_line(result.stderr)
        assert (in_tmp / "m.cjmap.yaml").read_text(encoding="utf-8") == MAP


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "junit"])
def test_a_file_name_that_is_not_utf8(runner: CliRunner, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    # os.walk hands such names over with surrogates; no report may fail on them.
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.cjmap.yaml")
    try:
        Path(name).write_text("cjmap: 1\n", encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system does not take non-UTF-8 names")
    to_file = runner.invoke(app, ["lint", "--format", fmt, "--output", "report.out", "."])
    assert to_file.exit_code == 1, to_file.stderr
    written = (tmp_path / "report.out").read_bytes()
    assert b"caf" in written
    if fmt in ("json", "sarif"):
        json.loads(written)
    if fmt in ("text", "json"):
        # To standard output: only the real entry point sets up its error handling.
        done = _run("lint", "--format", fmt, ".", cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "caf" in done.stdout


def test_statistics_keep_machine_output_parseable(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "json", "--statistics", "m.cjmap.yaml"])
    assert len(json.loads(result.stdout)["findings"]) == 3
    assert result.stderr == ("    1  CJ201  unaddressed-pain\n"
                             "    1  CJ202  pain-without-evidence\n"
                             "    1  CJ205  missing-owner\n")
